import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSignificantBounce, watchForBounces } from '../../../src/core/job/bounce-watch.ts';

test('a tenth of what moved coming back is significant; less is not', () => {
  assert.ok(isSignificantBounce(10, 100));
  assert.ok(!isSignificantBounce(9, 100));
  assert.ok(isSignificantBounce(1, 3));
  assert.ok(!isSignificantBounce(0, 3));
  assert.ok(!isSignificantBounce(5, 0));
});

test('reports the first significant bounce once, with the numbers', async () => {
  const depths = [2, 4, 30, 60];
  const seen: number[] = [];
  const bounce = await watchForBounces({
    depthAtEnd: 2,
    moved: 100,
    minutes: 1,
    intervalMs: 1,
    depth: async () => depths.shift() ?? 0,
    onBounce: async (b) => void seen.push(b.back),
  });
  assert.equal(bounce?.back, 28);
  assert.deepEqual(seen, [28]);
});

test('stops quietly when the bot stops', async () => {
  const controller = new AbortController();
  controller.abort();
  const bounce = await watchForBounces({
    depthAtEnd: 0,
    moved: 10,
    minutes: 1,
    intervalMs: 10,
    depth: async () => 100,
    onBounce: async () => assert.fail('no report after stop'),
    signal: controller.signal,
  });
  assert.equal(bounce, undefined);
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createSimulatedAlarm, type StateChange } from '../../../src/demo/cloudwatch/simulated-alarm.ts';

/** A queue whose depth the test sets, and the state changes the alarm delivered. */
function rig(options: { depth: number; fail?: number; backfillMs?: number; now?: () => number; okAfter?: number }) {
  const queue = { depth: options.depth };
  const delivered: StateChange[] = [];
  let failures = options.fail ?? 0;
  const alarm = createSimulatedAlarm({
    queueName: 'orders-dlq',
    depth: async () => queue.depth,
    deliver: async (change) => {
      if (failures > 0) {
        failures -= 1;
        throw new Error('bot unreachable');
      }
      delivered.push(change);
    },
    ...(options.backfillMs !== undefined ? { backfillMs: options.backfillMs } : {}),
    ...(options.now ? { now: options.now } : {}),
    okAfterSamples: options.okAfter ?? 1,
  });
  return { queue, delivered, alarm };
}

describe('simulated CloudWatch alarm', () => {
  test('fires ALARM once while the DLQ holds messages, OK once it is empty, ALARM again when it refills', async () => {
    const { queue, delivered, alarm } = rig({ depth: 300 });
    assert.equal(alarm.state, 'OK');
    assert.equal((await alarm.tick())?.state, 'ALARM');
    assert.equal(await alarm.tick(), undefined, 'no second ALARM while it stays in ALARM');
    queue.depth = 120;
    assert.equal(await alarm.tick(), undefined, 'still at or above the threshold');
    queue.depth = 0;
    assert.equal((await alarm.tick())?.state, 'OK');
    assert.equal(await alarm.tick(), undefined);
    queue.depth = 4;
    await alarm.tick();
    assert.deepEqual(
      delivered.map((c) => [c.previous, c.state, c.depth]),
      [
        ['OK', 'ALARM', 300],
        ['ALARM', 'OK', 0],
        ['OK', 'ALARM', 4],
      ],
    );
    assert.equal(alarm.state, 'ALARM');
  });

  test('returns to OK only after enough samples in a row below the threshold, as CloudWatch evaluates periods', async () => {
    const { queue, delivered, alarm } = rig({ depth: 50, okAfter: 3 });
    await alarm.tick();
    queue.depth = 0;
    assert.equal(await alarm.tick(), undefined);
    queue.depth = 2;
    await alarm.tick();
    queue.depth = 0;
    assert.equal(await alarm.tick(), undefined);
    assert.equal(await alarm.tick(), undefined);
    assert.equal((await alarm.tick())?.state, 'OK', 'the third empty sample in a row');
    assert.deepEqual(
      delivered.map((c) => c.state),
      ['ALARM', 'OK'],
    );
  });

  test('an empty queue at the start sends nothing', async () => {
    const { delivered, alarm } = rig({ depth: 0 });
    await alarm.tick();
    assert.deepEqual(delivered, []);
    assert.equal(alarm.filledSince, undefined);
  });

  test('a failed delivery keeps the old state, so the next tick delivers again', async () => {
    const { delivered, alarm } = rig({ depth: 10, fail: 1 });
    await assert.rejects(alarm.tick(), /bot unreachable/);
    assert.equal(alarm.state, 'OK');
    assert.equal((await alarm.tick())?.state, 'ALARM');
    assert.equal(delivered.length, 1);
  });

  test('backfills a history of the queue filling up, and knows since when it holds messages', async () => {
    const now = Date.UTC(2026, 10, 1, 12, 0, 0);
    const { queue, alarm } = rig({ depth: 300, backfillMs: 50 * 60_000, now: () => now });
    await alarm.tick();
    const values = alarm.history.map((s) => s.value);
    assert.equal(values[0], 0, 'empty before it filled');
    assert.equal(values.at(-1), 300, 'the sample now');
    assert.ok(
      values.every((v, i) => i === 0 || v >= (values[i - 1] ?? 0)),
      'rising',
    );
    assert.equal(alarm.history[0]?.at, now - 55 * 60_000);
    assert.equal(alarm.filledSince, now - 45 * 60_000, 'the first sample above zero');
    queue.depth = 0;
    await alarm.tick();
    assert.equal(alarm.filledSince, undefined);
  });

  test('start() samples on its own until stop()', async () => {
    const queue = { depth: 5 };
    const delivered: StateChange[] = [];
    const alarm = createSimulatedAlarm({
      queueName: 'q',
      intervalMs: 10,
      depth: async () => queue.depth,
      deliver: async (change) => void delivered.push(change),
      okAfterSamples: 2,
    });
    alarm.start();
    for (let i = 0; i < 100 && delivered.length === 0; i++) await sleep(10);
    queue.depth = 0;
    for (let i = 0; i < 100 && delivered.length < 2; i++) await sleep(10);
    await alarm.stop();
    const samples = alarm.history.length;
    await sleep(40);
    assert.equal(alarm.history.length, samples, 'no samples after stop()');
    assert.deepEqual(
      delivered.map((c) => c.state),
      ['ALARM', 'OK'],
    );
  });
});

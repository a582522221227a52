import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { MoveProgress } from '../../src/core/mover/types.ts';
import { createThreadedEngine } from '../../src/workers/threaded-engine.ts';
import { assertNothingLost, seedPair } from '../support/queues.ts';
import { type Fauxqs, startFauxqsPeer } from '../support/sqs-peers.ts';

// The worker builds its SQS client from the environment, as the bot does in production.
let peer: Fauxqs;
const saved = { ...process.env };
before(async () => {
  peer = await startFauxqsPeer();
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_SQS: peer.endpoint,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
  });
});
after(async () => {
  process.env = saved;
  await peer.stop();
});

describe('moves in a worker thread', () => {
  test('moves the messages and reports progress back to the main thread', async () => {
    const pair = await seedPair(peer, { src: 'thr-src', dst: 'thr-dst' }, 300);
    const progress: MoveProgress[] = [];
    const result = await createThreadedEngine('client').move({ ...pair, onProgress: (p) => progress.push(p) });
    assert.equal(result.moved, 300);
    assert.equal(peer.bodies('thr-dst').length, 300);
    assertNothingLost(peer, pair);
    assert.ok(progress.length > 0, 'progress crossed the thread boundary');
  });

  test('cancel reaches the worker; nothing is left invisible', async () => {
    const pair = await seedPair(peer, { src: 'thr-src2', dst: 'thr-dst2' }, 600);
    const controller = new AbortController();
    const result = await createThreadedEngine('client').move({
      ...pair,
      ratePerSec: 200,
      signal: controller.signal,
      onProgress: (p) => p.moved >= 20 && controller.abort(),
    });
    assert.equal(result.stoppedBy, 'cancelled');
    assert.ok(result.moved < 600);
    assert.equal(peer.counts('thr-src2').inflight, 0);
    assertNothingLost(peer, pair);
  });

  test('an error in the worker comes back as a rejection with its message', async () => {
    const pair = await seedPair(peer, { src: 'thr-src3', dst: 'thr-dst3' }, 1);
    await assert.rejects(
      createThreadedEngine('client').move({ source: pair.source, destination: pair.source }),
      /same queue/,
    );
  });
});

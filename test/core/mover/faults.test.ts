import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createClientEngine } from '../../../src/core/mover/client-engine.ts';
import { type FaultProxy, startFaultProxy } from '../../support/fault-proxy.ts';
import { assertNothingLost, seedPair } from '../../support/queues.ts';
import { type Fauxqs, sqsClientFor, startFauxqsPeer } from '../../support/sqs-peers.ts';

// Every test: the mover talks to fauxqs through a proxy that injects faults; the assertions read fauxqs directly.
let peer: Fauxqs;
let proxy: FaultProxy;
let n = 0;
const names = (fifo = false) => {
  n++;
  return { src: `fsrc-${n}${fifo ? '.fifo' : ''}`, dst: `fdst-${n}${fifo ? '.fifo' : ''}` };
};

before(async () => {
  peer = await startFauxqsPeer();
  proxy = await startFaultProxy({ upstream: peer.endpoint, seed: 7 });
});
after(async () => {
  await proxy.close();
  await peer.stop();
});

async function moveThroughProxy(pair: Awaited<ReturnType<typeof seedPair>>, extra = {}) {
  const sqs = sqsClientFor(proxy.endpoint, 2);
  try {
    return await createClientEngine(sqs, { waitTimeSec: 1 }).move({ ...pair, concurrency: 4, ...extra });
  } finally {
    sqs.destroy();
    proxy.clearRules();
  }
}

describe('nothing is lost under faults', () => {
  test('500s on sends, deletes and receives', async () => {
    const pair = await seedPair(peer, names(), 200);
    proxy.addRule({ action: 'SendMessageBatch', fault: 'http500', rate: 0.3 });
    proxy.addRule({ action: 'DeleteMessageBatch', fault: 'http500', rate: 0.3 });
    proxy.addRule({ action: 'ReceiveMessage', fault: 'http500', rate: 0.2 });
    const result = await moveThroughProxy(pair);
    assert.equal(result.moved, 200);
    assert.equal(result.failed, 0);
    assertNothingLost(peer, pair);
    assert.deepEqual(peer.bodies(pair.source.name), []);
  });

  test('throttling', async () => {
    const pair = await seedPair(peer, names(), 150);
    proxy.addRule({ fault: 'throttle', rate: 0.3 });
    const result = await moveThroughProxy(pair);
    assert.equal(result.moved, 150);
    assertNothingLost(peer, pair);
  });

  test('partial SendMessageBatch failures are retried, and only confirmed entries are deleted', async () => {
    const pair = await seedPair(peer, names(), 120);
    proxy.addRule({ action: 'SendMessageBatch', fault: 'partialBatch', rate: 0.5, failEntries: 3 });
    const result = await moveThroughProxy(pair);
    assert.equal(result.moved, 120);
    assert.ok((proxy.stats().faults['SendMessageBatch:partialBatch'] ?? 0) > 0, 'faults were injected');
    assertNothingLost(peer, pair);
  });

  test('partial failures that never clear leave those messages in the source, visible', async () => {
    const pair = await seedPair(peer, names(), 30);
    proxy.addRule({ action: 'SendMessageBatch', fault: 'partialBatch', rate: 1, failEntries: 1 });
    const result = await moveThroughProxy(pair);
    assert.ok(result.failed > 0, 'some failed for good');
    assert.equal(result.moved + result.failed, 30);
    assert.deepEqual(result.failures, { InternalError: result.failed });
    assert.equal(peer.counts(pair.source.name).ready, result.failed, 'failed ones are visible again');
    assertNothingLost(peer, pair);
  });

  test('dropped connections after the destination took the batch duplicate, never lose', async () => {
    const pair = await seedPair(peer, names(), 100);
    proxy.addRule({ action: 'SendMessageBatch', fault: 'drop', when: 'after', times: 3 });
    proxy.addRule({ action: 'DeleteMessageBatch', fault: 'drop', when: 'before', times: 2 });
    const result = await moveThroughProxy(pair);
    assert.equal(result.moved, 100);
    assertNothingLost(peer, pair, { allowDuplicates: true });
    assert.deepEqual(peer.bodies(pair.source.name), []);
  });

  test('FIFO: a send retried after a dropped connection is deduplicated', async () => {
    const pair = await seedPair(peer, names(true), 60, { group: (i) => `g${i % 3}` });
    proxy.addRule({ action: 'SendMessageBatch', fault: 'drop', when: 'after', times: 3 });
    const result = await moveThroughProxy(pair);
    assert.equal(result.moved, 60);
    assertNothingLost(peer, pair); // no duplicates allowed
  });

  test('cancel in the middle of faults', async () => {
    const pair = await seedPair(peer, names(), 300);
    proxy.addRule({ fault: 'http500', rate: 0.2 });
    const controller = new AbortController();
    const result = await moveThroughProxy(pair, {
      signal: controller.signal,
      onProgress: (p: { moved: number }) => p.moved >= 60 && controller.abort(),
    });
    assert.equal(result.stoppedBy, 'cancelled');
    assert.equal(peer.counts(pair.source.name).inflight, 0, 'nothing left invisible');
    assertNothingLost(peer, pair);
  });

  test('a destination that refuses everything stops the move with the reason', async () => {
    const pair = await seedPair(peer, names(), 40);
    proxy.addRule({ action: 'SendMessageBatch', fault: 'http500', times: 10_000 });
    const result = await moveThroughProxy(pair);
    assert.equal(result.moved, 0);
    assert.equal(result.stoppedBy, 'failed');
    assert.match(result.error ?? '', /kept failing \(InternalFailure\)/);
    assert.equal(peer.counts(pair.source.name).ready, 40, 'all visible again in the source');
    assertNothingLost(peer, pair);
  });
});

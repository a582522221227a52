// The fault proxy, exercised with the real SQS client against fauxqs: latency, each fault, seeded rates, stats.

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { type FaultProxy, type FaultRule, startFaultProxy } from '../support/fault-proxy.ts';
import { type Fauxqs, sqsClientFor, startFauxqsPeer } from '../support/sqs-peers.ts';

/** Matches an SDK error by name and HTTP status. */
function awsError(name: string, status: number) {
  return (err: { name?: string; $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(err.name, name);
    assert.equal(err.$metadata?.httpStatusCode, status);
    return true;
  };
}

/** Matches the network error a client sees when its connection is cut. */
function connectionCut(err: Error): boolean {
  assert.match(`${err.name} ${err.message}`, /socket hang up|ECONNRESET/i);
  return true;
}

describe('fault proxy', () => {
  let peer: Fauxqs;
  let proxy: FaultProxy;
  let once: SQSClient;
  let retrying: SQSClient;
  let queueUrl: string;
  let queueNo = 0;

  before(async () => {
    peer = await startFauxqsPeer();
    proxy = await startFaultProxy({ upstream: peer.endpoint });
    once = sqsClientFor(proxy.endpoint, 1);
    retrying = sqsClientFor(proxy.endpoint, 3);
  });

  after(async () => {
    once.destroy();
    retrying.destroy();
    await proxy.close();
    await peer.stop();
  });

  beforeEach(() => {
    queueNo += 1;
    queueUrl = peer.server.createQueue(`q${queueNo}`).queueUrl;
    proxy.clearRules();
    proxy.resetStats();
    proxy.setDelay(0);
  });

  const queueName = () => `q${queueNo}`;
  const entries = (...bodies: string[]) => bodies.map((body, i) => ({ Id: `e${i}`, MessageBody: body }));

  test('forwards calls untouched and counts them per action', async () => {
    await once.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'hello' }));
    const received = await once.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }));
    assert.deepEqual(
      received.Messages?.map((m) => m.Body),
      ['hello'],
    );
    assert.deepEqual(proxy.stats(), { calls: { SendMessage: 1, ReceiveMessage: 1 }, faults: {}, total: 2 });
  });

  test('adds the configured delay to every call', async () => {
    proxy.setDelay(40);
    const started = performance.now();
    for (let i = 0; i < 5; i += 1) await once.send(new GetQueueUrlCommand({ QueueName: queueName() }));
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 5 * 40, `5 calls took ${elapsed.toFixed(0)} ms, expected at least 200`);
    assert.ok(elapsed < 5 * 40 + 1000, `5 calls took ${elapsed.toFixed(0)} ms, far more than the delay`);
  });

  test('http500 answers InternalFailure without forwarding; the SDK retries it', async () => {
    proxy.addRule({ action: 'SendMessage', fault: 'http500', times: 1 });
    await assert.rejects(
      once.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'a' })),
      awsError('InternalFailure', 500),
    );
    assert.deepEqual(peer.bodies(queueName()), []);

    proxy.addRule({ action: 'SendMessage', fault: 'http500', times: 1 });
    await retrying.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'b' }));
    assert.deepEqual(peer.bodies(queueName()), ['b']);
    assert.deepEqual(proxy.stats().calls, { SendMessage: 3 });
    assert.deepEqual(proxy.stats().faults, { 'SendMessage:http500': 2 });
  });

  test('throttle surfaces as RequestThrottled, which the SDK retries as throttling', async () => {
    proxy.addRule({ fault: 'throttle', times: 1 });
    await assert.rejects(
      once.send(new GetQueueUrlCommand({ QueueName: queueName() })),
      awsError('RequestThrottled', 400),
    );

    proxy.addRule({ action: 'SendMessage', fault: 'throttle', times: 1 });
    const sent = await retrying.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'c' }));
    assert.equal(sent.$metadata.attempts, 2);
    assert.deepEqual(peer.bodies(queueName()), ['c']);
  });

  test('drop after forwarding: the client gets a network error but the batch WAS sent', async () => {
    proxy.addRule({ action: 'SendMessageBatch', fault: 'drop', when: 'after', times: 1 });
    const batch = new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries('x', 'y') });
    await assert.rejects(once.send(batch), connectionCut);
    assert.deepEqual(peer.bodies(queueName()).sort(), ['x', 'y']);
  });

  test('drop before forwarding: the client gets a network error and nothing was sent', async () => {
    proxy.addRule({ action: 'SendMessageBatch', fault: 'drop', when: 'before', times: 1 });
    const batch = new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries('x', 'y') });
    await assert.rejects(once.send(batch), connectionCut);
    assert.deepEqual(peer.bodies(queueName()), []);
  });

  test('partialBatch sends only the first entries and reports the rest in Failed', async () => {
    proxy.addRule({ action: 'SendMessageBatch', fault: 'partialBatch', times: 1 });
    const out = await once.send(
      new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries('m0', 'm1', 'm2', 'm3', 'm4') }),
    );
    assert.deepEqual(
      out.Successful?.map((s) => s.Id),
      ['e0', 'e1'],
    );
    assert.deepEqual(
      out.Failed?.map((f) => [f.Id, f.SenderFault, f.Code]),
      [
        ['e2', false, 'InternalError'],
        ['e3', false, 'InternalError'],
        ['e4', false, 'InternalError'],
      ],
    );
    assert.deepEqual(peer.bodies(queueName()).sort(), ['m0', 'm1']);
  });

  test('partialBatch can fail every entry, and leaves non-batch calls alone', async () => {
    proxy.addRule({ fault: 'partialBatch', failEntries: 10, times: 2 });
    await once.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'single' }));
    const out = await once.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries('p', 'q') }));
    assert.equal(out.Successful?.length ?? 0, 0);
    assert.equal(out.Failed?.length, 2);
    assert.deepEqual(peer.bodies(queueName()), ['single']);
  });

  test('rules for one action leave other actions alone, and clearRules stops injection', async () => {
    proxy.addRule({ action: 'SendMessageBatch', fault: 'http500', times: 5 });
    await once.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'ok' }));
    proxy.clearRules();
    await once.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries('ok2') }));
    assert.deepEqual(peer.bodies(queueName()).sort(), ['ok', 'ok2']);
    assert.deepEqual(proxy.stats().faults, {});
  });

  test('rate faults follow a seeded PRNG: the same seed repeats the same pattern', async () => {
    const rule: FaultRule = { action: 'GetQueueUrl', fault: 'http500', rate: 0.3 };
    const pattern = async (seed: number) => {
      const seeded = await startFaultProxy({ upstream: peer.endpoint, seed, rules: [rule] });
      const client = sqsClientFor(seeded.endpoint, 1);
      try {
        const outcomes: string[] = [];
        for (let i = 0; i < 30; i += 1) {
          const ok = await client.send(new GetQueueUrlCommand({ QueueName: queueName() })).then(
            () => true,
            () => false,
          );
          outcomes.push(ok ? '.' : 'x');
        }
        return outcomes.join('');
      } finally {
        client.destroy();
        await seeded.close();
      }
    };
    const first = await pattern(7);
    assert.equal(await pattern(7), first);
    assert.notEqual(await pattern(8), first);
    const failures = first.split('').filter((c) => c === 'x').length;
    assert.ok(failures > 0 && failures < 30, `expected some of 30 calls to fail at rate 0.3, got ${first}`);
  });
});

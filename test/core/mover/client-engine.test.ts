import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { createClientEngine } from '../../../src/core/mover/client-engine.ts';
import { parseFilter } from '../../../src/core/mover/filter.ts';
import { REDRIVE_COUNT_ATTRIBUTE } from '../../../src/core/mover/message-mapping.ts';
import type { MoveProgress } from '../../../src/core/mover/types.ts';
import { assertNothingLost, seedPair } from '../../support/queues.ts';
import { type Fauxqs, startFauxqsPeer } from '../../support/sqs-peers.ts';

let peer: Fauxqs;
let n = 0;
const names = (fifo = false) => {
  n++;
  const suffix = fifo ? '.fifo' : '';
  return { src: `src-${n}${suffix}`, dst: `dst-${n}${suffix}` };
};
const engine = () => createClientEngine(peer.sqs, { waitTimeSec: 1 });

before(async () => {
  peer = await startFauxqsPeer();
});
after(() => peer.stop());

describe('client engine', () => {
  test('moves every message with its attributes and counts the redrive', async () => {
    const pair = await seedPair(peer, names(), 250, { attributes: true });
    const progress: MoveProgress[] = [];
    const result = await engine().move({ ...pair, onProgress: (p) => progress.push(p) });
    assert.equal(result.moved, 250);
    assert.equal(result.failed, 0);
    assert.equal(result.stoppedBy, 'start-depth');
    assert.deepEqual(peer.bodies(pair.source.name), []);
    assertNothingLost(peer, pair);
    const { messages } = peer.server.inspectQueue(pair.destination.name) ?? assert.fail('no queue');
    const seventh = messages.ready.find((m) => m.body === `${pair.source.name}-7`) ?? assert.fail('not moved');
    assert.equal(seventh.messageAttributes.kind?.StringValue, 'odd');
    assert.equal(seventh.messageAttributes.seq?.StringValue, '7');
    const blob = seventh.messageAttributes.blob?.BinaryValue;
    const bytes = typeof blob === 'string' ? Buffer.from(blob, 'base64') : Buffer.from(blob ?? []);
    assert.deepEqual([...bytes], [7, 1, 2]);
    assert.equal(seventh.messageAttributes[REDRIVE_COUNT_ATTRIBUTE]?.StringValue, '1');
    assert.equal(progress.at(-1)?.moved, 250);
    assert.equal(progress.at(-1)?.total, 250);
  });

  test('FIFO → FIFO keeps group ids and the order within each group', async () => {
    const pair = await seedPair(peer, names(true), 120, { group: (i) => `g${i % 4}` });
    const result = await engine().move(pair);
    assert.equal(result.moved, 120);
    const { messages } = peer.server.inspectQueue(pair.destination.name) ?? assert.fail('no queue');
    for (let g = 0; g < 4; g++) {
      const inGroup = messages.ready
        .filter((m) => m.messageGroupId === `g${g}`)
        .map((m) => Number(m.body.split('-').at(-1)));
      assert.equal(inGroup.length, 30);
      assert.deepEqual(
        inGroup,
        [...inGroup].sort((a, b) => a - b),
        `group g${g} out of order`,
      );
    }
    assertNothingLost(peer, pair);
  });

  test('standard → FIFO needs a group id, then uses it', async () => {
    const n1 = names();
    const pair = await seedPair(peer, { src: n1.src, dst: `${n1.dst}.fifo` }, 15);
    await assert.rejects(engine().move(pair), /give --group-id/);
    assert.equal(peer.bodies(pair.source.name).length, 15, 'nothing moved before the refusal');
    const result = await engine().move({ ...pair, groupId: 'redriven' });
    assert.equal(result.moved, 15);
    const { messages } = peer.server.inspectQueue(pair.destination.name) ?? assert.fail('no queue');
    assert.ok(messages.ready.every((m) => m.messageGroupId === 'redriven'));
  });

  test('FIFO → standard is allowed', async () => {
    const n1 = names(true);
    const pair = await seedPair(peer, { src: n1.src, dst: n1.dst.replace('.fifo', '') }, 12);
    assert.equal((await engine().move(pair)).moved, 12);
    assertNothingLost(peer, pair);
  });

  test('refuses the same queue as source and destination', async () => {
    const pair = await seedPair(peer, names(), 3);
    await assert.rejects(engine().move({ source: pair.source, destination: pair.source }), /same queue/);
  });

  test('splits batches to stay under 1 MiB', async () => {
    const n1 = names();
    peer.server.createQueue(n1.src);
    peer.server.createQueue(n1.dst);
    const big = (i: number) => `${i}-${'x'.repeat(300_000)}`;
    for (let i = 0; i < 10; i++) peer.server.sendMessage(n1.src, big(i));
    const pair = await seedPair(peer, { src: n1.src, dst: n1.dst }, 0);
    const result = await engine().move(pair);
    assert.equal(result.moved, 10);
    assert.equal(result.failed, 0);
    assert.equal(peer.bodies(n1.dst).length, 10);
  });

  test('stops at --limit', async () => {
    const pair = await seedPair(peer, names(), 95);
    const result = await engine().move({ ...pair, limit: 40 });
    assert.equal(result.moved, 40);
    assert.equal(result.stoppedBy, 'limit');
    assert.equal(peer.bodies(pair.destination.name).length, 40);
    assert.equal(peer.counts(pair.source.name).ready, 55);
    assertNothingLost(peer, pair);
  });

  test('dry run moves nothing, leaves every message visible, and shows samples', async () => {
    const pair = await seedPair(peer, names(), 30, { attributes: true });
    const result = await engine().move({ ...pair, dryRun: true });
    assert.equal(result.moved, 0);
    assert.equal(result.dryRun?.wouldMove, 30);
    assert.equal(result.dryRun?.samples.length, 3);
    assert.match(result.dryRun?.samples[0]?.body ?? '', /^src-\d+-\d+$/);
    assert.equal(peer.counts(pair.source.name).ready, 30, 'all visible again at once');
    assert.equal(peer.bodies(pair.destination.name).length, 0);
  });

  test('filters by substring, regex and attribute; the rest stays visible in the source', async () => {
    const cases = [
      { filter: parseFilter('-1'), expect: (i: number) => String(i).startsWith('1') },
      { filter: parseFilter('/-[0-4]$/'), expect: (i: number) => i < 5 },
      { filter: parseFilter('attr:kind=odd'), expect: (i: number) => i % 2 === 1 },
    ];
    for (const { filter, expect } of cases) {
      const pair = await seedPair(peer, names(), 20, { attributes: true });
      const wanted = pair.bodies.filter((_, i) => expect(i));
      const result = await engine().move({ ...pair, filter });
      assert.equal(result.moved, wanted.length, `filter ${JSON.stringify(filter)}`);
      assert.equal(result.skippedBy.filtered, 20 - wanted.length);
      assert.deepEqual(peer.bodies(pair.destination.name).sort(), [...wanted].sort());
      assert.equal(peer.counts(pair.source.name).ready, 20 - wanted.length, 'skipped ones are visible again');
    }
  });

  test('leaves messages over the redrive cap in the source', async () => {
    const n1 = names();
    peer.server.createQueue(n1.src);
    peer.server.createQueue(n1.dst);
    for (let i = 0; i < 10; i++) {
      peer.server.sendMessage(n1.src, `m-${i}`, {
        messageAttributes: { [REDRIVE_COUNT_ATTRIBUTE]: { DataType: 'Number', StringValue: String(i % 4) } },
      });
    }
    const pair = await seedPair(peer, n1, 0);
    const result = await engine().move({ ...pair, maxRedrives: 2 });
    // counts 0,1,2,3,0,1,2,3,0,1 → six under the cap of 2
    assert.equal(result.moved, 6);
    assert.equal(result.skippedBy['over-redrive-cap'], 4);
    const moved = peer.server.inspectQueue(n1.dst)?.messages.ready ?? [];
    assert.ok(moved.every((m) => Number(m.messageAttributes[REDRIVE_COUNT_ATTRIBUTE]?.StringValue) <= 2));
    assert.equal(peer.counts(n1.src).ready, 4);
  });

  test('does not chase messages that arrive during the move (start-depth stop)', async () => {
    const pair = await seedPair(peer, names(), 100);
    let bounced = 0;
    const result = await engine().move({
      ...pair,
      concurrency: 2,
      onProgress: (p) => {
        // A failing consumer sends moved messages straight back into the DLQ.
        while (bounced < p.moved) peer.server.sendMessage(pair.source.name, `bounce-${bounced++}`);
      },
    });
    assert.equal(result.moved, 100);
    assert.equal(result.stoppedBy, 'start-depth');
    assert.ok(bounced >= 90, `bounces were sent (${bounced})`);
    const left = peer.bodies(pair.source.name);
    assert.ok(left.length >= 1, 'bounced messages stay for the next redrive');
    assert.ok(left.every((b) => b.startsWith('bounce-') || pair.bodies.includes(b)));
  });

  test('a message that fails for good stays in the source, visible, with its error code', async () => {
    const n1 = names();
    peer.server.createQueue(n1.src);
    peer.server.createQueue(n1.dst, { attributes: { MaximumMessageSize: '1024' } });
    for (let i = 0; i < 8; i++) peer.server.sendMessage(n1.src, i < 2 ? `big-${i}-${'y'.repeat(5000)}` : `ok-${i}`);
    const pair = await seedPair(peer, n1, 0);
    const result = await engine().move(pair);
    assert.equal(result.moved, 6);
    assert.equal(result.failed, 2);
    assert.deepEqual(Object.values(result.failures), [2]);
    assert.equal(peer.counts(n1.src).ready, 2, 'failed messages are visible again');
    assert.ok(peer.bodies(n1.src).every((b) => b.startsWith('big-')));
  });

  test('cancel stops the move and makes received messages visible again at once', async () => {
    const pair = await seedPair(peer, names(), 400);
    const controller = new AbortController();
    const result = await engine().move({
      ...pair,
      concurrency: 2,
      ratePerSec: 200,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.moved >= 50) controller.abort();
      },
    });
    assert.equal(result.stoppedBy, 'cancelled');
    assert.ok(result.moved >= 50 && result.moved < 400, `moved ${result.moved}`);
    const counts = peer.counts(pair.source.name);
    assert.equal(counts.inflight, 0, 'nothing left invisible');
    assert.equal(counts.ready, 400 - result.moved);
    assertNothingLost(peer, pair);
  });

  test('rate limit spaces the sends', async () => {
    const pair = await seedPair(peer, names(), 30);
    const started = performance.now();
    const result = await engine().move({ ...pair, ratePerSec: 40 });
    assert.equal(result.moved, 30);
    // 30 messages at 40/s cannot finish in much under 0.75 s (the first batch goes at once).
    assert.ok(performance.now() - started >= 450, 'the rate limit was applied');
  });

  test('an empty source moves nothing and stops at once', async () => {
    const pair = await seedPair(peer, names(), 0);
    const result = await engine().move(pair);
    assert.equal(result.moved, 0);
    const { Messages } = await peer.sqs.send(new ReceiveMessageCommand({ QueueUrl: pair.destination.url }));
    assert.equal(Messages?.length ?? 0, 0);
  });
});

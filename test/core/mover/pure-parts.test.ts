import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Message } from '@aws-sdk/client-sqs';
import { splitIntoBatches } from '../../../src/core/mover/batching.ts';
import { matchesFilter, parseFilter } from '../../../src/core/mover/filter.ts';
import { entrySize, REDRIVE_COUNT_ATTRIBUTE, toSendEntry } from '../../../src/core/mover/message-mapping.ts';
import { createRateLimiter, reserve } from '../../../src/core/mover/rate-limiter.ts';
import { backoffMs, isTransient } from '../../../src/core/mover/retry.ts';

const ctx = { runId: 'run-1', destinationFifo: false, groupId: undefined };
const message = (over: Partial<Message> = {}): Message => ({
  MessageId: 'id-1',
  ReceiptHandle: 'rh-1',
  Body: 'hello',
  MessageAttributes: {},
  Attributes: {},
  ...over,
});

describe('toSendEntry', () => {
  test('keeps body and attributes and counts the redrive', () => {
    const entry = toSendEntry(
      message({
        MessageAttributes: {
          a: { DataType: 'String', StringValue: 'x', StringListValues: [] },
          [REDRIVE_COUNT_ATTRIBUTE]: { DataType: 'Number', StringValue: '2' },
        },
        Attributes: { AWSTraceHeader: 'Root=1-abc' },
      }),
      'm0',
      ctx,
    );
    assert.equal(entry.MessageBody, 'hello');
    assert.deepEqual(entry.MessageAttributes?.a, { DataType: 'String', StringValue: 'x' });
    assert.equal(entry.MessageAttributes?.[REDRIVE_COUNT_ATTRIBUTE]?.StringValue, '3');
    assert.equal(entry.MessageSystemAttributes?.AWSTraceHeader?.StringValue, 'Root=1-abc');
    assert.equal(entry.MessageGroupId, undefined);
  });

  test('no counter when the message already has 10 attributes', () => {
    const attrs = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [`k${i}`, { DataType: 'String', StringValue: 'v' }]),
    );
    const entry = toSendEntry(message({ MessageAttributes: attrs }), 'm0', ctx);
    assert.equal(Object.keys(entry.MessageAttributes ?? {}).length, 10);
    assert.equal(entry.MessageAttributes?.[REDRIVE_COUNT_ATTRIBUTE], undefined);
  });

  test('FIFO: group from the source or the option; dedup id stable per run and counter, new per run', () => {
    const fifo = { ...ctx, destinationFifo: true };
    const m = message({ Attributes: { MessageGroupId: 'g1' } });
    const a = toSendEntry(m, 'm0', fifo);
    assert.equal(a.MessageGroupId, 'g1');
    assert.equal(toSendEntry(m, 'm0', fifo).MessageDeduplicationId, a.MessageDeduplicationId, 'a retry dedups');
    assert.notEqual(toSendEntry(m, 'm0', { ...fifo, runId: 'run-2' }).MessageDeduplicationId, a.MessageDeduplicationId);
    assert.equal(toSendEntry(message(), 'm0', { ...fifo, groupId: 'from-option' }).MessageGroupId, 'from-option');
  });

  test('entrySize counts body, names, types and values in bytes', () => {
    const size = entrySize({
      Id: 'x',
      MessageBody: 'é', // 2 bytes
      MessageAttributes: {
        ab: { DataType: 'String', StringValue: 'xyz' },
        b: { DataType: 'Binary', BinaryValue: new Uint8Array(4) },
      },
    });
    assert.equal(size, 2 + (2 + 6 + 3) + (1 + 6 + 4));
  });
});

describe('splitIntoBatches', () => {
  test('at most 10 entries and at most the byte limit per batch, in order', () => {
    const entries = Array.from({ length: 23 }, (_, i) => ({ Id: `m${i}`, MessageBody: 'x'.repeat(100) }));
    assert.deepEqual(
      splitIntoBatches(entries).map((b) => b.length),
      [10, 10, 3],
    );
    const bySize = splitIntoBatches(entries.slice(0, 5), 10, 250);
    assert.deepEqual(
      bySize.map((b) => b.map((e) => e.Id)),
      [['m0', 'm1'], ['m2', 'm3'], ['m4']],
    );
  });
});

describe('filters', () => {
  test('substring, regex with flags, attribute equals', () => {
    const m = message({
      Body: 'Order FAILED',
      MessageAttributes: { tenant: { DataType: 'String', StringValue: 'acme' } },
    });
    assert.ok(matchesFilter(m, parseFilter('FAILED')));
    assert.ok(!matchesFilter(m, parseFilter('failed')));
    assert.ok(matchesFilter(m, parseFilter('/failed/i')));
    assert.ok(matchesFilter(m, parseFilter('attr:tenant=acme')));
    assert.ok(!matchesFilter(m, parseFilter('attr:tenant=other')));
    assert.throws(() => parseFilter('  '), /--filter is empty/);
  });
});

describe('rate limiter', () => {
  test('each batch starts when the previous ones have had their share of the second', () => {
    let slot = reserve(0, 0, 10, 20); // 10 messages at 20/s: go now, next free at 500 ms
    assert.deepEqual(slot, { waitMs: 0, nextFreeAt: 500 });
    slot = reserve(slot.nextFreeAt, 100, 10, 20); // asked at 100 ms: wait 400 ms
    assert.deepEqual(slot, { waitMs: 400, nextFreeAt: 1000 });
    slot = reserve(slot.nextFreeAt, 3000, 4, 20); // idle for a while: no burst credit is saved up
    assert.deepEqual(slot, { waitMs: 0, nextFreeAt: 3200 });
  });

  test('no rate: never waits', async () => {
    await createRateLimiter(undefined).acquire(1_000_000);
  });
});

describe('retry classification', () => {
  test('5xx, throttling and dropped connections are transient; sender faults are not', () => {
    assert.ok(isTransient({ name: 'InternalFailure', $metadata: { httpStatusCode: 500 } }));
    assert.ok(isTransient({ name: 'RequestThrottled', $metadata: { httpStatusCode: 400 } }));
    assert.ok(isTransient({ name: 'Error', code: 'ECONNRESET' }));
    assert.ok(!isTransient({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }));
    assert.ok(!isTransient({ name: 'QueueDoesNotExist', $metadata: { httpStatusCode: 400 } }));
    assert.ok(backoffMs(1, () => 1) <= 200 && backoffMs(20, () => 1) === 5000);
  });
});

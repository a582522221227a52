// Test helpers over a fauxqs peer: create queue pairs, seed numbered messages, prove nothing was lost.

import assert from 'node:assert/strict';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { QueueRef } from '../../src/core/queues/queue-ref.ts';
import { resolveQueue } from '../../src/core/queues/resolve.ts';
import type { Fauxqs } from './sqs-peers.ts';

export interface QueuePair {
  readonly source: QueueRef;
  readonly destination: QueueRef;
  readonly bodies: readonly string[];
}

/** Creates `src` with `count` messages (bodies `${prefix}-0…`) and an empty `dst`, and resolves both. */
export async function seedPair(
  peer: Fauxqs,
  names: { src: string; dst: string },
  count: number,
  options: { attributes?: boolean; group?: (i: number) => string; srcAttributes?: Record<string, string> } = {},
): Promise<QueuePair> {
  const fifo = names.src.endsWith('.fifo');
  // createQueue on an existing name empties it in fauxqs: create only what is missing.
  if (!peer.server.inspectQueue(names.src)) {
    peer.server.createQueue(names.src, {
      attributes: { ...(fifo ? { FifoQueue: 'true' } : {}), ...options.srcAttributes },
    });
  }
  if (!peer.server.inspectQueue(names.dst)) {
    peer.server.createQueue(names.dst, { attributes: names.dst.endsWith('.fifo') ? { FifoQueue: 'true' } : {} });
  }
  const source = await resolveQueue(peer.sqs, names.src);
  const bodies = Array.from({ length: count }, (_, i) => `${names.src}-${i}`);
  if (options.attributes) {
    // Through the SDK: fauxqs's programmatic sendMessage stores Binary values in a form its API cannot return.
    for (let i = 0; i < count; i += 10) {
      const Entries = bodies.slice(i, i + 10).map((MessageBody, k) => ({
        Id: `e${k}`,
        MessageBody,
        MessageAttributes: {
          kind: { DataType: 'String', StringValue: (i + k) % 2 ? 'odd' : 'even' },
          seq: { DataType: 'Number', StringValue: String(i + k) },
          blob: { DataType: 'Binary', BinaryValue: Uint8Array.from([(i + k) % 256, 1, 2]) },
        },
        ...(fifo ? { MessageGroupId: options.group?.(i + k) ?? 'g', MessageDeduplicationId: `d-${i + k}` } : {}),
      }));
      await peer.sqs.send(new SendMessageBatchCommand({ QueueUrl: source.url, Entries }));
    }
  } else {
    bodies.forEach((body, i) => {
      peer.server.sendMessage(names.src, body, {
        ...(fifo ? { messageGroupId: options.group?.(i) ?? 'g', messageDeduplicationId: `d-${i}` } : {}),
      });
    });
  }
  return { source, destination: await resolveQueue(peer.sqs, names.dst), bodies };
}

/** Every seeded body is in the source or the destination (by default never in both, never twice), never missing. */
export function assertNothingLost(
  peer: Fauxqs,
  pair: QueuePair,
  opts: { allowDuplicates?: boolean; allowInBoth?: boolean } = {},
): void {
  const src = peer.bodies(pair.source.name);
  const dst = peer.bodies(pair.destination.name);
  const inSrc = new Set(src);
  const inDst = new Set(dst);
  const missing = pair.bodies.filter((b) => !inSrc.has(b) && !inDst.has(b));
  const both = pair.bodies.filter((b) => inSrc.has(b) && inDst.has(b));
  assert.deepEqual(missing, [], `lost messages: ${missing.slice(0, 5).join(', ')}`);
  if (!opts.allowInBoth) assert.deepEqual(both, [], `messages in both queues: ${both.slice(0, 5).join(', ')}`);
  if (!opts.allowDuplicates) {
    assert.equal(dst.length, inDst.size, 'duplicates in the destination');
    assert.equal(src.length, inSrc.size, 'duplicates in the source');
  }
}

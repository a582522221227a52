// Splits send entries into SendMessageBatch calls of at most 10 entries and 1 MiB, keeping their order.

import type { SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import { MAX_BATCH_BYTES, MAX_BATCH_ENTRIES } from './limits.ts';
import { entrySize } from './message-mapping.ts';

export function splitIntoBatches(
  entries: readonly SendMessageBatchRequestEntry[],
  maxEntries = MAX_BATCH_ENTRIES,
  maxBytes = MAX_BATCH_BYTES,
): SendMessageBatchRequestEntry[][] {
  const batches: SendMessageBatchRequestEntry[][] = [];
  let current: SendMessageBatchRequestEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = entrySize(entry);
    if (current.length > 0 && (current.length >= maxEntries || bytes + size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

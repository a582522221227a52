// Turns a received SQS message into the entry that re-sends it: body, attributes, FIFO ids, redrive counter.

import { createHash } from 'node:crypto';
import type { Message, MessageAttributeValue, SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import { MAX_BATCH_BYTES, MAX_MESSAGE_ATTRIBUTES } from './limits.ts';

/** Message attribute that counts how many times sqs-redrive has moved a message. */
export const REDRIVE_COUNT_ATTRIBUTE = 'sqs-redrive-count';

export interface MappingContext {
  /** Unique per move: part of every FIFO deduplication id so a retried send is deduplicated within this move. */
  readonly runId: string;
  readonly destinationFifo: boolean;
  /** MessageGroupId for messages that have none (standard source into FIFO destination). */
  readonly groupId: string | undefined;
}

/** How many times the message was moved before (0 when it carries no counter). */
export function redriveCount(message: Message): number {
  const raw = message.MessageAttributes?.[REDRIVE_COUNT_ATTRIBUTE]?.StringValue;
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** The attributes to send again, cleaned of empty list fields the receive API returns. */
function copyAttributes(message: Message): Record<string, MessageAttributeValue> {
  const out: Record<string, MessageAttributeValue> = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    if (!value.DataType) continue;
    out[name] =
      value.BinaryValue !== undefined
        ? { DataType: value.DataType, BinaryValue: value.BinaryValue }
        : { DataType: value.DataType, StringValue: value.StringValue ?? '' };
  }
  return out;
}

/** Builds the SendMessageBatch entry for a received message; `id` is its id within the batch. */
export function toSendEntry(message: Message, id: string, ctx: MappingContext): SendMessageBatchRequestEntry {
  const attributes = copyAttributes(message);
  const count = redriveCount(message) + 1;
  const hasRoom = REDRIVE_COUNT_ATTRIBUTE in attributes || Object.keys(attributes).length < MAX_MESSAGE_ATTRIBUTES;
  if (hasRoom) attributes[REDRIVE_COUNT_ATTRIBUTE] = { DataType: 'Number', StringValue: String(count) };

  const entry: SendMessageBatchRequestEntry = { Id: id, MessageBody: message.Body ?? '' };
  if (Object.keys(attributes).length > 0) entry.MessageAttributes = attributes;
  const trace = message.Attributes?.AWSTraceHeader;
  if (trace) entry.MessageSystemAttributes = { AWSTraceHeader: { DataType: 'String', StringValue: trace } };
  if (ctx.destinationFifo) {
    const group = message.Attributes?.MessageGroupId ?? ctx.groupId;
    if (group) entry.MessageGroupId = group;
    entry.MessageDeduplicationId = dedupId(ctx.runId, message, hasRoom ? String(count) : undefined);
  }
  if (hasRoom && entrySize(entry) > MAX_BATCH_BYTES) {
    // The counter must never make a message that fitted too large to send.
    const { [REDRIVE_COUNT_ATTRIBUTE]: _dropped, ...rest } = attributes;
    if (Object.keys(rest).length > 0) entry.MessageAttributes = rest;
    else delete entry.MessageAttributes;
  }
  return entry;
}

/**
 * Same source message, same move, same counter → same id: a retried send is dropped by SQS as a duplicate.
 * Without a counter the receipt handle stands in, so a message that bounced back within the 5-minute dedup
 * window is never mistaken for its earlier self (which would silently drop it).
 */
function dedupId(runId: string, message: Message, count: string | undefined): string {
  const distinct = count ?? message.ReceiptHandle ?? '';
  return createHash('sha256')
    .update(`${runId}\n${message.MessageId ?? ''}\n${distinct}`)
    .digest('hex');
}

/** Bytes SQS counts for an entry: body plus each attribute's name, data type and value. */
export function entrySize(entry: SendMessageBatchRequestEntry): number {
  let size = Buffer.byteLength(entry.MessageBody ?? '', 'utf8');
  const all = { ...entry.MessageAttributes, ...entry.MessageSystemAttributes };
  for (const [name, value] of Object.entries(all)) {
    size += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(value.DataType ?? '', 'utf8');
    size += value.BinaryValue ? value.BinaryValue.byteLength : Buffer.byteLength(value.StringValue ?? '', 'utf8');
  }
  return size;
}

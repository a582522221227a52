// Looks at a few messages without removing them: receive, then make them visible again at once.

import { ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { AwsError } from '../errors.ts';
import { makeVisible } from '../mover/held-messages.ts';
import { MAX_BATCH_ENTRIES } from '../mover/limits.ts';
import { sampleOf } from '../mover/samples.ts';
import type { MessageSample } from '../mover/types.ts';
import type { QueueRef } from './queue-ref.ts';

/**
 * Up to `count` (≤ 10) messages of the queue. Receiving counts as a receive for SQS: a peeked queue that has its
 * own redrive policy gets one step closer to its maxReceiveCount.
 */
export async function peekMessages(
  sqs: SQSClient,
  queue: QueueRef,
  count: number,
  maxBodyChars = 500,
): Promise<MessageSample[]> {
  let messages: Awaited<ReturnType<typeof receive>>;
  try {
    messages = await receive(sqs, queue, Math.max(1, Math.min(MAX_BATCH_ENTRIES, count)));
  } catch (err) {
    throw new AwsError('Cannot peek at', queue.name, err, `${queue.region}, ${queue.account}`);
  }
  await makeVisible(
    sqs,
    queue.url,
    messages.map((m) => m.ReceiptHandle ?? ''),
  );
  return messages.map((m) => sampleOf(m, maxBodyChars));
}

async function receive(sqs: SQSClient, queue: QueueRef, count: number) {
  const out = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queue.url,
      MaxNumberOfMessages: count,
      WaitTimeSeconds: 1,
      VisibilityTimeout: 30,
      MessageAttributeNames: ['All'],
      MessageSystemAttributeNames: ['All'],
    }),
  );
  return out.Messages ?? [];
}

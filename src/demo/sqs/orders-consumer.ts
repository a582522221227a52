// The demo's "fixed" orders service: receives from the orders queue and deletes what it processed, counting it.

import { setTimeout as sleep } from 'node:timers/promises';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

export interface OrdersConsumer {
  /** Messages received and deleted so far. */
  readonly processed: number;
  stop(): Promise<void>;
}

export function startOrdersConsumer(sqs: SQSClient, queueUrl: string, onError: (err: unknown) => void): OrdersConsumer {
  const stopping = new AbortController();
  let processed = 0;
  const loop = async () => {
    while (!stopping.signal.aborted) {
      try {
        const out = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
          { abortSignal: stopping.signal },
        );
        const entries = (out.Messages ?? []).map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' }));
        if (entries.length === 0) continue;
        const deleted = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
        processed += deleted.Successful?.length ?? 0;
      } catch (err) {
        if (stopping.signal.aborted) break;
        onError(err);
        await sleep(1000);
      }
    }
  };
  const running = loop();
  return {
    get processed() {
      return processed;
    },
    async stop() {
      stopping.abort();
      await running;
    },
  };
}

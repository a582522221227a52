// The demo's SQS: the fauxqs emulator on 127.0.0.1 only, with the demo queues created and seeded through the SQS API.

import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  type QueueAttributeName,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';
import { type DemoMessage, failedOrders, failedPayments } from './failed-orders.ts';

export const DEMO_REGION = 'us-east-1';
/** fauxqs's account id: ARNs and alarms must name it for the bot to find the queues. */
export const DEMO_ACCOUNT = '000000000000';
export const DEMO_CREDENTIALS = { accessKeyId: 'demo', secretAccessKey: 'demo' } as const;

export const QUEUES = {
  orders: 'orders',
  ordersDlq: 'orders-dlq',
  payments: 'payments.fifo',
  paymentsDlq: 'payments-dlq.fifo',
} as const;

export interface QueueCounts {
  readonly visible: number;
  readonly inFlight: number;
  readonly delayed: number;
  /** Every message the queue holds, in any state. */
  readonly total: number;
}

export interface DemoSqsOptions {
  /** Failed orders seeded into orders-dlq (default 300). */
  readonly orders?: number;
  /** Failed payments seeded into payments-dlq.fifo (default 24). */
  readonly payments?: number;
  /** Added to every SQS call once seeded, like a far-away region, so moves take visible time (default 0). */
  readonly latencyMs?: number;
}

export interface DemoSqs {
  /** Give to the SDK as AWS_ENDPOINT_URL_SQS. */
  readonly endpoint: string;
  readonly sqs: SQSClient;
  /** The queue's message counts, read from the emulator (nothing is received or changed). */
  counts(queue: string): Promise<QueueCounts>;
  queueUrl(queue: string): string;
  stop(): Promise<void>;
}

export async function startDemoSqs(options: DemoSqsOptions = {}): Promise<DemoSqs> {
  const app = buildApp({ logger: false, defaultRegion: DEMO_REGION });
  let latencyMs = 0;
  app.addHook('onRequest', async () => {
    if (latencyMs > 0) await sleep(latencyMs);
  });
  // fauxqs's own startFauxqs() listens on every interface; the demo keeps everything on loopback.
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const endpoint = new URL(address).origin;
  const sqs = new SQSClient({
    endpoint,
    region: DEMO_REGION,
    credentials: DEMO_CREDENTIALS,
    useQueueUrlAsEndpoint: false,
    maxAttempts: 3,
  });
  const urls = new Map<string, string>();
  const create = async (name: string, attributes: Record<string, string> = {}) => {
    const out = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
    if (!out.QueueUrl) throw new Error(`the emulator did not create ${name}`);
    urls.set(name, out.QueueUrl);
    return `arn:aws:sqs:${DEMO_REGION}:${DEMO_ACCOUNT}:${name}`;
  };
  const redrivePolicy = (dlqArn: string) => JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 });

  try {
    const ordersDlq = await create(QUEUES.ordersDlq, { MessageRetentionPeriod: '1209600' });
    await create(QUEUES.orders, { RedrivePolicy: redrivePolicy(ordersDlq) });
    const fifo = { FifoQueue: 'true' };
    const paymentsDlq = await create(QUEUES.paymentsDlq, fifo);
    await create(QUEUES.payments, { ...fifo, RedrivePolicy: redrivePolicy(paymentsDlq) });
    await seed(sqs, urls.get(QUEUES.ordersDlq) ?? '', failedOrders(options.orders ?? 300));
    await seed(sqs, urls.get(QUEUES.paymentsDlq) ?? '', failedPayments(options.payments ?? 24));
  } catch (err) {
    sqs.destroy();
    await app.close();
    throw err;
  }
  latencyMs = options.latencyMs ?? 0;
  const queueUrl = (queue: string) => {
    const url = urls.get(queue);
    if (!url) throw new Error(`the demo has no queue ${queue}`);
    return url;
  };

  return {
    endpoint,
    sqs,
    queueUrl,
    async counts(queue) {
      const out = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl(queue),
          AttributeNames: [
            'ApproximateNumberOfMessages',
            'ApproximateNumberOfMessagesNotVisible',
            'ApproximateNumberOfMessagesDelayed',
          ],
        }),
      );
      const attr = (name: QueueAttributeName) => Number(out.Attributes?.[name] ?? 0);
      const visible = attr('ApproximateNumberOfMessages');
      const inFlight = attr('ApproximateNumberOfMessagesNotVisible');
      const delayed = attr('ApproximateNumberOfMessagesDelayed');
      return { visible, inFlight, delayed, total: visible + inFlight + delayed };
    },
    async stop() {
      sqs.destroy();
      await app.close();
    },
  };
}

/** Sends the messages ten at a time, failing loudly if the emulator refuses any. */
async function seed(sqs: SQSClient, queueUrl: string, messages: readonly DemoMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 10) {
    const batch = messages.slice(i, i + 10);
    const out = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: batch.map((m, j) => ({
          Id: String(j),
          MessageBody: m.body,
          MessageAttributes: m.attributes,
          ...(m.groupId ? { MessageGroupId: m.groupId } : {}),
          ...(m.dedupId ? { MessageDeduplicationId: m.dedupId } : {}),
        })),
      }),
    );
    if ((out.Failed ?? []).length > 0) throw new Error(`could not seed ${queueUrl}: ${out.Failed?.[0]?.Code}`);
  }
}

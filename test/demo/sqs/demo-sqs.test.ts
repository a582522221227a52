import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { findSourceQueues, getQueueFacts } from '../../../src/core/queues/queue-facts.ts';
import { resolveQueue } from '../../../src/core/queues/resolve.ts';
import { type DemoSqs, QUEUES, startDemoSqs } from '../../../src/demo/sqs/demo-sqs.ts';

let sqs: DemoSqs;

before(async () => {
  sqs = await startDemoSqs({ orders: 120, payments: 12 });
});
after(() => sqs.stop());

test('listens on loopback only', () => {
  assert.match(sqs.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
});

test('orders-dlq holds the failed orders and is the DLQ of orders, as the bot sees it', async () => {
  const dlq = await resolveQueue(sqs.sqs, QUEUES.ordersDlq);
  assert.equal(dlq.arn, 'arn:aws:sqs:us-east-1:000000000000:orders-dlq');
  const sources = await findSourceQueues(sqs.sqs, dlq);
  assert.deepEqual(
    sources.map((q) => q.name),
    ['orders'],
  );
  const orders = await getQueueFacts(sqs.sqs, await resolveQueue(sqs.sqs, QUEUES.orders));
  assert.deepEqual(orders.redrivePolicy, { deadLetterTargetArn: dlq.arn, maxReceiveCount: 3 });
  assert.deepEqual(await sqs.counts(QUEUES.ordersDlq), { visible: 120, inFlight: 0, delayed: 0, total: 120 });
  assert.equal((await sqs.counts(QUEUES.orders)).total, 0);
});

test('the failed orders carry message attributes', async () => {
  const out = await sqs.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: sqs.queueUrl(QUEUES.ordersDlq),
      MaxNumberOfMessages: 1,
      MessageAttributeNames: ['All'],
      VisibilityTimeout: 0,
    }),
  );
  const [message] = out.Messages ?? [];
  assert.deepEqual(Object.keys(message?.MessageAttributes ?? {}).sort(), [
    'attempts',
    'errorCode',
    'eventType',
    'tenant',
  ]);
  assert.equal(JSON.parse(message?.Body ?? '{}').type, 'OrderPlaced');
});

test('the FIFO pair: payments-dlq.fifo is the DLQ of payments.fifo and holds grouped payments', async () => {
  const dlq = await resolveQueue(sqs.sqs, QUEUES.paymentsDlq);
  assert.deepEqual(
    (await findSourceQueues(sqs.sqs, dlq)).map((q) => q.name),
    ['payments.fifo'],
  );
  assert.equal((await sqs.counts(QUEUES.paymentsDlq)).total, 12);
});

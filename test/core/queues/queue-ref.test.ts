import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseQueueInput, queueRefFrom } from '../../../src/core/queues/queue-ref.ts';

test('names, URLs and ARNs are told apart; anything else is a clear error', () => {
  assert.deepEqual(parseQueueInput(' orders-dlq '), { kind: 'name', name: 'orders-dlq' });
  assert.deepEqual(parseQueueInput('https://sqs.us-east-1.amazonaws.com/123456789012/orders.fifo'), {
    kind: 'url',
    url: 'https://sqs.us-east-1.amazonaws.com/123456789012/orders.fifo',
    name: 'orders.fifo',
    account: '123456789012',
  });
  assert.deepEqual(parseQueueInput('arn:aws:sqs:eu-west-1:123456789012:orders'), {
    kind: 'arn',
    arn: 'arn:aws:sqs:eu-west-1:123456789012:orders',
    name: 'orders',
    region: 'eu-west-1',
    account: '123456789012',
  });
  assert.throws(() => parseQueueInput(''), /Queue is empty/);
  assert.throws(() => parseQueueInput('orders dlq'), /is not a queue name, URL or ARN/);
  assert.throws(() => parseQueueInput('arn:aws:sns:us-east-1:1:topic'), /is not an SQS queue ARN/);
  assert.throws(() => parseQueueInput('https://example.com/'), /is not an SQS queue URL/);
  const ref = queueRefFrom('https://sqs.us-east-1.amazonaws.com/1/q.fifo', 'arn:aws:sqs:us-east-1:1:q.fifo');
  assert.deepEqual([ref.name, ref.region, ref.account, ref.fifo], ['q.fifo', 'us-east-1', '1', true]);
});

// Turns what a user typed (name, URL or ARN) into a QueueRef checked against SQS.

import { GetQueueAttributesCommand, GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { AwsError, awsErrorName, QueueNotFoundError } from '../errors.ts';
import { parseQueueInput, type QueueRef, queueRefFrom } from './queue-ref.ts';

const MISSING = new Set(['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', 'NonExistentQueue']);

/** Resolves a queue name, URL or ARN; QueueNotFoundError when SQS does not know it. */
export async function resolveQueue(sqs: SQSClient, raw: string): Promise<QueueRef> {
  const input = parseQueueInput(raw);
  let url: string;
  if (input.kind === 'url') {
    url = input.url;
  } else {
    const owner = input.kind === 'arn' ? { QueueOwnerAWSAccountId: input.account } : {};
    try {
      const out = await sqs.send(new GetQueueUrlCommand({ QueueName: input.name, ...owner }));
      if (!out.QueueUrl) throw new QueueNotFoundError(input.name, 'SQS returned no URL');
      url = out.QueueUrl;
    } catch (err) {
      throw notFoundOr(err, input.name, 'Cannot find queue');
    }
  }
  try {
    const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
    const arn = out.Attributes?.QueueArn;
    if (!arn) throw new QueueNotFoundError(input.name, 'SQS returned no QueueArn');
    return queueRefFrom(url, arn);
  } catch (err) {
    throw notFoundOr(err, input.name, 'Cannot read queue');
  }
}

function notFoundOr(err: unknown, name: string, action: string): Error {
  if (err instanceof QueueNotFoundError) return err;
  const code = awsErrorName(err);
  if (MISSING.has(code)) return new QueueNotFoundError(name, `${code} (check the name, region and account)`);
  return new AwsError(action, name, err);
}

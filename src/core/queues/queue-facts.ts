// Facts about a queue: depth (visible, in flight, delayed), its redrive policy, and a DLQ's source queues.

import {
  GetQueueAttributesCommand,
  ListDeadLetterSourceQueuesCommand,
  ListQueuesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { AwsError, awsErrorName } from '../errors.ts';
import { type QueueRef, queueRefFrom } from './queue-ref.ts';

export interface QueueDepth {
  readonly visible: number;
  readonly inFlight: number;
  readonly delayed: number;
}

export interface RedrivePolicy {
  readonly deadLetterTargetArn: string;
  readonly maxReceiveCount: number;
}

export interface QueueFacts {
  readonly depth: QueueDepth;
  readonly redrivePolicy: RedrivePolicy | undefined;
  readonly visibilityTimeoutSec: number;
}

/** Actions an endpoint may lack (emulators): answered with one of these error names. */
const UNSUPPORTED = new Set(['InvalidAction', 'UnknownOperationException', 'UnsupportedOperation', 'NotImplemented']);

export function isUnsupportedAction(err: unknown): boolean {
  return UNSUPPORTED.has(awsErrorName(err));
}

/** Depth, redrive policy and visibility timeout of a queue. */
export async function getQueueFacts(sqs: SQSClient, queue: QueueRef): Promise<QueueFacts> {
  let attrs: Record<string, string>;
  try {
    const out = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queue.url,
        AttributeNames: [
          'ApproximateNumberOfMessages',
          'ApproximateNumberOfMessagesNotVisible',
          'ApproximateNumberOfMessagesDelayed',
          'RedrivePolicy',
          'VisibilityTimeout',
        ],
      }),
    );
    attrs = out.Attributes ?? {};
  } catch (err) {
    throw new AwsError('Cannot read', queue.name, err, `${queue.region}, ${queue.account}`);
  }
  return {
    depth: {
      visible: toCount(attrs.ApproximateNumberOfMessages),
      inFlight: toCount(attrs.ApproximateNumberOfMessagesNotVisible),
      delayed: toCount(attrs.ApproximateNumberOfMessagesDelayed),
    },
    redrivePolicy: parseRedrivePolicy(attrs.RedrivePolicy),
    visibilityTimeoutSec: toCount(attrs.VisibilityTimeout),
  };
}

/** Parses the RedrivePolicy attribute (a JSON string); undefined when absent or malformed. */
export function parseRedrivePolicy(raw: string | undefined): RedrivePolicy | undefined {
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
    if (typeof parsed.deadLetterTargetArn !== 'string') return undefined;
    return { deadLetterTargetArn: parsed.deadLetterTargetArn, maxReceiveCount: Number(parsed.maxReceiveCount) || 0 };
  } catch {
    return undefined;
  }
}

/**
 * The queues whose RedrivePolicy names this queue as their DLQ. Uses ListDeadLetterSourceQueues
 * (paginated); where the endpoint lacks it, reads the RedrivePolicy of every listed queue instead.
 */
export async function findSourceQueues(sqs: SQSClient, dlq: QueueRef): Promise<QueueRef[]> {
  try {
    const urls: string[] = [];
    let NextToken: string | undefined;
    do {
      const out = await sqs.send(
        new ListDeadLetterSourceQueuesCommand({
          QueueUrl: dlq.url,
          MaxResults: 1000,
          ...(NextToken ? { NextToken } : {}),
        }),
      );
      urls.push(...(out.queueUrls ?? []));
      NextToken = out.NextToken;
    } while (NextToken);
    return await Promise.all(urls.map((url) => refForUrl(sqs, url)));
  } catch (err) {
    if (!isUnsupportedAction(err)) throw new AwsError('Cannot list source queues of', dlq.name, err);
  }
  return scanForSources(sqs, dlq);
}

async function scanForSources(sqs: SQSClient, dlq: QueueRef): Promise<QueueRef[]> {
  const sources: QueueRef[] = [];
  let NextToken: string | undefined;
  do {
    let out: Awaited<ReturnType<typeof listQueuesPage>>;
    try {
      out = await listQueuesPage(sqs, NextToken);
    } catch (err) {
      throw new AwsError('Cannot list queues to find the sources of', dlq.name, err);
    }
    for (const url of out.QueueUrls ?? []) {
      const attrs = await sqs
        .send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn', 'RedrivePolicy'] }))
        .then((r) => r.Attributes ?? {})
        .catch(() => ({}) as Record<string, string>);
      const policy = parseRedrivePolicy(attrs.RedrivePolicy);
      if (policy?.deadLetterTargetArn === dlq.arn && attrs.QueueArn) sources.push(queueRefFrom(url, attrs.QueueArn));
    }
    NextToken = out.NextToken;
  } while (NextToken);
  return sources;
}

function listQueuesPage(sqs: SQSClient, NextToken: string | undefined) {
  return sqs.send(new ListQueuesCommand({ MaxResults: 1000, ...(NextToken ? { NextToken } : {}) }));
}

async function refForUrl(sqs: SQSClient, url: string): Promise<QueueRef> {
  const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  const arn = out.Attributes?.QueueArn;
  if (!arn) throw new AwsError('Cannot read', url, new Error('no QueueArn'));
  return queueRefFrom(url, arn);
}

function toCount(raw: string | undefined): number {
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

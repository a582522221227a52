// Queue references: what a user may type (name, URL or ARN) and the resolved facts every layer uses.

import { BadInputError } from '../errors.ts';

/** A queue resolved against SQS: every form of its identity. */
export interface QueueRef {
  readonly name: string;
  readonly url: string;
  readonly arn: string;
  readonly region: string;
  readonly account: string;
  readonly fifo: boolean;
}

/** What the user typed, classified but not yet checked against SQS. */
export type QueueInput =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'url'; readonly url: string; readonly name: string; readonly account: string }
  | {
      readonly kind: 'arn';
      readonly arn: string;
      readonly name: string;
      readonly region: string;
      readonly account: string;
    };

const NAME = /^[A-Za-z0-9_-]{1,80}(\.fifo)?$/;

/** Classifies a queue name, URL or ARN; throws BadInputError naming what is wrong. */
export function parseQueueInput(raw: string): QueueInput {
  const input = raw.trim();
  if (input === '') throw new BadInputError('Queue is empty: give a queue name, URL or ARN.');
  if (input.startsWith('arn:')) return parseArn(input);
  if (/^https?:\/\//i.test(input)) return parseUrl(input);
  if (!NAME.test(input) || input.length > 80) {
    throw new BadInputError(
      `"${input}" is not a queue name, URL or ARN (names are 1–80 letters, digits, - or _, FIFO names end in .fifo).`,
    );
  }
  return { kind: 'name', name: input };
}

/** Parses `arn:PARTITION:sqs:REGION:ACCOUNT:NAME`. */
export function parseArn(arn: string): QueueInput & { kind: 'arn' } {
  const parts = arn.split(':');
  const [, partition, service, region, account, name] = parts;
  if (parts.length !== 6 || !partition || service !== 'sqs' || !region || !account || !name || !NAME.test(name)) {
    throw new BadInputError(`"${arn}" is not an SQS queue ARN (arn:aws:sqs:REGION:ACCOUNT:NAME).`);
  }
  return { kind: 'arn', arn, name, region, account };
}

function parseUrl(url: string): QueueInput & { kind: 'url' } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new BadInputError(`"${url}" is not a valid queue URL.`);
  }
  const segments = parsed.pathname.split('/').filter(Boolean);
  const name = segments.at(-1);
  const account = segments.at(-2);
  if (!name || !account || !NAME.test(name)) {
    throw new BadInputError(`"${url}" is not an SQS queue URL (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME).`);
  }
  return { kind: 'url', url, name, account };
}

/** Builds a QueueRef from a queue's URL and its QueueArn attribute (the authority on region and account). */
export function queueRefFrom(url: string, arn: string): QueueRef {
  const { name, region, account } = parseArn(arn);
  return { name, url, arn, region, account, fifo: name.endsWith('.fifo') };
}

/** Short human label: the name, plus the region/account when they differ from a reference queue. */
export function queueLabel(queue: QueueRef, relativeTo?: QueueRef): string {
  if (!relativeTo || (relativeTo.region === queue.region && relativeTo.account === queue.account)) return queue.name;
  return `${queue.name} (${queue.region}, ${queue.account})`;
}

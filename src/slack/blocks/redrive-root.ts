// The thread's root message for one redrive: who moves what where, then (edited in place) how it ended.

import type { RedriveRecord } from '../../store/types.ts';
import { formatDuration, queue, slackDate } from './format.ts';
import { context, message, type SlackMessage, section } from './kit.ts';
import { escapeMrkdwn } from './limits.ts';
import { describeOptions } from './options.ts';
import { plainQueue, rootSentence } from './outcome.ts';

export interface RootExtra {
  /** Why this engine was chosen, e.g. "native: no filter, same account". */
  readonly engineReason?: string;
  /** What started it, e.g. "from alarm orders-dlq-not-empty". */
  readonly trigger?: string;
}

export function redriveRoot(record: RedriveRecord, extra: RootExtra = {}): SlackMessage {
  const engine = extra.engineReason
    ? `engine ${record.engine} (${escapeMrkdwn(extra.engineReason)})`
    : `engine ${record.engine}`;
  const when =
    record.finishedAt === undefined
      ? `started ${slackDate(record.startedAt)}`
      : `${slackDate(record.startedAt)}, took ${formatDuration(record.finishedAt - record.startedAt)}`;
  const facts = [`\`${escapeMrkdwn(record.id)}\``, engine, ...describeOptions(record.options), when];
  if (extra.trigger) facts.push(escapeMrkdwn(extra.trigger));
  return message(rootSentence(record, plainQueue), [section(rootSentence(record, queue)), context(facts.join(' · '))]);
}

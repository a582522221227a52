// Turns each accepted alarm into Slack: a new post, a reply in a recent post's thread, or the post marked resolved.

import type { WebClient } from '@slack/web-api';
import type { Alarm, AlarmSink } from '../../core/alarms/alarm.ts';
import { type AlarmPost, getAlarmPost, isRecent, isSnoozed, saveAlarmPost } from '../../core/alarms/alarm-posts.ts';
import { routeAlarmChannel } from '../../core/permissions/rules.ts';
import { alarmPost, alarmResolved } from '../blocks/alarm-post.ts';
import { formatCount } from '../blocks/format.ts';
import type { BotDeps } from '../deps.ts';
import { type AlarmFacts, describeAlarmQueue, dlqArnOf } from './alarm-facts.ts';

export interface AlarmSinkOptions {
  readonly client: WebClient;
  /** REDRIVE_ALARM_CHANNEL: where alarms go when no alarmRoutes entry matches. */
  readonly channel: string | undefined;
  /** Posts a depth chart in a new alarm's thread (best effort). */
  readonly chart?: (channel: string, threadTs: string, alarm: Alarm) => Promise<void>;
}

export function createAlarmSink(deps: BotDeps, options: AlarmSinkOptions): AlarmSink {
  // One alarm at a time per alarm ARN: an SNS redelivery racing a poll must not post twice.
  const queues = new Map<string, Promise<void>>();
  return (alarm) => {
    const previous = queues.get(alarm.arn) ?? Promise.resolve();
    const next = previous
      .then(() => handle(deps, options, alarm))
      .finally(() => {
        if (queues.get(alarm.arn) === next) queues.delete(alarm.arn);
      });
    queues.set(alarm.arn, next);
    return next;
  };
}

async function handle(deps: BotDeps, options: AlarmSinkOptions, alarm: Alarm): Promise<void> {
  const dlqArn = dlqArnOf(alarm);
  await deps.store.appendAudit({
    at: Date.now(),
    kind: 'alarm',
    actor: 'system',
    queue: dlqArn,
    detail: { alarm: alarm.name, state: alarm.state, via: alarm.source },
  });
  const existing = await getAlarmPost(deps.store, alarm.arn);
  if (alarm.state === 'OK') {
    if (existing && existing.state === 'ALARM') await resolve(deps, options.client, alarm, existing);
    return;
  }
  if (alarm.state !== 'ALARM') return;
  const now = Date.now();
  if (isSnoozed(existing, now)) {
    deps.logger.info('alarm snoozed: not posted', { alarm: alarm.name });
    return;
  }
  const channel = routeAlarmChannel(deps.rules, { name: alarm.queueName, arn: dlqArn }) ?? options.channel;
  if (!channel) {
    deps.logger.warn('alarm has nowhere to go: set REDRIVE_ALARM_CHANNEL or alarmRoutes', { alarm: alarm.name });
    return;
  }
  const facts = await describeAlarmQueue(deps, alarm);
  const post = alarmPost(facts);
  if (isRecent(existing, now) && existing.channel === channel) {
    await options.client.chat.postMessage({ channel, thread_ts: existing.ts, text: refireText(facts) });
    await options.client.chat.update({ channel, ts: existing.ts, text: post.text, blocks: post.blocks });
    await saveAlarmPost(deps.store, { ...existing, state: 'ALARM', updatedAt: now });
    return;
  }
  const out = await options.client.chat.postMessage({
    channel,
    text: post.text,
    blocks: post.blocks,
    unfurl_links: false,
  });
  if (!out.ts) throw new Error(`Slack returned no ts for the alarm post in ${channel}`);
  const saved: AlarmPost = {
    alarmArn: alarm.arn,
    alarmName: alarm.name,
    queueArn: dlqArn,
    channel,
    ts: out.ts,
    state: 'ALARM',
    postedAt: now,
    updatedAt: now,
  };
  await saveAlarmPost(deps.store, saved);
  await options
    .chart?.(channel, out.ts, alarm)
    .catch((err: unknown) =>
      deps.logger.warn('could not post the depth chart', { alarm: alarm.name, error: String(err) }),
    );
}

function refireText(facts: AlarmFacts): string {
  const depth = facts.depth === undefined ? '' : `: ${formatCount(facts.depth)} messages in ${facts.dlq.name}`;
  return `🔁 ${facts.alarm.name} fired again${depth}.`;
}

/**
 * Edits the post in place: resolved, and by whose redrive if one of this queue ran since the post (still running
 * counts: the DLQ can be empty, and the alarm OK, a moment before the redrive has written its outcome).
 */
async function resolve(deps: BotDeps, client: WebClient, alarm: Alarm, post: AlarmPost): Promise<void> {
  const [latest] = await deps.store.listRedrives({ queue: post.queueArn, limit: 1 });
  const redrive =
    latest && latest.startedAt >= post.postedAt && ['running', 'succeeded', 'partial'].includes(latest.status)
      ? { id: latest.id, by: latest.requestedBy }
      : undefined;
  const facts = { alarm, dlq: { name: alarm.queueName, arn: post.queueArn }, depth: undefined, sources: [] };
  const resolved = alarmResolved(facts, redrive);
  await client.chat.update({ channel: post.channel, ts: post.ts, text: resolved.text, blocks: resolved.blocks });
  await client.chat.postMessage({ channel: post.channel, thread_ts: post.ts, text: resolved.text });
  await saveAlarmPost(deps.store, { ...post, state: 'OK', updatedAt: Date.now() });
}

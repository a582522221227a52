// The alarm post: what is wrong in one line, the numbers that matter, and [Redrive → SOURCE] [Peek] [Snooze 1 h].

import type { Alarm } from '../../core/alarms/alarm.ts';
import { ALARM_PEEK, ALARM_REDRIVE, ALARM_SNOOZE } from '../action-ids.ts';
import { formatCount, formatDuration, mention, plural, queue, slackDate } from './format.ts';
import {
  actions,
  type Button,
  button,
  confirmDialog,
  context,
  type KnownBlock,
  message,
  type SlackMessage,
  section,
} from './kit.ts';
import { escapeMrkdwn, truncate } from './limits.ts';

/** What every alarm button carries: the DLQ, one destination (Redrive only) and the alarm. */
export interface AlarmButtonValue {
  readonly dlqArn: string;
  readonly destinationArn?: string;
  readonly alarmArn: string;
}

export interface AlarmPostInput {
  readonly alarm: Alarm;
  readonly dlq: { readonly name: string; readonly arn: string };
  /** Visible messages now, when the queue could be read. */
  readonly depth: number | undefined;
  readonly oldestAgeSec?: number;
  readonly sources: readonly { readonly name: string; readonly arn: string }[];
}

const MAX_REDRIVE_BUTTONS = 4;

export function encodeAlarmValue(value: AlarmButtonValue): string {
  return JSON.stringify({ q: value.dlqArn, d: value.destinationArn, a: value.alarmArn });
}

export function decodeAlarmValue(raw: string | undefined): AlarmButtonValue | undefined {
  try {
    const v = JSON.parse(raw ?? '') as { q?: unknown; d?: unknown; a?: unknown };
    if (typeof v.q !== 'string' || typeof v.a !== 'string') return undefined;
    return { dlqArn: v.q, alarmArn: v.a, ...(typeof v.d === 'string' ? { destinationArn: v.d } : {}) };
  } catch {
    return undefined;
  }
}

export function alarmPost(input: AlarmPostInput): SlackMessage {
  const { alarm, dlq, depth, sources } = input;
  const headline = `🚨 ${queue(dlq.name)} has ${depth === undefined ? 'messages' : plural(depth, 'message')} waiting — alarm *${escapeMrkdwn(alarm.name)}* is in ALARM`;
  const fields = [
    `*Depth now*\n${depth === undefined ? 'unknown' : formatCount(depth)}`,
    `*Threshold*\n${alarm.threshold === undefined ? '—' : `≥ ${formatCount(alarm.threshold)}`}`,
    `*Since*\n${slackDate(alarm.changedAt)}`,
    `*Oldest message*\n${input.oldestAgeSec === undefined ? 'unknown' : formatDuration(input.oldestAgeSec * 1000)}`,
    `*Region / account*\n${escapeMrkdwn(alarm.region)} / ${escapeMrkdwn(alarm.account)}`,
    `*Source queue${sources.length === 1 ? '' : 's'}*\n${sources.length === 0 ? 'none found' : sources.map((s) => escapeMrkdwn(s.name)).join(', ')}`,
  ];
  const buttons: Button[] = sources.slice(0, MAX_REDRIVE_BUTTONS).map((source, i) =>
    button({
      text: `Redrive → ${source.name}`,
      actionId: `${ALARM_REDRIVE}:${i}`,
      value: encodeAlarmValue({ dlqArn: dlq.arn, destinationArn: source.arn, alarmArn: alarm.arn }),
      style: 'primary',
      confirm: confirmDialog({
        title: 'Redrive now?',
        text: `Move ${depth === undefined ? 'the messages' : plural(depth, 'message')} from *${escapeMrkdwn(dlq.name)}* back to *${escapeMrkdwn(source.name)}*? Make sure the fix is deployed first.`,
        confirm: 'Redrive',
        deny: 'Not yet',
      }),
    }),
  );
  const value = encodeAlarmValue({ dlqArn: dlq.arn, alarmArn: alarm.arn });
  buttons.push(button({ text: 'Peek', actionId: ALARM_PEEK, value }));
  buttons.push(button({ text: 'Snooze 1 h', actionId: ALARM_SNOOZE, value }));
  const blocks: KnownBlock[] = [section(headline), section('*Details*', { fields }), actions(buttons)];
  blocks.push(context(truncate(escapeMrkdwn(alarm.reason), 500)));
  if (sources.length > MAX_REDRIVE_BUTTONS) {
    blocks.push(context(`Other sources: use \`/redrive ${escapeMrkdwn(dlq.name)} DESTINATION\`.`));
  }
  const text = `🚨 ${dlq.name} has ${depth === undefined ? 'messages' : plural(depth, 'message')} waiting (alarm ${alarm.name})`;
  return message(text, blocks);
}

/** The same post once the alarm is OK again: resolved, and by whose redrive if one ran. */
export function alarmResolved(
  input: AlarmPostInput,
  redrive?: { readonly id: string; readonly by: string },
): SlackMessage {
  const { alarm, dlq } = input;
  const by = redrive ? ` after ${mention(redrive.by)}'s redrive \`${escapeMrkdwn(redrive.id)}\`` : '';
  const line = `✅ Resolved${by}: ${queue(dlq.name)} is below the threshold again — alarm *${escapeMrkdwn(alarm.name)}* is OK since ${slackDate(alarm.changedAt)}.`;
  return message(`✅ Resolved: ${dlq.name} (alarm ${alarm.name} is OK)`, [
    section(line),
    context('The thread holds what happened.'),
  ]);
}

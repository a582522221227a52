// `/redrive status`: the redrives running now, each with its progress, thread link and a [Cancel] button.

import type { RedriveRecord } from '../../store/types.ts';
import { REDRIVE_CANCEL } from '../action-ids.ts';
import { formatCount, link, mention, plural, queue, slackDate } from './format.ts';
import { button, confirmDialog, context, type KnownBlock, message, type SlackMessage, section } from './kit.ts';
import { escapeMrkdwn } from './limits.ts';
import { movedOf } from './outcome.ts';

/** One row per running redrive; used by the status reply and the Home tab. */
export function statusRows(records: readonly RedriveRecord[], max: number): KnownBlock[] {
  const rows: KnownBlock[] = records.slice(0, max).map((r) => {
    const line =
      `${queue(r.sourceName)} → ${queue(r.destinationName)} by ${mention(r.requestedBy)}: ${movedOf(r)} moved` +
      `${r.failed > 0 ? `, ${formatCount(r.failed)} failed` : ''}\n` +
      `\`${escapeMrkdwn(r.id)}\` · started ${slackDate(r.startedAt)} · ${link(r.permalink, 'thread')}`;
    const cancel = button({
      text: 'Cancel',
      actionId: REDRIVE_CANCEL,
      value: r.id,
      style: 'danger',
      confirm: confirmDialog({
        title: 'Stop this redrive?',
        text: `Stop moving ${escapeMrkdwn(r.sourceName)} → ${escapeMrkdwn(r.destinationName)}? What moved stays moved; the rest stay in the source.`,
        confirm: 'Stop it',
        deny: 'Keep going',
        style: 'danger',
      }),
    });
    return section(line, { accessory: cancel });
  });
  if (records.length > max) rows.push(context(`…and ${formatCount(records.length - max)} more running.`));
  return rows;
}

export function statusList(running: readonly RedriveRecord[]): SlackMessage {
  if (running.length === 0) return message('No redrive is running.', [section('No redrive is running.')]);
  const head = `*${plural(running.length, 'redrive')} running*`;
  const names = running
    .slice(0, 10)
    .map((r) => `${escapeMrkdwn(r.sourceName)} → ${escapeMrkdwn(r.destinationName)} (${escapeMrkdwn(r.id)})`)
    .join(', ');
  const text = `${plural(running.length, 'redrive')} running: ${names}${running.length > 10 ? ', …' : ''}`;
  return message(text, [section(head), ...statusRows(running, 45)]);
}

// `/redrive history [queue]`: recent redrives, newest first, with who, when, route, outcome and thread link.

import type { RedriveRecord } from '../../store/types.ts';
import { formatCount, link, mention, queue, slackDate } from './format.ts';
import { context, type KnownBlock, message, type SlackMessage, section } from './kit.ts';
import { escapeMrkdwn } from './limits.ts';
import { outcomeEmoji, shortOutcome } from './outcome.ts';

/** One line per redrive; used by the history reply and the Home tab. */
export function historyRows(records: readonly RedriveRecord[], max: number): KnownBlock[] {
  const rows: KnownBlock[] = records
    .slice(0, max)
    .map((r) =>
      section(
        `${outcomeEmoji(r)} ${slackDate(r.startedAt)} · ${mention(r.requestedBy)} · ${queue(r.sourceName)} → ${queue(r.destinationName)}: ` +
          `${shortOutcome(r)} · ${link(r.permalink, 'thread')} · \`${escapeMrkdwn(r.id)}\``,
      ),
    );
  if (records.length > max) rows.push(context(`…and ${formatCount(records.length - max)} older not shown.`));
  return rows;
}

export function historyList(records: readonly RedriveRecord[], queueName?: string): SlackMessage {
  const of = queueName === undefined ? '' : ` of ${escapeMrkdwn(queueName)}`;
  const ofBold = queueName === undefined ? '' : ` of ${queue(queueName)}`;
  if (records.length === 0) {
    return message(`No redrives yet${of}.`, [section(`No redrives yet${ofBold}.`)]);
  }
  const lines = records
    .slice(0, 5)
    .map((r) => `${escapeMrkdwn(r.sourceName)} → ${escapeMrkdwn(r.destinationName)} ${shortOutcome(r)}`);
  const text = `Recent redrives${of}: ${lines.join('; ')}${records.length > 5 ? '; …' : ''}`;
  return message(text, [section(`*Recent redrives${ofBold}*`), ...historyRows(records, 45)]);
}

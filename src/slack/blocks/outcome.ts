// One sentence per redrive state ("is redriving…", "✅ moved all…", "⏹ cancelled by…"), shared by root and lists.

import type { RedriveRecord } from '../../store/types.ts';
import { formatCount, formatDuration, mention, plural } from './format.ts';
import { escapeMrkdwn } from './limits.ts';

/** Formats a queue name: bold in blocks, plain (escaped) in fallback text. */
export type QueueFormat = (name: string) => string;
export const plainQueue: QueueFormat = (name) => escapeMrkdwn(name);

export const isDryRun = (r: RedriveRecord): boolean => r.options.dryRun === true;

const EMOJI: Record<RedriveRecord['status'], string> = {
  running: '🔄',
  succeeded: '✅',
  partial: '⚠️',
  failed: '❌',
  cancelled: '⏹',
  interrupted: '⏸',
};

export function outcomeEmoji(r: RedriveRecord): string {
  return isDryRun(r) && r.status === 'succeeded' ? '🔍' : EMOJI[r.status];
}

/** `1,200 of 1,234` or `1,200`. */
export function movedOf(r: RedriveRecord): string {
  return r.total === undefined ? formatCount(r.moved) : `${formatCount(r.moved)} of ${formatCount(r.total)}`;
}

/** Short outcome for list rows: `moved 1,200 of 1,234, 34 failed` / `would move 1,234` / `running: 600 of 1,234`. */
export function shortOutcome(r: RedriveRecord): string {
  if (isDryRun(r)) return r.status === 'running' ? 'dry run running' : `dry run: would move ${formatCount(r.skipped)}`;
  const failed = r.failed > 0 ? `, ${formatCount(r.failed)} failed` : '';
  if (r.status === 'running') return `running: ${movedOf(r)} moved${failed}`;
  const word = {
    succeeded: 'moved',
    partial: 'moved',
    failed: 'failed after moving',
    cancelled: 'cancelled after moving',
    interrupted: 'interrupted after moving',
  }[r.status];
  return `${word} ${movedOf(r)}${failed}`;
}

/** The root message's sentence, e.g. `<@U1> is redriving *a* → *b*: 1,234 messages, engine client`. */
export function rootSentence(r: RedriveRecord, q: QueueFormat): string {
  const who = mention(r.requestedBy);
  const route = `${q(r.sourceName)} → ${q(r.destinationName)}`;
  const count = r.total === undefined ? 'every message there now' : plural(r.total, 'message');
  const took = r.finishedAt === undefined ? '' : ` in ${formatDuration(r.finishedAt - r.startedAt)}`;
  const rest = r.total !== undefined && r.moved < r.total ? ` — the rest are still in ${q(r.sourceName)}` : '';
  if (isDryRun(r)) {
    if (r.status === 'running') return `${who} is dry-running ${route} (nothing moves): ${count}, engine ${r.engine}`;
    if (r.status === 'succeeded')
      return `🔍 ${who} dry-ran ${route}: would move ${plural(r.skipped, 'message')}, nothing moved`;
  }
  switch (r.status) {
    case 'running':
      return `${who} is redriving ${route}: ${count}, engine ${r.engine}`;
    case 'succeeded':
      return r.total !== undefined && r.moved >= r.total
        ? `✅ ${who} redrove ${route}: moved all ${plural(r.moved, 'message')}${took}`
        : `✅ ${who} redrove ${route}: moved ${plural(r.moved, 'message')}${took}`;
    case 'partial':
      return `⚠️ ${who} redrove ${route}: moved ${movedOf(r)}${took}; ${formatCount(r.failed)} failed and stay in ${q(r.sourceName)}`;
    case 'failed': {
      const why = r.error ? `: ${escapeMrkdwn(r.error)}` : '';
      return `❌ ${who}'s redrive of ${route} failed after moving ${movedOf(r)}${why}`;
    }
    case 'cancelled': {
      const by = r.cancelledBy ? ` by ${mention(r.cancelledBy)}` : '';
      return `⏹ ${who}'s redrive of ${route} was cancelled${by} after moving ${movedOf(r)}${rest}`;
    }
    case 'interrupted':
      return `⏸ ${who}'s redrive of ${route} was interrupted (the bot stopped) after moving ${movedOf(r)}${rest}; run it again to finish`;
  }
}

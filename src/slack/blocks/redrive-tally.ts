// The tally posted in the thread when a redrive ends: counts, failures by code, skips by reason, dry-run samples.

import type { MessageSample, MoveResult, SkipReason, StopReason } from '../../core/mover/types.ts';
import type { RedriveRecord } from '../../store/types.ts';
import { formatCount, formatDuration, formatRate, mention, plural, queue } from './format.ts';
import { context, type KnownBlock, message, type SlackMessage, section } from './kit.ts';
import { codeBlock, escapeMrkdwn } from './limits.ts';

const SAMPLE_BODY = 200;
const MAX_SAMPLES = 10;
const MAX_CODES = 20;

const SKIPPED: Record<SkipReason, (n: number, r: RedriveRecord) => string> = {
  filtered: (n) => `${plural(n, 'message')} did not match the filter and stay in the source`,
  'over-redrive-cap': (n, r) =>
    `${plural(n, 'message')} were already redriven ${typeof r.options.maxRedrives === 'number' ? `${r.options.maxRedrives}+ times` : 'too often'} and stay in the source`,
  'dry-run': (n) => `${plural(n, 'message')} counted (dry run)`,
};

const STOPPED: Record<StopReason, string> = {
  done: 'Stopped because the source was empty.',
  empty: 'Stopped because the source was empty.',
  limit: 'Stopped at the limit.',
  'start-depth': 'Moved what was there at the start; messages that arrived since stay for the next run.',
  cancelled: 'Cancelled.',
  failed: 'Stopped by an error.',
};

function sampleBlocks(samples: readonly MessageSample[]): KnownBlock[] {
  const shown = samples.slice(0, MAX_SAMPLES);
  const blocks: KnownBlock[] = shown.map((s) =>
    section(`\`${escapeMrkdwn(s.messageId)}\`\n${codeBlock(s.body, SAMPLE_BODY)}`),
  );
  if (samples.length > shown.length)
    blocks.push(context(`…and ${formatCount(samples.length - shown.length)} more samples`));
  return blocks;
}

export function redriveTally(result: MoveResult, record: RedriveRecord): SlackMessage {
  const route = `${queue(record.sourceName)} → ${queue(record.destinationName)}`;
  const plainRoute = `${escapeMrkdwn(record.sourceName)} → ${escapeMrkdwn(record.destinationName)}`;
  const took = formatDuration(result.durationMs);
  const rate = `${formatRate(result.ratePerSec)} msg/s`;
  const id = `\`${escapeMrkdwn(record.id)}\``;

  if (result.dryRun) {
    const would = result.dryRun.wouldMove;
    const head = `🔍 *Dry run* of ${route}: would move *${plural(would, 'message')}*; nothing moved (${took}).`;
    const samples = result.dryRun.samples;
    return message(`Dry run of ${plainRoute}: would move ${plural(would, 'message')}; nothing moved.`, [
      section(head),
      ...(samples.length > 0 ? [context(`${samples.length === 1 ? 'A sample' : 'Samples'} of what would move:`)] : []),
      ...sampleBlocks(samples),
      context(`${id} · engine ${result.engine}`),
    ]);
  }

  const total = record.total === undefined ? '' : ` of ${formatCount(record.total)}`;
  const fields = [
    `*Moved*\n${formatCount(result.moved)}${total}`,
    `*Failed*\n${formatCount(result.failed)}`,
    `*Skipped*\n${formatCount(result.skipped)}`,
    `*Took*\n${took}`,
    `*Rate*\n${rate}`,
    `*Engine*\n${result.engine}`,
  ];
  const lines: string[] = [];
  const codes = Object.entries(result.failures).sort((a, b) => b[1] - a[1]);
  if (codes.length > 0) {
    const shown = codes.slice(0, MAX_CODES).map(([code, n]) => `• \`${escapeMrkdwn(code)}\` × ${formatCount(n)}`);
    if (codes.length > MAX_CODES) shown.push(`• …and ${codes.length - MAX_CODES} more codes`);
    lines.push(`*Failed* — still in ${queue(record.sourceName)}:\n${shown.join('\n')}`);
  }
  const skips = (Object.entries(result.skippedBy) as [SkipReason, number | undefined][]).filter(([, n]) => n);
  if (skips.length > 0)
    lines.push(`*Skipped*:\n${skips.map(([why, n]) => `• ${SKIPPED[why](n ?? 0, record)}`).join('\n')}`);
  if (result.deleteFailures > 0) {
    lines.push(
      `⚠️ ${plural(result.deleteFailures, 'message')} reached ${queue(record.destinationName)} but could not be deleted from ${queue(record.sourceName)}: they may be delivered twice (never lost).`,
    );
  }
  const stop =
    result.stoppedBy === 'cancelled' && record.cancelledBy
      ? `Cancelled by ${mention(record.cancelledBy)}.`
      : STOPPED[result.stoppedBy];
  lines.push(result.error ? `${stop} ${escapeMrkdwn(result.error)}` : stop);

  const failedText = result.failed > 0 ? `; ${formatCount(result.failed)} failed` : '';
  const skippedText = result.skipped > 0 ? `; ${formatCount(result.skipped)} skipped` : '';
  const text = `Moved ${formatCount(result.moved)}${total} from ${plainRoute} in ${took} (${rate})${failedText}${skippedText}.`;
  return message(text, [section(`*Tally* for ${route}`, { fields }), ...lines.map((l) => section(l)), context(id)]);
}

// The progress message in a redrive's thread (edited in place): bar, counts, speed, ETA and a [Cancel] button.

import type { MoveProgress } from '../../core/mover/types.ts';
import { PROGRESS_BLOCK, REDRIVE_CANCEL } from '../action-ids.ts';
import { formatCount, formatDuration, formatRate } from './format.ts';
import { button, confirmDialog, context, message, type SlackMessage, section } from './kit.ts';
import { escapeMrkdwn } from './limits.ts';

const CELLS = 10;

/** `▓▓▓▓▓░░░░░` for a fraction in [0, 1]. */
export function progressBar(fraction: number): string {
  const filled = Math.min(CELLS, Math.max(0, Math.floor(fraction * CELLS)));
  return '▓'.repeat(filled) + '░'.repeat(CELLS - filled);
}

export interface ProgressOptions {
  readonly redriveId: string;
  /** Shows [Cancel] while the move can still be stopped. */
  readonly cancellable: boolean;
}

export function redriveProgress(progress: MoveProgress, opts: ProgressOptions): SlackMessage {
  const { moved, failed, skipped, total } = progress;
  const id = escapeMrkdwn(opts.redriveId);
  const done = moved + failed + skipped;
  const percent = total === undefined ? undefined : total === 0 ? 100 : Math.min(100, Math.floor((done / total) * 100));
  const counts =
    total === undefined ? `${formatCount(moved)} moved so far` : `${formatCount(moved)} of ${formatCount(total)} moved`;
  const speed = `${formatRate(progress.ratePerSec)} msg/s`;
  const eta = progress.etaSec === undefined ? undefined : `about ${formatDuration(progress.etaSec * 1000)} left`;
  const extras = [
    ...(failed > 0 ? [`${formatCount(failed)} failed`] : []),
    ...(skipped > 0 ? [`${formatCount(skipped)} skipped`] : []),
  ];
  const line1 = percent === undefined ? `*${counts}*` : `\`${progressBar(percent / 100)}\` *${percent}%* — ${counts}`;
  const line2 = [speed, ...(eta ? [eta] : []), ...extras].join(' · ');
  const cancel = opts.cancellable
    ? button({
        text: 'Cancel',
        actionId: REDRIVE_CANCEL,
        value: opts.redriveId,
        style: 'danger',
        confirm: confirmDialog({
          title: 'Stop this redrive?',
          text: 'Messages already moved stay moved; the rest stay in the source queue. You can start again later.',
          confirm: 'Stop it',
          deny: 'Keep going',
          style: 'danger',
        }),
      })
    : undefined;
  const text = [
    `Redrive ${id}: ${percent === undefined ? '' : `${percent}% — `}${counts} at ${speed}`,
    ...(eta ? [eta] : []),
    ...extras,
  ].join(', ');
  return message(text, [
    section(`${line1}\n${line2}`, { blockId: PROGRESS_BLOCK, ...(cancel ? { accessory: cancel } : {}) }),
    context(`\`${id}\` · engine ${progress.engine} · running for ${formatDuration(progress.elapsedMs)}`),
  ]);
}

// What the CLI prints: a progress bar for terminals, a final tally, and the one-object JSON result.

import type { MovePlan } from '../core/mover/plan-move.ts';
import type { MoveProgress, MoveResult } from '../core/mover/types.ts';

const fmt = new Intl.NumberFormat('en-US');
const n = (value: number) => fmt.format(Math.round(value));

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${(ms / 1000).toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return m < 60
    ? `${m}m${String(s % 60).padStart(2, '0')}s`
    : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export function progressLine(p: MoveProgress, width = 24): string {
  const done = p.moved + p.failed + p.skipped;
  const ratio = p.total ? Math.min(1, done / p.total) : 0;
  const filled = Math.round(ratio * width);
  const bar = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}]`;
  const parts = [
    `${bar} ${Math.floor(ratio * 100)}%`,
    `${n(p.moved)}${p.total !== undefined ? `/${n(p.total)}` : ''} moved`,
    `${n(p.ratePerSec)} msg/s`,
  ];
  if (p.etaSec !== undefined) parts.push(`ETA ${formatDuration(p.etaSec * 1000)}`);
  if (p.failed > 0) parts.push(`${n(p.failed)} failed`);
  if (p.skipped > 0) parts.push(`${n(p.skipped)} skipped`);
  return parts.join(' · ');
}

export function planLine(plan: MovePlan): string {
  return `Moving ${plan.source.name} → ${plan.destination.name}: ${n(plan.expected)} message${
    plan.expected === 1 ? '' : 's'
  }, engine ${plan.engine} (${plan.engineReason})`;
}

export function tallyText(result: MoveResult): string {
  const lines: string[] = [];
  if (result.dryRun) {
    lines.push(`Dry run: ${n(result.dryRun.wouldMove)} message(s) would move; nothing was moved.`);
    for (const sample of result.dryRun.samples) {
      lines.push(`  ${sample.messageId}: ${sample.body.replace(/\s+/g, ' ').slice(0, 120)}`);
    }
  } else {
    lines.push(
      `Moved ${n(result.moved)} message(s) in ${formatDuration(result.durationMs)} (${n(result.ratePerSec)} msg/s).`,
    );
  }
  if (result.failed > 0) {
    const codes = Object.entries(result.failures).map(([code, count]) => `${code} × ${n(count)}`);
    lines.push(`Failed: ${n(result.failed)} (${codes.join(', ')}) — they are still in the source queue.`);
  }
  const skipped = Object.entries(result.skippedBy).filter(([reason]) => reason !== 'dry-run');
  if (skipped.length > 0) {
    lines.push(
      `Skipped (left in the source): ${skipped.map(([reason, count]) => `${n(count ?? 0)} ${reason}`).join(', ')}.`,
    );
  }
  if (result.deleteFailures > 0) {
    lines.push(
      `${n(result.deleteFailures)} message(s) were sent but could not be deleted from the source: expect duplicates.`,
    );
  }
  if (result.stoppedBy === 'cancelled') lines.push('Cancelled: what was received but not sent is visible again.');
  if (result.error) lines.push(`Stopped: ${result.error}`);
  return lines.join('\n');
}

export function jsonResult(plan: MovePlan, result: MoveResult): string {
  return JSON.stringify({
    moved: result.moved,
    failed: result.failed,
    skipped: result.skipped,
    engine: result.engine,
    durationMs: result.durationMs,
    ratePerSec: result.ratePerSec,
    failures: result.failures,
    skippedBy: result.skippedBy,
    stoppedBy: result.stoppedBy,
    deleteFailures: result.deleteFailures,
    source: plan.source.arn,
    destination: plan.destination.arn,
    ...(result.dryRun ? { dryRun: result.dryRun } : {}),
    ...(result.taskHandle ? { taskHandle: result.taskHandle } : {}),
    ...(result.error ? { error: result.error } : {}),
  });
}

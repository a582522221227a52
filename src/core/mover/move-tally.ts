// Counts of one move (moved, failed by code, skipped by reason) and the progress/result built from them.

import type { EngineName, MessageSample, MoveProgress, MoveResult, SkipReason, StopReason } from './types.ts';

export class MoveTally {
  readonly engine: EngineName;
  readonly startedAt = performance.now();
  total: number | undefined;
  moved = 0;
  failed = 0;
  deleteFailures = 0;
  readonly failures: Record<string, number> = {};
  readonly skippedBy: Partial<Record<SkipReason, number>> = {};
  readonly samples: MessageSample[] = [];

  constructor(engine: EngineName, total: number | undefined) {
    this.engine = engine;
    this.total = total;
  }

  get skipped(): number {
    return Object.values(this.skippedBy).reduce((a, b) => a + (b ?? 0), 0);
  }

  fail(code: string, count = 1): void {
    this.failed += count;
    this.failures[code] = (this.failures[code] ?? 0) + count;
  }

  skip(reason: SkipReason): void {
    this.skippedBy[reason] = (this.skippedBy[reason] ?? 0) + 1;
  }

  progress(): MoveProgress {
    const elapsedMs = performance.now() - this.startedAt;
    const ratePerSec = elapsedMs > 0 ? (this.moved * 1000) / elapsedMs : 0;
    const done = this.moved + this.failed + this.skipped;
    const left = this.total === undefined ? undefined : Math.max(0, this.total - done);
    const perSec = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
    return {
      engine: this.engine,
      moved: this.moved,
      failed: this.failed,
      skipped: this.skipped,
      total: this.total,
      elapsedMs,
      ratePerSec,
      etaSec: left !== undefined && perSec > 0 ? left / perSec : undefined,
    };
  }

  result(stoppedBy: StopReason, extra: Partial<Pick<MoveResult, 'error' | 'taskHandle'>> = {}): MoveResult {
    const durationMs = Math.round(performance.now() - this.startedAt);
    const dryRun = this.skippedBy['dry-run'] !== undefined || this.samples.length > 0;
    return {
      engine: this.engine,
      moved: this.moved,
      failed: this.failed,
      skipped: this.skipped,
      durationMs,
      ratePerSec: durationMs > 0 ? Math.round((this.moved * 1000 * 10) / durationMs) / 10 : 0,
      failures: { ...this.failures },
      skippedBy: { ...this.skippedBy },
      stoppedBy,
      deleteFailures: this.deleteFailures,
      ...(dryRun ? { dryRun: { wouldMove: this.skippedBy['dry-run'] ?? 0, samples: [...this.samples] } } : {}),
      ...extra,
    };
  }
}

// Runs redrives: one move per source queue at a time, progress fan-out, cancel, history, restart recovery.

import type { RedrivePatch, RedriveRecord, RedriveStore } from '../../store/types.ts';
import { BusyError } from '../errors.ts';
import { describeFilter } from '../mover/filter.ts';
import type { MovePlan } from '../mover/plan-move.ts';
import type { EngineName, MoveEngine, MoveProgress, MoveResult } from '../mover/types.ts';
import { statusOf } from './outcome.ts';
import { newRedriveId } from './redrive-id.ts';
import type { Logger, RedriveReporter } from './types.ts';

export interface RedriveServiceDeps {
  readonly store: RedriveStore;
  readonly engineFor: (plan: MovePlan) => MoveEngine;
  readonly logger: Logger;
  /** Least time between two progress reports (Slack edits), ms. */
  readonly progressIntervalMs?: number;
}

export interface StartInput {
  readonly plan: MovePlan;
  readonly requestedBy: string;
  readonly channel: string;
  readonly reporter: RedriveReporter;
  /** Reuse an existing thread (an alarm post) instead of a new root message. */
  readonly rootTs?: string;
  /** The alarm whose post holds the thread, when started from one. */
  readonly alarm?: string;
}

interface Running {
  record: RedriveRecord;
  readonly controller: AbortController;
  readonly done: Promise<MoveResult>;
  cancelledBy?: string;
}

export class RedriveService {
  readonly #deps: RedriveServiceDeps;
  /** Source queue ARN → the move holding it. */
  readonly #bySource = new Map<string, Running>();
  /** Every redrive started by this process → its end. */
  readonly #done = new Map<string, Promise<MoveResult>>();

  constructor(deps: RedriveServiceDeps) {
    this.#deps = deps;
  }

  /** The move holding this source queue, if any. */
  holder(sourceArn: string): RedriveRecord | undefined {
    return this.#bySource.get(sourceArn)?.record;
  }

  running(): RedriveRecord[] {
    return [...this.#bySource.values()].map((r) => r.record);
  }

  /**
   * Starts a redrive and returns its record once the thread exists; the move goes on in the background.
   * Throws BusyError when the source queue is already being moved (checked and taken before any await,
   * so double clicks and retries can never start two moves).
   */
  async start(input: StartInput): Promise<RedriveRecord> {
    const { plan } = input;
    const holder = this.#bySource.get(plan.source.arn);
    if (holder) {
      throw new BusyError(`${plan.source.name} is already being redriven (${holder.record.id}).`, holder.record.id);
    }
    const controller = new AbortController();
    let resolveDone: (result: MoveResult) => void = () => {};
    const running: Running = {
      controller,
      done: new Promise((resolve) => {
        resolveDone = resolve;
      }),
      record: {
        id: newRedriveId(),
        sourceName: plan.source.name,
        sourceArn: plan.source.arn,
        destinationName: plan.destination.name,
        destinationArn: plan.destination.arn,
        requestedBy: input.requestedBy,
        channel: input.channel,
        ...(input.rootTs ? { rootTs: input.rootTs } : {}),
        engine: plan.engine,
        options: { ...describeOptions(plan), ...(input.alarm ? { alarm: input.alarm } : {}) },
        status: 'running',
        startedAt: Date.now(),
        total: plan.expected,
        moved: 0,
        failed: 0,
        skipped: 0,
      },
    };
    this.#bySource.set(plan.source.arn, running);
    this.#done.set(running.record.id, running.done);
    try {
      await this.#deps.store.insertRedrive(running.record);
      await this.#patch(running, await input.reporter.started(running.record));
    } catch (err) {
      // Nothing moved: the thread could not be opened (e.g. the bot is not in the channel).
      this.#bySource.delete(plan.source.arn);
      this.#done.delete(running.record.id);
      const error = err instanceof Error ? err.message : String(err);
      await this.#deps.store
        .updateRedrive(running.record.id, { status: 'failed', finishedAt: Date.now(), error })
        .catch(() => {});
      throw err;
    }
    void this.#run(running, input).then(resolveDone);
    return running.record;
  }

  /** Cancels a running redrive; false when no such move is running. */
  cancel(id: string, by: string): boolean {
    const running = [...this.#bySource.values()].find((r) => r.record.id === id);
    if (!running) return false;
    running.cancelledBy ??= by;
    running.controller.abort();
    return true;
  }

  /** Resolves when the redrive ends (tests, shutdown). */
  async finished(id: string): Promise<MoveResult | undefined> {
    return this.#done.get(id);
  }

  /**
   * After a restart: client moves that were running are marked interrupted (their thread says what had moved);
   * native move tasks go on inside SQS, so they are followed again to the end.
   */
  async recover(
    reporterFor: (record: RedriveRecord) => RedriveReporter,
    followNative: (
      record: RedriveRecord,
      signal: AbortSignal,
      onProgress: (p: MoveProgress) => void,
    ) => Promise<MoveResult>,
  ): Promise<RedriveRecord[]> {
    const stale = await this.#deps.store.listByStatus(['running']);
    for (const record of stale) {
      const reporter = reporterFor(record);
      if (record.engine === 'native') {
        this.#follow(record, reporter, followNative);
        continue;
      }
      await this.#deps.store.updateRedrive(record.id, { status: 'interrupted', finishedAt: Date.now() });
      await reporter
        .interrupted({ ...record, status: 'interrupted' })
        .catch((err: unknown) =>
          this.#deps.logger.warn('could not report an interrupted redrive', { error: String(err) }),
        );
    }
    return stale;
  }

  #follow(
    record: RedriveRecord,
    reporter: RedriveReporter,
    followNative: (
      record: RedriveRecord,
      signal: AbortSignal,
      onProgress: (p: MoveProgress) => void,
    ) => Promise<MoveResult>,
  ): void {
    const controller = new AbortController();
    const running: Running = {
      record,
      controller,
      done: followNative(record, controller.signal, (p) => void this.#reportProgress(running, reporter, p))
        .catch((err: unknown) =>
          failedResult(record.engine, `could not follow the move task: ${String(err)}`, undefined),
        )
        .then(async (result) => {
          await this.#finish(running, reporter, result);
          return result;
        }),
    };
    this.#bySource.set(record.sourceArn, running);
    this.#done.set(record.id, running.done);
  }

  /** Cancels every running move and waits for them (graceful shutdown). */
  async shutdown(): Promise<void> {
    const all = [...this.#bySource.values()];
    for (const running of all) running.controller.abort();
    await Promise.all(all.map((r) => r.done));
  }

  async #run(running: Running, input: StartInput): Promise<MoveResult> {
    const { plan, reporter } = input;
    const interval = this.#deps.progressIntervalMs ?? 2000;
    let lastReport = 0;
    let latest: MoveProgress | undefined;
    let reporting: Promise<void> = Promise.resolve();
    const report = (progress: MoveProgress) => {
      latest = progress;
      const now = performance.now();
      if (now - lastReport < interval) return;
      lastReport = now;
      reporting = reporting.then(() => this.#reportProgress(running, reporter, progress));
    };
    let result: MoveResult;
    try {
      result = await this.#deps.engineFor(plan).move({
        source: plan.source,
        destination: plan.destination,
        ...plan.options,
        signal: running.controller.signal,
        onProgress: report,
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.#deps.logger.error('redrive failed', { redrive: running.record.id, error: message });
      result = failedResult(plan.engine, message, latest);
    }
    await reporting;
    await this.#finish(running, reporter, result);
    return result;
  }

  async #finish(running: Running, reporter: RedriveReporter, result: MoveResult): Promise<void> {
    const patch: RedrivePatch = {
      status: statusOf(result),
      finishedAt: Date.now(),
      moved: result.moved,
      failed: result.failed,
      skipped: result.skipped,
      failures: result.failures,
      ...(result.taskHandle ? { taskHandle: result.taskHandle } : {}),
      ...(running.cancelledBy && result.stoppedBy === 'cancelled' ? { cancelledBy: running.cancelledBy } : {}),
      ...(result.error ? { error: result.error } : {}),
    };
    await this.#patch(running, patch).catch((err: unknown) =>
      this.#deps.logger.error('could not store the redrive outcome', {
        redrive: running.record.id,
        error: String(err),
      }),
    );
    this.#bySource.delete(running.record.sourceArn);
    await reporter.finished(running.record, result).catch((err: unknown) =>
      this.#deps.logger.error('could not report the redrive outcome', {
        redrive: running.record.id,
        error: String(err),
      }),
    );
  }

  async #reportProgress(running: Running, reporter: RedriveReporter, progress: MoveProgress): Promise<void> {
    running.record = { ...running.record, moved: progress.moved, failed: progress.failed, skipped: progress.skipped };
    try {
      await reporter.progress(running.record, progress);
    } catch (err) {
      // Slack being slow or rate-limiting must never hurt the move itself.
      this.#deps.logger.warn('progress report failed', { redrive: running.record.id, error: String(err) });
    }
  }

  async #patch(running: Running, patch: RedrivePatch): Promise<void> {
    running.record = { ...running.record, ...patch };
    await this.#deps.store.updateRedrive(running.record.id, patch);
  }
}

/** The options a redrive ran with, as stored and shown (never message contents). */
function describeOptions(plan: MovePlan): Record<string, unknown> {
  const { filter, ...rest } = plan.options;
  return { ...rest, ...(filter ? { filter: describeFilter(filter) } : {}), engineReason: plan.engineReason };
}

function failedResult(engine: EngineName, error: string, latest: MoveProgress | undefined): MoveResult {
  return {
    engine,
    moved: latest?.moved ?? 0,
    failed: latest?.failed ?? 0,
    skipped: latest?.skipped ?? 0,
    durationMs: Math.round(latest?.elapsedMs ?? 0),
    ratePerSec: latest?.ratePerSec ?? 0,
    failures: {},
    skippedBy: {},
    stoppedBy: 'failed',
    deleteFailures: 0,
    error,
  };
}

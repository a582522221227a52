// A tiny simulated CloudWatch for one DLQ: samples its depth every tick, keeps the history, and sends the alarm's
// state changes (ALARM at or above the threshold; OK after some samples below it) through a delivery function.

import type { DemoAlarmState } from './alarm-event.ts';

export interface DepthSample {
  /** Unix ms. */
  readonly at: number;
  readonly value: number;
}

export interface StateChange {
  readonly state: DemoAlarmState;
  readonly previous: DemoAlarmState;
  readonly depth: number;
  readonly at: number;
}

export interface SimulatedAlarmOptions {
  readonly queueName: string;
  /** Visible messages in the queue now. */
  readonly depth: () => Promise<number>;
  /** Hands a state change to the bot; a rejection leaves the state as it was, so the next tick tries again. */
  readonly deliver: (change: StateChange) => Promise<void>;
  readonly threshold?: number;
  /**
   * Samples in a row below the threshold before the alarm returns to OK (default 3), as CloudWatch evaluates whole
   * periods: the OK does not race the bookkeeping that ends the redrive which emptied the queue.
   */
  readonly okAfterSamples?: number;
  readonly intervalMs?: number;
  readonly onError?: (err: unknown) => void;
  readonly now?: () => number;
  /** How long the queue had been filling before the demo started, for a history that looks lived-in (ms). */
  readonly backfillMs?: number;
}

export interface SimulatedAlarm {
  /** The state the bot was last told. */
  readonly state: DemoAlarmState;
  /** Depth samples, oldest first (backfilled history, then one per tick). */
  readonly history: readonly DepthSample[];
  /** When the queue last went from empty to non-empty, if it holds messages now. */
  readonly filledSince: number | undefined;
  /** Samples the depth once and delivers a state change if there is one. */
  tick(): Promise<StateChange | undefined>;
  start(): void;
  stop(): Promise<void>;
}

const FIVE_MINUTES = 300_000;
const MAX_SAMPLES = 20_000;

export function createSimulatedAlarm(options: SimulatedAlarmOptions): SimulatedAlarm {
  const threshold = options.threshold ?? 1;
  const okAfter = Math.max(1, options.okAfterSamples ?? 3);
  const now = options.now ?? Date.now;
  const history: DepthSample[] = [];
  let state: DemoAlarmState = 'OK';
  let filledSince: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  const tick = async (): Promise<StateChange | undefined> => {
    const depth = await options.depth();
    const at = now();
    if (history.length === 0 && depth > 0) {
      backfill(history, at, depth, options.backfillMs ?? 0);
      filledSince = history.find((s) => s.value > 0)?.at;
    }
    if (depth === 0) filledSince = undefined;
    else filledSince ??= at;
    history.push({ at, value: depth });
    if (history.length > MAX_SAMPLES) history.splice(0, history.length - MAX_SAMPLES);
    const recent = history.slice(-okAfter);
    const wanted: DemoAlarmState =
      depth >= threshold
        ? 'ALARM'
        : recent.length === okAfter && recent.every((x) => x.value < threshold)
          ? 'OK'
          : state;
    if (wanted === state) return undefined;
    const change: StateChange = { state: wanted, previous: state, depth, at };
    await options.deliver(change);
    state = wanted;
    return change;
  };

  return {
    get state() {
      return state;
    },
    get history() {
      return history;
    },
    get filledSince() {
      return filledSince;
    },
    tick,
    start() {
      if (timer) return;
      const every = options.intervalMs ?? 1000;
      timer = setInterval(() => {
        // One tick at a time: while a slow delivery runs, later ticks are skipped, not queued.
        if (running) return;
        running = tick()
          .catch((err: unknown) => options.onError?.(err))
          .finally(() => {
            running = undefined;
          });
      }, every);
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}

/** Pretends the queue was empty until `spanMs` ago and then filled up steadily, one sample per five minutes. */
function backfill(history: DepthSample[], at: number, depth: number, spanMs: number): void {
  if (spanMs <= 0) return;
  const start = at - spanMs;
  history.push({ at: start - FIVE_MINUTES, value: 0 });
  for (let t = start; t < at; t += FIVE_MINUTES) {
    history.push({ at: t, value: Math.round((depth * (t - start)) / spanMs) });
  }
}

// Polling intake: DescribeAlarms on a timer, SQS depth alarms only, the sink hears each state change once.

import { type CloudWatchClient, DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { awsErrorName } from '../errors.ts';
import type { Logger } from '../job/types.ts';
import type { Alarm, AlarmSink, AlarmState } from './alarm.ts';
import { DEPTH_METRIC, fromMetricAlarm, isSqsAlarm } from './from-metric-alarm.ts';

/** The last state the poller acted on for one alarm; `updatedAt` is Unix ms when the alarm entered it. */
export interface SeenState {
  readonly state: AlarmState;
  readonly updatedAt: number;
}

/** Where last-seen states live, so changes that happen while the bot is down are noticed after a restart. */
export interface PollState {
  get(alarmArn: string): Promise<SeenState | undefined>;
  set(alarmArn: string, value: SeenState): Promise<void>;
}

export interface AlarmPollerOptions {
  readonly cloudwatch: CloudWatchClient;
  readonly intervalSec: number;
  /** Only alarms whose names start with this (REDRIVE_ALARM_PREFIX). */
  readonly prefix?: string;
  readonly sink: AlarmSink;
  readonly logger: Logger;
  readonly store: PollState;
}

export interface AlarmPoller {
  /** Polls now, then every `intervalSec` after each poll ends. */
  start(): void;
  /** No further polls; resolves when the poll in flight (if any) has finished. */
  stop(): Promise<void>;
  /** One poll (after the one in flight, if any); resolves with how many alarms went to the sink. Never rejects. */
  pollOnce(): Promise<number>;
}

/** Last-seen states in memory: for tests, and for runs without a store (changes while down are then missed). */
export function createMemoryPollState(): PollState & { readonly entries: Map<string, SeenState> } {
  const entries = new Map<string, SeenState>();
  return {
    entries,
    get: async (arn) => entries.get(arn),
    set: async (arn, value) => {
      entries.set(arn, value);
    },
  };
}

const PAGE_SIZE = 100;

export function createAlarmPoller(opts: AlarmPollerOptions): AlarmPoller {
  const { cloudwatch, sink, logger, store } = opts;
  /** Alarms already logged as skipped, so each is mentioned once per run, not on every poll. */
  const skipped = new Set<string>();
  let inFlight: Promise<number> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running = false;

  async function describeAll(): Promise<MetricAlarm[]> {
    const alarms: MetricAlarm[] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    do {
      const page = await cloudwatch.send(
        new DescribeAlarmsCommand({
          AlarmTypes: ['MetricAlarm'],
          MaxRecords: PAGE_SIZE,
          ...(opts.prefix ? { AlarmNamePrefix: opts.prefix } : {}),
          ...(token ? { NextToken: token } : {}),
        }),
      );
      alarms.push(...(page.MetricAlarms ?? []));
      token = page.NextToken;
      if (token && seen.has(token)) throw new Error('DescribeAlarms returned the same NextToken twice');
      if (token) seen.add(token);
    } while (token);
    return alarms;
  }

  /** The depth alarms among what DescribeAlarms listed; others are logged once and left alone. */
  function depthAlarms(listed: readonly MetricAlarm[], now: number): { alarm: Alarm; stamped: boolean }[] {
    const out: { alarm: Alarm; stamped: boolean }[] = [];
    for (const metricAlarm of listed) {
      const parsed = fromMetricAlarm(metricAlarm, now);
      const key = metricAlarm.AlarmArn ?? metricAlarm.AlarmName ?? '';
      if (parsed.kind === 'alarm' && parsed.alarm.metricName === DEPTH_METRIC) {
        const stamped = (metricAlarm.StateTransitionedTimestamp ?? metricAlarm.StateUpdatedTimestamp) !== undefined;
        out.push({ alarm: parsed.alarm, stamped });
        continue;
      }
      if (skipped.has(key)) continue;
      skipped.add(key);
      if (parsed.kind === 'ignored' && isSqsAlarm(metricAlarm)) {
        logger.warn('skipping SQS alarm (no single queue, or unreadable)', { reason: parsed.reason });
      } else {
        const reason =
          parsed.kind === 'ignored' ? parsed.reason : `${parsed.alarm.name}: metric ${parsed.alarm.metricName}`;
        logger.debug('ignoring alarm that is not on a queue depth', { reason });
      }
    }
    return out;
  }

  async function poll(): Promise<number> {
    let listed: MetricAlarm[];
    try {
      listed = await describeAll();
    } catch (err) {
      logger.warn('alarm poll failed, will try again next interval', { error: awsErrorName(err), detail: String(err) });
      return 0;
    }
    const changes: Alarm[] = [];
    for (const { alarm, stamped } of depthAlarms(listed, Date.now())) {
      const last = await store.get(alarm.arn);
      // Without a state time (never seen from CloudWatch itself), only the state value can tell a change.
      const moved = stamped && last?.updatedAt !== alarm.changedAt;
      const changed = last ? last.state !== alarm.state || moved : alarm.state === 'ALARM';
      if (changed) {
        changes.push(last && last.state !== alarm.state ? { ...alarm, previousState: last.state } : alarm);
      } else if (!last) {
        await store.set(alarm.arn, { state: alarm.state, updatedAt: alarm.changedAt });
      }
    }
    changes.sort((a, b) => a.changedAt - b.changedAt);
    let reported = 0;
    for (const alarm of changes) {
      try {
        await sink(alarm);
        reported += 1;
      } catch (err) {
        // Not marked as seen: the next poll offers it again.
        logger.error('alarm sink failed', { alarm: alarm.name, state: alarm.state, error: String(err) });
        continue;
      }
      await store.set(alarm.arn, { state: alarm.state, updatedAt: alarm.changedAt });
    }
    if (changes.length > 0) logger.info('alarm poll', { listed: listed.length, changes: changes.length, reported });
    return reported;
  }

  function pollOnce(): Promise<number> {
    const next = (inFlight ?? Promise.resolve(0)).then(poll).catch((err: unknown) => {
      logger.error('alarm poll crashed', { error: String(err) });
      return 0;
    });
    inFlight = next;
    void next.finally(() => {
      if (inFlight === next) inFlight = undefined;
    });
    return next;
  }

  function schedule(delayMs: number): void {
    timer = setTimeout(() => {
      timer = undefined;
      if (!running) return;
      void pollOnce().finally(() => {
        if (running) schedule(opts.intervalSec * 1000);
      });
    }, delayMs);
    timer.unref();
  }

  return {
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await inFlight;
    },
    pollOnce,
  };
}

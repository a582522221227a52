// Field readers shared by the alarm parsers: JSON shapes, states, CloudWatch timestamps, and which queue a metric watches.

import type { AlarmState } from './alarm.ts';

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string, else undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A short printable form of a bad value, for ignore reasons (never a whole payload). */
export function show(value: unknown): string {
  const text = value === undefined ? 'missing' : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

export function record(value: unknown): Json {
  return isRecord(value) ? value : {};
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

const STATES: readonly AlarmState[] = ['ALARM', 'OK', 'INSUFFICIENT_DATA'];

export function parseState(value: unknown): AlarmState | undefined {
  return STATES.find((s) => s === value);
}

/** `2026-09-02T14:06:12.345+0000` (CloudWatch), also `Z` and `+00:00`; milliseconds optional. */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/;

/** CloudWatch's timestamps → Unix ms; undefined when the text is not a real instant (Feb 31, 25:00, `+0000` only…). */
export function parseAlarmTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = TIMESTAMP.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac = '', zone = 'Z'] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, Number(frac.padEnd(3, '0').slice(0, 3)));
  const check = new Date(utc);
  const real =
    check.getUTCFullYear() === year &&
    check.getUTCMonth() === month - 1 &&
    check.getUTCDate() === day &&
    check.getUTCHours() === hour &&
    check.getUTCMinutes() === minute &&
    check.getUTCSeconds() === second;
  if (!real) return undefined;
  if (zone === 'Z') return utc;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  if (offsetMinutes >= 24 * 60 || Number(digits.slice(2)) >= 60) return undefined;
  return utc - sign * offsetMinutes * 60_000;
}

/** One metric an alarm evaluates, reduced to what matters here. */
export interface MetricRef {
  readonly namespace?: string;
  readonly metricName?: string;
  readonly queueName?: string;
}

export const SQS_NAMESPACE = 'AWS/SQS';
export const SQS_DEPTH_METRIC = 'ApproximateNumberOfMessagesVisible';

export type QueuePick =
  | { readonly kind: 'queue'; readonly queueName: string; readonly metricName?: string }
  | { readonly kind: 'none'; readonly reason: string };

/**
 * The queue an alarm is about: the `QueueName` of its AWS/SQS metric(s). A metric-math alarm may combine several
 * metrics; they must all name the same queue, or the alarm cannot say which queue to redrive.
 */
export function pickQueue(metrics: readonly MetricRef[]): QueuePick {
  const namespaces = [...new Set(metrics.map((m) => m.namespace).filter((n) => n !== undefined))];
  if (metrics.length === 0) return { kind: 'none', reason: 'the alarm watches no metric (composite alarm?)' };
  const sqs = metrics.filter((m) => m.namespace === SQS_NAMESPACE);
  if (sqs.length === 0) {
    return { kind: 'none', reason: `not an SQS alarm (namespace ${namespaces.join(', ') || 'missing'})` };
  }
  const named = sqs.filter((m): m is MetricRef & { queueName: string } => m.queueName !== undefined);
  const queues = [...new Set(named.map((m) => m.queueName))];
  const [first] = named;
  if (!first) return { kind: 'none', reason: 'no AWS/SQS metric of the alarm has a QueueName dimension' };
  if (queues.length > 1) {
    return { kind: 'none', reason: `the alarm watches several queues (${queues.join(', ')}); cannot tell which one` };
  }
  // A metric-math alarm on one queue often reads several of its metrics; name the depth one when it is there.
  const metric = named.find((m) => m.metricName === SQS_DEPTH_METRIC) ?? first;
  return { kind: 'queue', queueName: first.queueName, ...(metric.metricName ? { metricName: metric.metricName } : {}) };
}

// A local CloudWatch stand-in speaking the SDK's AWS JSON 1.0 protocol: alarms, metric data, widget PNGs, faults.

import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudWatchClient, type MetricAlarm, type StateValue } from '@aws-sdk/client-cloudwatch';
import { encodePng } from '../../src/demo/cloudwatch/chart-png.ts';
import { TEST_CREDENTIALS } from './sqs-peers.ts';

const TARGET_PREFIX = 'GraniteServiceVersion20100801.';
const JSON_10 = 'application/x-amz-json-1.0';

export interface CloudWatchCall {
  /** The operation from `x-amz-target`, e.g. `DescribeAlarms`. */
  readonly operation: string;
  readonly input: Record<string, unknown>;
}

export interface SeriesPoint {
  readonly at: Date | number;
  readonly value: number;
}

/** What an injected fault answers: 500 InternalServiceError, or 400 Throttling (which the SDK retries). */
export type CloudWatchFault = 'http500' | 'throttle';

export interface FakeCloudWatch {
  readonly endpoint: string;
  readonly region: string;
  readonly account: string;
  /** Every request, in order (faulted ones too). */
  readonly calls: CloudWatchCall[];
  /** Adds or replaces a metric alarm; missing fields get defaults (ARN from region/account/name, state OK, now). */
  setAlarm(alarm: Partial<MetricAlarm> & { AlarmName: string }): MetricAlarm;
  /** Changes an alarm's state the way CloudWatch does: new update time, new transition time if the value changed. */
  setState(name: string, state: StateValue, reason?: string): MetricAlarm;
  /** Data points GetMetricData answers for any query on this queue's `QueueName` dimension. */
  setSeries(queueName: string, points: readonly SeriesPoint[]): void;
  /** The next `times` calls (of `operation`, or any) get `fault` instead of an answer. */
  failNext(fault: CloudWatchFault, options?: { operation?: string; times?: number }): void;
  /** A real SDK client for this endpoint (destroyed by stop()). */
  client(maxAttempts?: number): CloudWatchClient;
  stop(): Promise<void>;
}

/** A metric alarm on a queue's visible-message count, as people create them for a DLQ. */
export function queueDepthAlarm(
  name: string,
  queueName: string,
  extra: Partial<MetricAlarm> = {},
): Partial<MetricAlarm> & { AlarmName: string } {
  return {
    Namespace: 'AWS/SQS',
    MetricName: 'ApproximateNumberOfMessagesVisible',
    Dimensions: [{ Name: 'QueueName', Value: queueName }],
    Statistic: 'Maximum',
    Period: 60,
    EvaluationPeriods: 1,
    Threshold: 0,
    ComparisonOperator: 'GreaterThanThreshold',
    ...extra,
    AlarmName: name,
  };
}

/** Raised by a handler to answer with an AWS JSON error. */
class AwsFault extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    [this.status, this.code] = [status, code];
  }
}

export async function startFakeCloudWatch(
  options: { region?: string; account?: string } = {},
): Promise<FakeCloudWatch> {
  const region = options.region ?? 'us-east-1';
  const account = options.account ?? '123456789012';
  const alarms = new Map<string, MetricAlarm>();
  const series = new Map<string, SeriesPoint[]>();
  const faults: { fault: CloudWatchFault; operation: string | undefined; left: number }[] = [];
  const calls: CloudWatchCall[] = [];
  const clients: CloudWatchClient[] = [];
  let lastStamp = 0;
  /** Strictly increasing times, so two changes in one millisecond still differ. */
  const stamp = () => {
    lastStamp = Math.max(Date.now(), lastStamp + 1);
    return new Date(lastStamp);
  };

  const handlers: Record<string, (input: Record<string, unknown>) => unknown> = {
    DescribeAlarms: (input) => describeAlarms([...alarms.values()], input),
    GetMetricData: (input) => getMetricData(series, input),
    GetMetricWidgetImage: () => ({ MetricWidgetImage: TINY_CHART_PNG.toString('base64') }),
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
    try {
      if (req.method !== 'POST' || !String(req.headers['content-type']).startsWith(JSON_10)) {
        throw new AwsFault(400, 'InvalidAction', `Expected POST with ${JSON_10}`);
      }
      const text = Buffer.concat(chunks).toString('utf8');
      const input = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
      calls.push({ operation, input });
      const fault = faults.find((f) => f.left > 0 && (f.operation === undefined || f.operation === operation));
      if (fault) {
        fault.left -= 1;
        if (fault.fault === 'http500') throw new AwsFault(500, 'InternalServiceError', 'Injected internal failure');
        throw new AwsFault(400, 'Throttling', 'Rate exceeded');
      }
      const handler = handlers[operation];
      if (!handler) throw new AwsFault(400, 'InvalidAction', `The action ${operation} is not valid for this endpoint`);
      send(res, 200, toWire(handler(input)));
    } catch (err) {
      const fault = err instanceof AwsFault ? err : new AwsFault(500, 'InternalServiceError', String(err));
      send(res, fault.status, { __type: `com.amazonaws.cloudwatch#${fault.code}`, message: fault.message }, fault);
    }
  }

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    endpoint,
    region,
    account,
    calls,
    setAlarm(partial) {
      const now = stamp();
      const alarm: MetricAlarm = {
        AlarmArn: `arn:aws:cloudwatch:${region}:${account}:alarm:${partial.AlarmName}`,
        ActionsEnabled: true,
        StateValue: 'OK',
        StateReason: 'Threshold Crossed: no datapoints were received',
        StateUpdatedTimestamp: now,
        StateTransitionedTimestamp: now,
        AlarmConfigurationUpdatedTimestamp: now,
        ...partial,
      };
      alarms.set(partial.AlarmName, alarm);
      return alarm;
    },
    setState(name, state, reason = `Set to ${state} by the test`) {
      const alarm = alarms.get(name);
      if (!alarm) throw new Error(`fake CloudWatch has no alarm ${name}`);
      const now = stamp();
      const changed = alarm.StateValue !== state;
      const next: MetricAlarm = { ...alarm, StateValue: state, StateReason: reason, StateUpdatedTimestamp: now };
      if (changed) next.StateTransitionedTimestamp = now;
      alarms.set(name, next);
      return next;
    },
    setSeries(queueName, points) {
      series.set(queueName, [...points]);
    },
    failNext(fault, opts = {}) {
      faults.push({ fault, operation: opts.operation, left: opts.times ?? 1 });
    },
    client(maxAttempts = 1) {
      const client = new CloudWatchClient({ endpoint, region, credentials: TEST_CREDENTIALS, maxAttempts });
      clients.push(client);
      return client;
    },
    async stop() {
      for (const client of clients) client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown, fault?: AwsFault): void {
  const headers: Record<string, string> = { 'content-type': JSON_10, 'x-amzn-requestid': randomUUID() };
  if (fault) headers['x-amzn-query-error'] = `${fault.code};${fault.status >= 500 ? 'Receiver' : 'Sender'}`;
  res.writeHead(status, headers);
  res.end(JSON.stringify(body));
}

/** DescribeAlarms over metric alarms: AlarmNames, AlarmNamePrefix, StateValue, AlarmTypes, MaxRecords/NextToken. */
function describeAlarms(all: MetricAlarm[], input: Record<string, unknown>): unknown {
  const max = input.MaxRecords === undefined ? 50 : Number(input.MaxRecords);
  if (!Number.isInteger(max) || max < 1 || max > 100) {
    throw new AwsFault(400, 'InvalidParameterValue', 'MaxRecords must be between 1 and 100');
  }
  const types = input.AlarmTypes as string[] | undefined;
  const names = input.AlarmNames as string[] | undefined;
  const prefix = input.AlarmNamePrefix as string | undefined;
  const state = input.StateValue as string | undefined;
  const matching = (types && !types.includes('MetricAlarm') ? [] : all)
    .filter((a) => !names || names.includes(a.AlarmName ?? ''))
    .filter((a) => prefix === undefined || (a.AlarmName ?? '').startsWith(prefix))
    .filter((a) => state === undefined || a.StateValue === state)
    .sort((a, b) => byName(a.AlarmName ?? '', b.AlarmName ?? ''));
  let start = 0;
  if (input.NextToken !== undefined) {
    const after = Buffer.from(String(input.NextToken), 'base64url').toString('utf8');
    if (!after) throw new AwsFault(400, 'InvalidNextToken', 'The service couldn’t process the NextToken');
    start = matching.findIndex((a) => (a.AlarmName ?? '') > after);
    if (start < 0) start = matching.length;
  }
  const page = matching.slice(start, start + max);
  const last = page.at(-1)?.AlarmName;
  const more = start + max < matching.length && last !== undefined;
  return {
    MetricAlarms: page,
    ...(more ? { NextToken: Buffer.from(last, 'utf8').toString('base64url') } : {}),
  };
}

/** Code-unit order, the same order the NextToken comparison uses. */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface WireQuery {
  Id?: string;
  Label?: string;
  MetricStat?: { Metric?: { Dimensions?: { Name?: string; Value?: string }[] } };
}

/** GetMetricData: each MetricStat query on a QueueName gets that queue's configured points within the window. */
function getMetricData(series: Map<string, SeriesPoint[]>, input: Record<string, unknown>): unknown {
  const startMs = Number(input.StartTime) * 1000;
  const endMs = Number(input.EndTime) * 1000;
  const ascending = input.ScanBy === 'TimestampAscending';
  const queries = (input.MetricDataQueries as WireQuery[] | undefined) ?? [];
  return {
    MetricDataResults: queries.map((q) => {
      const queue = q.MetricStat?.Metric?.Dimensions?.find((d) => d.Name === 'QueueName')?.Value;
      const points = (queue === undefined ? [] : (series.get(queue) ?? []))
        .map((p) => ({ at: new Date(p.at).getTime(), value: p.value }))
        .filter((p) => p.at >= startMs && p.at < endMs)
        .sort((a, b) => (ascending ? a.at - b.at : b.at - a.at));
      return {
        Id: q.Id,
        Label: q.Label ?? 'ApproximateNumberOfMessagesVisible',
        Timestamps: points.map((p) => new Date(p.at)),
        Values: points.map((p) => p.value),
        StatusCode: 'Complete',
      };
    }),
  };
}

/** JSON for the wire: Dates become epoch seconds, as the AWS JSON protocol sends timestamps. */
function toWire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v)]));
  }
  return value;
}

/** What GetMetricWidgetImage answers: a small white chart with axes and a rising-then-falling blue line. */
export const TINY_CHART_PNG: Buffer = encodePng(120, 60, (x, y) => {
  if (x === 8 || y === 52) return [90, 90, 90];
  const curve = 50 - Math.round(40 * Math.sin(((x - 8) / 112) * Math.PI));
  return x > 8 && Math.abs(y - curve) <= 1 ? [31, 119, 180] : [255, 255, 255];
});

// The CloudWatch API calls the bot makes for alarm posts (GetMetricData, GetMetricWidgetImage), answered on 127.0.0.1
// from the simulated alarm's depth samples, in the SDK's AWS JSON 1.0 protocol.

import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { depthChartPng } from './chart-png.ts';
import type { DepthSample, SimulatedAlarm } from './simulated-alarm.ts';

const TARGET_PREFIX = 'GraniteServiceVersion20100801.';
const JSON_10 = 'application/x-amz-json-1.0';

export interface MetricsApi {
  readonly endpoint: string;
  stop(): Promise<void>;
}

interface WireQuery {
  Id?: string;
  MetricStat?: {
    Metric?: { MetricName?: string; Dimensions?: { Name?: string; Value?: string }[] };
    Period?: number;
  };
}

/** `alarms` maps a queue name to its simulated alarm; other queues have no data points. */
export async function startMetricsApi(alarms: ReadonlyMap<string, SimulatedAlarm>): Promise<MetricsApi> {
  const handlers: Record<string, (input: Record<string, unknown>) => unknown> = {
    GetMetricData: (input) => ({
      MetricDataResults: ((input.MetricDataQueries as WireQuery[] | undefined) ?? []).map((q) =>
        result(q, alarms, Number(input.StartTime) * 1000, Number(input.EndTime) * 1000),
      ),
    }),
    GetMetricWidgetImage: (input) => {
      const widget = JSON.parse(String(input.MetricWidget ?? '{}')) as { metrics?: unknown[][]; start?: string };
      const queue = String(widget.metrics?.[0]?.[3] ?? '');
      const hours = Number(/^-PT(\d+)H$/.exec(widget.start ?? '')?.[1] ?? 3);
      const to = Date.now();
      const png = depthChartPng(alarms.get(queue)?.history ?? [], { from: to - hours * 3_600_000, to });
      return { MetricWidgetImage: png.toString('base64') };
    },
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '');
    const handler = handlers[target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : ''];
    const headers = { 'content-type': JSON_10, 'x-amzn-requestid': randomUUID() };
    if (!handler) {
      res.writeHead(400, { ...headers, 'x-amzn-query-error': 'InvalidAction;Sender' });
      res.end(JSON.stringify({ __type: 'InvalidAction', message: `The demo does not answer ${target}` }));
      return;
    }
    const text = Buffer.concat(chunks).toString('utf8');
    res.writeHead(200, headers);
    res.end(JSON.stringify(handler(text ? (JSON.parse(text) as Record<string, unknown>) : {})));
  }
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One query's points: the maximum per period of the queue's depth, or the age of its oldest message. */
function result(q: WireQuery, alarms: ReadonlyMap<string, SimulatedAlarm>, from: number, to: number): unknown {
  const metric = q.MetricStat?.Metric;
  const queue = metric?.Dimensions?.find((d) => d.Name === 'QueueName')?.Value ?? '';
  const alarm = alarms.get(queue);
  let points: DepthSample[] = [];
  if (alarm && metric?.MetricName === 'ApproximateAgeOfOldestMessage') {
    const since = alarm.filledSince;
    points = since === undefined ? [] : [{ at: to - 60_000, value: Math.round((to - since) / 1000) }];
  } else if (alarm) {
    points = maxPerPeriod(alarm.history, (q.MetricStat?.Period ?? 300) * 1000, from, to);
  }
  return {
    Id: q.Id,
    Label: metric?.MetricName ?? '',
    // AWS JSON sends timestamps as epoch seconds.
    Timestamps: points.map((p) => p.at / 1000),
    Values: points.map((p) => p.value),
    StatusCode: 'Complete',
  };
}

function maxPerPeriod(samples: readonly DepthSample[], periodMs: number, from: number, to: number): DepthSample[] {
  const buckets = new Map<number, number>();
  for (const s of samples) {
    if (s.at < from || s.at >= to) continue;
    const start = Math.floor(s.at / periodMs) * periodMs;
    buckets.set(start, Math.max(buckets.get(start) ?? 0, s.value));
  }
  return [...buckets].sort(([a], [b]) => a - b).map(([at, value]) => ({ at, value }));
}

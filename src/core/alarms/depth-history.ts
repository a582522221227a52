// A queue's depth over the last hours, for alarm threads: data points, a text sparkline, or CloudWatch's PNG chart.

import { type CloudWatchClient, GetMetricDataCommand, GetMetricWidgetImageCommand } from '@aws-sdk/client-cloudwatch';
import { BadInputError } from '../errors.ts';
import { SQS_NAMESPACE } from './alarm-fields.ts';
import { DEPTH_METRIC } from './from-metric-alarm.ts';

export interface DepthPoint {
  /** Unix ms at the start of the period. */
  readonly at: number;
  /** The most messages visible during the period. */
  readonly value: number;
}

export interface DepthQuery {
  readonly queueName: string;
  /** The queue's region. GetMetricData cannot choose one, so the client must be in it; the chart names it. */
  readonly region?: string;
  /** How far back, in whole hours (default 3, at most two weeks). */
  readonly hours?: number;
  /** One point per this many seconds (default 300; CloudWatch wants 60 or a multiple of it). */
  readonly periodSec?: number;
  /** Defaults to now; for tests. */
  readonly now?: number;
  /** Another SQS metric of the queue (default ApproximateNumberOfMessagesVisible). */
  readonly metricName?: string;
}

const DEFAULT_HOURS = 3;
const DEFAULT_PERIOD_SEC = 300;
const MAX_HOURS = 24 * 14;
const BARS = '▁▂▃▄▅▆▇█';

function window(query: DepthQuery): { hours: number; periodSec: number; end: number; start: number } {
  const hours = query.hours ?? DEFAULT_HOURS;
  const periodSec = query.periodSec ?? DEFAULT_PERIOD_SEC;
  if (!Number.isInteger(hours) || hours < 1 || hours > MAX_HOURS) {
    throw new BadInputError(`Depth history hours must be a whole number from 1 to ${MAX_HOURS} (got ${hours})`);
  }
  if (!Number.isInteger(periodSec) || periodSec < 60 || periodSec % 60 !== 0) {
    throw new BadInputError(`Depth history period must be a multiple of 60 seconds (got ${periodSec})`);
  }
  const end = query.now ?? Date.now();
  return { hours, periodSec, end, start: end - hours * 3_600_000 };
}

/** Maximum ApproximateNumberOfMessagesVisible per period over the window, oldest first (periods without data absent). */
export async function depthSeries(cloudwatch: CloudWatchClient, query: DepthQuery): Promise<DepthPoint[]> {
  const { periodSec, start, end } = window(query);
  if (query.region) {
    const clientRegion = await cloudwatch.config.region();
    if (clientRegion !== query.region) {
      throw new BadInputError(
        `Cannot read ${query.queueName}'s depth from ${clientRegion}: the queue is in ${query.region}`,
      );
    }
  }
  const out = await cloudwatch.send(
    new GetMetricDataCommand({
      StartTime: new Date(start),
      EndTime: new Date(end),
      ScanBy: 'TimestampAscending',
      MetricDataQueries: [
        {
          Id: 'depth',
          MetricStat: {
            Metric: {
              Namespace: SQS_NAMESPACE,
              MetricName: query.metricName ?? DEPTH_METRIC,
              Dimensions: [{ Name: 'QueueName', Value: query.queueName }],
            },
            Period: periodSec,
            Stat: 'Maximum',
          },
        },
      ],
    }),
  );
  const result = out.MetricDataResults?.find((r) => r.Id === 'depth');
  const times = result?.Timestamps ?? [];
  const values = result?.Values ?? [];
  const points: DepthPoint[] = [];
  times.forEach((time, i) => {
    const value = values[i];
    if (value !== undefined) points.push({ at: time.getTime(), value });
  });
  return points.sort((a, b) => a.at - b.at);
}

const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * `▁▂▅▇█▆▃▁  min 0 · max 1,234 · now 12`: one bar per point (the largest of neighbours when there are more points
 * than `width`), scaled from 0 to the maximum so an empty queue reads as the lowest bar.
 */
export function sparkline(points: readonly DepthPoint[], width = 48): string {
  if (points.length === 0) return 'no data points';
  const values = buckets(
    points.map((p) => p.value),
    Math.max(1, width),
  );
  const max = Math.max(...values);
  const bars = values
    .map((v) => (max <= 0 ? BARS[0] : BARS[Math.min(BARS.length - 1, Math.floor((v / max) * (BARS.length - 1)))]))
    .join('');
  const all = points.map((p) => p.value);
  const now = points.at(-1)?.value ?? 0;
  return `${bars}  min ${count.format(Math.min(...all))} · max ${count.format(Math.max(...all))} · now ${count.format(now)}`;
}

/** Shrinks values to at most `width` by taking the maximum of each run, so spikes survive. */
function buckets(values: readonly number[], width: number): number[] {
  if (values.length <= width) return [...values];
  const out: number[] = [];
  for (let i = 0; i < width; i++) {
    const from = Math.floor((i * values.length) / width);
    const to = Math.floor(((i + 1) * values.length) / width);
    out.push(Math.max(...values.slice(from, Math.max(to, from + 1))));
  }
  return out;
}

/** The MetricWidget JSON for GetMetricWidgetImage: the queue's depth (maximum per period) over the window. */
export function depthWidget(query: DepthQuery): string {
  const { hours, periodSec } = window(query);
  const minutes = periodSec / 60;
  return JSON.stringify({
    title: `${query.queueName}: messages visible (max per ${minutes} min), last ${hours} h`,
    view: 'timeSeries',
    stacked: false,
    metrics: [[SQS_NAMESPACE, DEPTH_METRIC, 'QueueName', query.queueName, { stat: 'Maximum', label: query.queueName }]],
    period: periodSec,
    stat: 'Maximum',
    start: `-PT${hours}H`,
    end: 'P0D',
    yAxis: { left: { min: 0 } },
    legend: { position: 'hidden' },
    width: 600,
    height: 300,
    ...(query.region ? { region: query.region } : {}),
  });
}

/** CloudWatch's own PNG chart of the queue's depth (GetMetricWidgetImage). */
export async function depthChartPng(cloudwatch: CloudWatchClient, query: DepthQuery): Promise<Uint8Array> {
  const out = await cloudwatch.send(
    new GetMetricWidgetImageCommand({ MetricWidget: depthWidget(query), OutputFormat: 'png' }),
  );
  if (!out.MetricWidgetImage || out.MetricWidgetImage.length === 0) {
    throw new Error(`CloudWatch returned no chart for ${query.queueName}`);
  }
  return out.MetricWidgetImage;
}

/** Age in seconds of the queue's oldest message (ApproximateAgeOfOldestMessage, latest minute), when reported. */
export async function oldestMessageAgeSec(
  cloudwatch: CloudWatchClient,
  queueName: string,
): Promise<number | undefined> {
  const points = await depthSeries(cloudwatch, {
    queueName,
    hours: 1,
    periodSec: 60,
    metricName: 'ApproximateAgeOfOldestMessage',
  });
  return points.at(-1)?.value;
}

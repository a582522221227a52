// Depth history: the sparkline and widget JSON (pure), and GetMetricData / GetMetricWidgetImage through the stand-in.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import {
  type DepthPoint,
  depthChartPng,
  depthSeries,
  depthWidget,
  sparkline,
} from '../../../src/core/alarms/depth-history.ts';
import { BadInputError } from '../../../src/core/errors.ts';
import { type FakeCloudWatch, startFakeCloudWatch, TINY_CHART_PNG } from '../../support/fake-cloudwatch.ts';

const at = (i: number) => Date.UTC(2026, 10, 2, 9, 0, 0) + i * 300_000;
const points = (values: number[]): DepthPoint[] => values.map((value, i) => ({ at: at(i), value }));

describe('sparkline', () => {
  test('one bar per point, scaled from zero to the maximum, with min, max and now', () => {
    assert.equal(sparkline(points([0, 150, 600, 1000, 1234, 900, 300, 12])), '▁▁▄▆█▆▂▁  min 0 · max 1,234 · now 12');
  });

  test('an empty queue is a flat low line; no points say so', () => {
    assert.equal(sparkline(points([0, 0, 0])), '▁▁▁  min 0 · max 0 · now 0');
    assert.equal(sparkline([]), 'no data points');
  });

  test('more points than the width are merged by their maximum, so a spike survives', () => {
    const values = Array.from({ length: 100 }, (_, i) => (i === 37 ? 5000 : 10));
    const line = sparkline(points(values), 10);
    const bars = line.split('  ')[0] ?? '';
    assert.equal([...bars].length, 10);
    assert.equal([...bars].filter((c) => c === '█').length, 1);
    assert.match(line, /max 5,000 · now 10$/);
  });
});

describe('depthWidget', () => {
  test('charts the queue depth (maximum per period) over the window, in the queue region', () => {
    const widget = JSON.parse(depthWidget({ queueName: 'orders-dlq', hours: 6, periodSec: 60, region: 'eu-west-1' }));
    assert.deepEqual(widget.metrics, [
      [
        'AWS/SQS',
        'ApproximateNumberOfMessagesVisible',
        'QueueName',
        'orders-dlq',
        { stat: 'Maximum', label: 'orders-dlq' },
      ],
    ]);
    assert.equal(widget.start, '-PT6H');
    assert.equal(widget.period, 60);
    assert.equal(widget.region, 'eu-west-1');
    assert.equal(widget.title, 'orders-dlq: messages visible (max per 1 min), last 6 h');
  });

  test('refuses windows CloudWatch cannot draw', () => {
    assert.throws(() => depthWidget({ queueName: 'q', hours: 0 }), BadInputError);
    assert.throws(() => depthWidget({ queueName: 'q', hours: 1.5 }), BadInputError);
    assert.throws(() => depthWidget({ queueName: 'q', periodSec: 90 }), /multiple of 60/);
  });
});

describe('depth from CloudWatch (stand-in, real SDK)', () => {
  let cw: FakeCloudWatch;
  let client: CloudWatchClient;
  before(async () => {
    cw = await startFakeCloudWatch();
    client = cw.client();
  });
  after(() => cw.stop());

  test('depthSeries asks for the maximum visible messages per period and returns the window oldest first', async () => {
    const now = at(40);
    cw.setSeries('orders-dlq', [
      { at: at(2), value: 99 }, // older than 3 hours: outside
      { at: at(39), value: 12 },
      { at: at(5), value: 0 },
      { at: at(20), value: 1234 },
    ]);
    const series = await depthSeries(client, { queueName: 'orders-dlq', now });
    assert.deepEqual(series, [
      { at: at(5), value: 0 },
      { at: at(20), value: 1234 },
      { at: at(39), value: 12 },
    ]);
    const input = cw.calls.at(-1)?.input as Record<string, unknown>;
    assert.equal(input.StartTime, (now - 3 * 3_600_000) / 1000);
    assert.equal(input.EndTime, now / 1000);
    assert.deepEqual(input.MetricDataQueries, [
      {
        Id: 'depth',
        MetricStat: {
          Metric: {
            Namespace: 'AWS/SQS',
            MetricName: 'ApproximateNumberOfMessagesVisible',
            Dimensions: [{ Name: 'QueueName', Value: 'orders-dlq' }],
          },
          Period: 300,
          Stat: 'Maximum',
        },
      },
    ]);
    assert.equal(sparkline(series), '▁█▁  min 0 · max 1,234 · now 12');
  });

  test('a queue without data gives no points', async () => {
    assert.deepEqual(await depthSeries(client, { queueName: 'quiet-dlq' }), []);
  });

  test('depthSeries refuses to read a queue of another region through this client', async () => {
    await assert.rejects(
      depthSeries(client, { queueName: 'orders-dlq', region: 'eu-west-1' }),
      /Cannot read orders-dlq's depth from us-east-1: the queue is in eu-west-1/,
    );
    assert.deepEqual(await depthSeries(client, { queueName: 'quiet-dlq', region: 'us-east-1' }), []);
  });

  test('depthChartPng returns the PNG CloudWatch drew for the widget', async () => {
    const png = await depthChartPng(client, { queueName: 'orders-dlq', hours: 3 });
    assert.deepEqual(Buffer.from(png), TINY_CHART_PNG);
    const input = cw.calls.at(-1)?.input as { MetricWidget: string; OutputFormat: string };
    assert.equal(cw.calls.at(-1)?.operation, 'GetMetricWidgetImage');
    assert.equal(input.OutputFormat, 'png');
    assert.equal(input.MetricWidget, depthWidget({ queueName: 'orders-dlq', hours: 3 }));
  });
});

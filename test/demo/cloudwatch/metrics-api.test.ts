import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { depthChartPng, depthSeries, oldestMessageAgeSec } from '../../../src/core/alarms/depth-history.ts';
import { type MetricsApi, startMetricsApi } from '../../../src/demo/cloudwatch/metrics-api.ts';
import { createSimulatedAlarm, type SimulatedAlarm } from '../../../src/demo/cloudwatch/simulated-alarm.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
let api: MetricsApi;
let cloudwatch: CloudWatchClient;
let alarm: SimulatedAlarm;
const queue = { depth: 300 };

before(async () => {
  alarm = createSimulatedAlarm({
    queueName: 'orders-dlq',
    depth: async () => queue.depth,
    deliver: async () => {},
    backfillMs: 50 * 60_000,
  });
  await alarm.tick();
  api = await startMetricsApi(new Map([['orders-dlq', alarm]]));
  // The bot's own CloudWatch calls, through the real SDK client.
  cloudwatch = new CloudWatchClient({
    endpoint: api.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'demo', secretAccessKey: 'demo' },
    maxAttempts: 1,
  });
});
after(async () => {
  cloudwatch.destroy();
  await api.stop();
});

test('GetMetricData answers the simulated depth history, the maximum per period', async () => {
  const points = await depthSeries(cloudwatch, { queueName: 'orders-dlq', hours: 3 });
  assert.ok(points.length >= 10, `a backfilled history (got ${points.length} points)`);
  assert.equal(points[0]?.value, 0);
  assert.equal(Math.max(...points.map((p) => p.value)), 300);
  assert.ok(points.every((p, i) => i === 0 || p.at > (points[i - 1]?.at ?? 0)));
  assert.deepEqual(await depthSeries(cloudwatch, { queueName: 'payments-dlq.fifo', hours: 3 }), [], 'unknown queue');
});

test('the oldest message is as old as the time since the queue started filling', async () => {
  const age = await oldestMessageAgeSec(cloudwatch, 'orders-dlq');
  assert.ok(age !== undefined && Math.abs(age - 45 * 60) < 5, `about 45 minutes (got ${age} s)`);
});

test('GetMetricWidgetImage answers a PNG chart of the queue', async () => {
  const png = Buffer.from(await depthChartPng(cloudwatch, { queueName: 'orders-dlq', hours: 3 }));
  assert.deepEqual(png.subarray(0, 8), PNG_SIGNATURE);
  assert.equal(png.readUInt32BE(16), 600, 'width from IHDR');
  assert.ok(png.length > 500);
});

test('calls the demo does not simulate fail the way CloudWatch refuses unknown actions', async () => {
  await assert.rejects(cloudwatch.send(new DescribeAlarmsCommand({})), (err: Error) => err.name === 'InvalidAction');
});

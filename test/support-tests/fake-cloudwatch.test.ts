// The CloudWatch stand-in, exercised with the real SDK client: alarms and their filters, paging, metric data, PNG, errors.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { inflateSync } from 'node:zlib';
import {
  type CloudWatchClient,
  DescribeAlarmsCommand,
  type DescribeAlarmsCommandInput,
  GetMetricDataCommand,
  GetMetricWidgetImageCommand,
  ListMetricsCommand,
} from '@aws-sdk/client-cloudwatch';
import { type FakeCloudWatch, queueDepthAlarm, startFakeCloudWatch } from '../support/fake-cloudwatch.ts';

/** Matches an SDK error by name and HTTP status. */
function awsError(name: string, status: number) {
  return (err: { name?: string; $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(err.name, name);
    assert.equal(err.$metadata?.httpStatusCode, status);
    return true;
  };
}

describe('fake CloudWatch', () => {
  let cw: FakeCloudWatch;
  let client: CloudWatchClient;

  before(async () => {
    cw = await startFakeCloudWatch({ region: 'eu-west-1', account: '111122223333' });
    client = cw.client();
    cw.setAlarm(queueDepthAlarm('orders-dlq-depth', 'orders-dlq', { Threshold: 5 }));
    cw.setAlarm(queueDepthAlarm('payments-dlq-depth', 'payments-dlq'));
    cw.setAlarm({ AlarmName: 'api-5xx', Namespace: 'AWS/ApiGateway', MetricName: '5XXError' });
    cw.setState('payments-dlq-depth', 'ALARM', 'Threshold Crossed: 1 datapoint [12.0] was greater than 0.0');
  });
  after(() => cw.stop());

  test('the SDK sends AWS JSON 1.0 and reads the alarms back, timestamps included', async () => {
    const out = await client.send(new DescribeAlarmsCommand({}));
    assert.deepEqual(
      out.MetricAlarms?.map((a) => [a.AlarmName, a.StateValue]),
      [
        ['api-5xx', 'OK'],
        ['orders-dlq-depth', 'OK'],
        ['payments-dlq-depth', 'ALARM'],
      ],
    );
    const payments = out.MetricAlarms?.[2];
    assert.equal(payments?.AlarmArn, 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:payments-dlq-depth');
    assert.equal(payments?.Dimensions?.[0]?.Value, 'payments-dlq');
    assert.ok(payments?.StateUpdatedTimestamp instanceof Date);
    assert.ok(Math.abs((payments?.StateUpdatedTimestamp?.getTime() ?? 0) - Date.now()) < 60_000);
    assert.equal(out.MetricAlarms?.[1]?.Threshold, 5);
    assert.equal(cw.calls.at(-1)?.operation, 'DescribeAlarms');
  });

  test('setState moves the transition time only when the state value changes', () => {
    const first = cw.setState('orders-dlq-depth', 'ALARM', 'up');
    const again = cw.setState('orders-dlq-depth', 'ALARM', 'still up');
    assert.equal(again.StateTransitionedTimestamp, first.StateTransitionedTimestamp);
    assert.ok((again.StateUpdatedTimestamp?.getTime() ?? 0) > (first.StateUpdatedTimestamp?.getTime() ?? 0));
    cw.setState('orders-dlq-depth', 'OK', 'down');
  });

  test('StateValue, AlarmNamePrefix and AlarmTypes filter', async () => {
    const names = async (input: DescribeAlarmsCommandInput) =>
      (await client.send(new DescribeAlarmsCommand(input))).MetricAlarms?.map((a) => a.AlarmName);
    assert.deepEqual(await names({ StateValue: 'ALARM' }), ['payments-dlq-depth']);
    assert.deepEqual(await names({ AlarmNamePrefix: 'orders-' }), ['orders-dlq-depth']);
    assert.deepEqual(await names({ AlarmTypes: ['CompositeAlarm'] }), []);
    assert.equal((await names({ AlarmTypes: ['MetricAlarm'] }))?.length, 3);
    assert.deepEqual(cw.calls.at(-1)?.input, { AlarmTypes: ['MetricAlarm'] });
  });

  test('MaxRecords pages with NextToken until the last page', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await client.send(
        new DescribeAlarmsCommand({ MaxRecords: 2, ...(token ? { NextToken: token } : {}) }),
      );
      seen.push(...(out.MetricAlarms ?? []).map((a) => a.AlarmName ?? ''));
      token = out.NextToken;
      pages += 1;
    } while (token);
    assert.equal(pages, 2);
    assert.deepEqual(seen, ['api-5xx', 'orders-dlq-depth', 'payments-dlq-depth']);
    await assert.rejects(
      client.send(new DescribeAlarmsCommand({ MaxRecords: 101 })),
      awsError('InvalidParameterValueException', 400),
    );
  });

  test('GetMetricData answers the configured series within the window, in the order asked', async () => {
    const t0 = Date.UTC(2026, 10, 1, 12, 0, 0);
    cw.setSeries('orders-dlq', [
      { at: t0, value: 3 },
      { at: t0 + 300_000, value: 7 },
      { at: new Date(t0 + 600_000), value: 2 },
      { at: t0 + 7_200_000, value: 99 },
    ]);
    const query = {
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
    };
    const window = { StartTime: new Date(t0), EndTime: new Date(t0 + 3_600_000), MetricDataQueries: [query] };
    const asc = await client.send(new GetMetricDataCommand({ ...window, ScanBy: 'TimestampAscending' }));
    assert.deepEqual(asc.MetricDataResults?.[0]?.Values, [3, 7, 2]);
    assert.deepEqual(
      asc.MetricDataResults?.[0]?.Timestamps?.map((t) => t.getTime()),
      [t0, t0 + 300_000, t0 + 600_000],
    );
    const desc = await client.send(new GetMetricDataCommand(window));
    assert.deepEqual(desc.MetricDataResults?.[0]?.Values, [2, 7, 3]);
    const other = {
      ...query,
      MetricStat: { ...query.MetricStat, Metric: { ...query.MetricStat.Metric, Dimensions: [] } },
    };
    const none = await client.send(new GetMetricDataCommand({ ...window, MetricDataQueries: [other] }));
    assert.deepEqual(none.MetricDataResults?.[0]?.Values, []);
  });

  test('GetMetricWidgetImage returns a real PNG', async () => {
    const out = await client.send(new GetMetricWidgetImageCommand({ MetricWidget: '{"metrics":[]}' }));
    const png = Buffer.from(out.MetricWidgetImage ?? []);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(png.toString('latin1', 12, 16), 'IHDR');
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    const idatLength = png.readUInt32BE(33);
    assert.equal(png.toString('latin1', 37, 41), 'IDAT');
    const pixels = inflateSync(png.subarray(41, 41 + idatLength));
    assert.equal(pixels.length, (width * 3 + 1) * height);
    assert.equal(png.toString('latin1', png.length - 8, png.length - 4), 'IEND');
    assert.deepEqual(cw.calls.at(-1)?.input, { MetricWidget: '{"metrics":[]}' });
  });

  test('only AWS JSON 1.0 is spoken: a query-protocol request is refused', async () => {
    const res = await fetch(cw.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=DescribeAlarms&Version=2010-08-01',
    });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('x-amzn-query-error'), 'InvalidAction;Sender');
    assert.match(((await res.json()) as { __type: string }).__type, /#InvalidAction$/);
  });

  test('unknown operations fail as InvalidAction', async () => {
    await assert.rejects(client.send(new ListMetricsCommand({})), awsError('InvalidAction', 400));
  });

  test('injected faults surface as the SDK errors CloudWatch would give, then calls work again', async () => {
    cw.failNext('throttle', { operation: 'DescribeAlarms' });
    cw.failNext('http500');
    await assert.rejects(client.send(new DescribeAlarmsCommand({})), awsError('Throttling', 400));
    await assert.rejects(client.send(new DescribeAlarmsCommand({})), awsError('InternalServiceFault', 500));
    const out = await client.send(new DescribeAlarmsCommand({}));
    assert.equal(out.MetricAlarms?.length, 3);
  });

  test('a retrying client rides over a throttle', async () => {
    cw.failNext('throttle', { times: 1 });
    const before = cw.calls.length;
    const out = await cw.client(2).send(new DescribeAlarmsCommand({ StateValue: 'ALARM' }));
    assert.equal(out.MetricAlarms?.length, 1);
    assert.equal(cw.calls.length - before, 2);
  });
});

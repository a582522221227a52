// MetricAlarm (DescribeAlarms) → Alarm: plain and metric-math SQS alarms, and what gets ignored and why.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { Alarm, AlarmParse } from '../../../src/core/alarms/alarm.ts';
import { fromMetricAlarm, isSqsAlarm } from '../../../src/core/alarms/from-metric-alarm.ts';

const ARN = 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-dlq-not-empty';
const UPDATED = new Date('2026-11-02T10:15:00.123Z');
const TRANSITIONED = new Date('2026-11-02T10:00:00.000Z');

const depthAlarm: MetricAlarm = {
  AlarmName: 'orders-dlq-not-empty',
  AlarmArn: ARN,
  AlarmDescription: 'Orders that failed processing',
  StateValue: 'ALARM',
  StateReason: 'Threshold Crossed: 1 datapoint [1234.0 (02/11/26 10:14:00)] was greater than the threshold (0.0).',
  StateUpdatedTimestamp: UPDATED,
  StateTransitionedTimestamp: TRANSITIONED,
  Namespace: 'AWS/SQS',
  MetricName: 'ApproximateNumberOfMessagesVisible',
  Dimensions: [{ Name: 'QueueName', Value: 'orders-dlq' }],
  Statistic: 'Maximum',
  Threshold: 0,
  ComparisonOperator: 'GreaterThanThreshold',
};

function alarmOf(parse: AlarmParse): Alarm {
  assert.equal(parse.kind, 'alarm', parse.kind === 'ignored' ? parse.reason : '');
  return (parse as { alarm: Alarm }).alarm;
}

function reasonOf(parse: AlarmParse): string {
  assert.equal(parse.kind, 'ignored');
  return (parse as { reason: string }).reason;
}

const sqsStat = (id: string, metricName: string, queue?: string) => ({
  Id: id,
  ReturnData: false,
  MetricStat: {
    Metric: {
      Namespace: 'AWS/SQS',
      MetricName: metricName,
      Dimensions: queue === undefined ? [] : [{ Name: 'QueueName', Value: queue }],
    },
    Period: 60,
    Stat: 'Maximum',
  },
});

describe('fromMetricAlarm', () => {
  test('a queue depth alarm becomes an Alarm with region and account from its ARN', () => {
    assert.deepEqual(alarmOf(fromMetricAlarm(depthAlarm)), {
      name: 'orders-dlq-not-empty',
      arn: ARN,
      region: 'eu-west-1',
      account: '111122223333',
      state: 'ALARM',
      reason: depthAlarm.StateReason ?? '',
      description: 'Orders that failed processing',
      threshold: 0,
      changedAt: TRANSITIONED.getTime(),
      queueName: 'orders-dlq',
      metricName: 'ApproximateNumberOfMessagesVisible',
      source: 'poll',
    } satisfies Alarm);
  });

  test('without a transition time, the state update time is when it changed', () => {
    const { StateTransitionedTimestamp: _, ...older } = depthAlarm;
    assert.equal(alarmOf(fromMetricAlarm(older)).changedAt, UPDATED.getTime());
  });

  test('an alarm without threshold (anomaly band) has none; a missing reason reads as empty', () => {
    const { Threshold: _, StateReason: __, ...band } = depthAlarm;
    const alarm = alarmOf(fromMetricAlarm({ ...band, ThresholdMetricId: 'ad1' }));
    assert.equal('threshold' in alarm, false);
    assert.equal(alarm.reason, '');
  });

  test('a metric-math alarm takes its queue from the SQS metric it reads', () => {
    const math: MetricAlarm = {
      ...depthAlarm,
      Namespace: undefined,
      MetricName: undefined,
      Dimensions: undefined,
      Metrics: [
        { Id: 'e1', Expression: 'visible + notVisible', ReturnData: true },
        sqsStat('notVisible', 'ApproximateNumberOfMessagesNotVisible', 'orders-dlq'),
        sqsStat('visible', 'ApproximateNumberOfMessagesVisible', 'orders-dlq'),
      ],
    };
    const alarm = alarmOf(fromMetricAlarm(math));
    assert.equal(alarm.queueName, 'orders-dlq');
    assert.equal(alarm.metricName, 'ApproximateNumberOfMessagesVisible');
  });

  test('a metric-math alarm without a QueueName, or over several queues, is ignored with the reason', () => {
    const noQueue: MetricAlarm = {
      AlarmName: 'math',
      AlarmArn: ARN,
      StateValue: 'ALARM',
      Metrics: [sqsStat('m1', 'ApproximateNumberOfMessagesVisible')],
    };
    assert.match(reasonOf(fromMetricAlarm(noQueue)), /^math: .*QueueName/);
    assert.equal(isSqsAlarm(noQueue), true);
    const twoQueues = { ...noQueue, Metrics: [sqsStat('a', 'X', 'a-dlq'), sqsStat('b', 'X', 'b-dlq')] };
    assert.match(reasonOf(fromMetricAlarm(twoQueues)), /a-dlq, b-dlq/);
  });

  test('non-SQS alarms are ignored, and not counted as SQS alarms', () => {
    const lambda = { ...depthAlarm, Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: [] };
    assert.match(reasonOf(fromMetricAlarm(lambda)), /not an SQS alarm.*AWS\/Lambda/);
    assert.equal(isSqsAlarm(lambda), false);
  });

  test('an SQS alarm without a QueueName dimension is ignored', () => {
    assert.match(reasonOf(fromMetricAlarm({ ...depthAlarm, Dimensions: [] })), /QueueName/);
  });

  test('a bad ARN or state is ignored', () => {
    assert.match(reasonOf(fromMetricAlarm({ ...depthAlarm, AlarmArn: 'arn:aws:sqs:x' })), /ARN/);
    assert.match(reasonOf(fromMetricAlarm({ ...depthAlarm, AlarmArn: undefined })), /ARN \(none\)/);
    const weird = { ...depthAlarm, StateValue: 'PENDING' } as unknown as MetricAlarm;
    assert.match(reasonOf(fromMetricAlarm(weird)), /state PENDING/);
  });
});

// Tests for the CloudWatch alarm JSON inside SNS notifications: the sample, metric math, non-SQS alarms, timestamps.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAlarmTime } from '../../../src/core/alarms/alarm-fields.ts';
import { parseCloudWatchAlarm } from '../../../src/core/alarms/parse-cloudwatch.ts';
import { cloudWatchAlarmMessage, snsNotification } from '../../support/aws-samples.ts';

const MESSAGE = snsNotification().Message as string;
const SAMPLE = cloudWatchAlarmMessage();

function parse(changes: Record<string, unknown>) {
  return parseCloudWatchAlarm(JSON.stringify({ ...SAMPLE, ...changes }));
}

function mathTrigger(metrics: unknown[]) {
  return {
    Period: 60,
    EvaluationPeriods: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    Threshold: 5,
    TreatMissingData: 'notBreaching',
    Metrics: [{ Id: 'e1', Expression: 'm1 + m2', Label: 'waiting', ReturnData: true }, ...metrics],
  };
}

function sqsMetric(id: string, metricName: string, queue?: string, namespace = 'AWS/SQS') {
  return {
    Id: id,
    MetricStat: {
      Metric: {
        Dimensions: queue ? [{ value: queue, name: 'QueueName' }] : [],
        MetricName: metricName,
        Namespace: namespace,
      },
      Period: 60,
      Stat: 'Maximum',
    },
    ReturnData: false,
  };
}

describe('parseCloudWatchAlarm', () => {
  it('turns the sample notification into the alarm, region from the ARN (not the display Region)', () => {
    assert.deepEqual(parseCloudWatchAlarm(MESSAGE), {
      kind: 'alarm',
      alarm: {
        name: 'orders-dlq-not-empty',
        arn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-dlq-not-empty',
        region: 'us-east-1',
        account: '123456789012',
        state: 'ALARM',
        previousState: 'OK',
        reason:
          'Threshold Crossed: 1 out of the last 1 datapoints [42.0 (02/09/26 14:05:00)] was greater than or equal to the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition).',
        description: 'Messages waiting in orders-dlq',
        threshold: 1,
        changedAt: Date.UTC(2026, 8, 2, 14, 6, 12, 345),
        queueName: 'orders-dlq',
        metricName: 'ApproximateNumberOfMessagesVisible',
        source: 'sns',
      },
    });
  });

  it('takes the queue of a metric-math alarm from its AWS/SQS metrics, naming the depth metric', () => {
    const result = parse({
      Trigger: mathTrigger([
        sqsMetric('m2', 'ApproximateNumberOfMessagesNotVisible', 'payments-dlq'),
        sqsMetric('m1', 'ApproximateNumberOfMessagesVisible', 'payments-dlq'),
      ]),
      AlarmDescription: null,
    });
    assert.equal(result.kind, 'alarm');
    if (result.kind !== 'alarm') return;
    assert.equal(result.alarm.queueName, 'payments-dlq');
    assert.equal(result.alarm.metricName, 'ApproximateNumberOfMessagesVisible');
    assert.equal(result.alarm.threshold, 5);
    assert.equal('description' in result.alarm, false);
  });

  it('ignores a metric-math alarm whose metrics name no queue, or several queues', () => {
    const none = parse({ Trigger: mathTrigger([sqsMetric('m1', 'NumberOfMessagesSent')]) });
    assert.deepEqual(none, {
      kind: 'ignored',
      reason: 'no AWS/SQS metric of the alarm has a QueueName dimension',
    });
    const two = parse({
      Trigger: mathTrigger([
        sqsMetric('m1', 'ApproximateNumberOfMessagesVisible', 'a-dlq'),
        sqsMetric('m2', 'ApproximateNumberOfMessagesVisible', 'b-dlq'),
      ]),
    });
    assert.equal(two.kind, 'ignored');
    assert.match(two.kind === 'ignored' ? two.reason : '', /several queues \(a-dlq, b-dlq\)/);
  });

  it('ignores alarms on other namespaces and composite alarms', () => {
    const lambda = parse({
      Trigger: { MetricName: 'Errors', Namespace: 'AWS/Lambda', Dimensions: [{ name: 'FunctionName', value: 'f' }] },
    });
    assert.deepEqual(lambda, { kind: 'ignored', reason: 'not an SQS alarm (namespace AWS/Lambda)' });
    const composite = parse({ Trigger: undefined, AlarmRule: 'ALARM(a) OR ALARM(b)' });
    assert.equal(composite.kind, 'ignored');
  });

  it('ignores what is not a CloudWatch alarm, saying why', () => {
    assert.match(reason(parseCloudWatchAlarm('{"AlarmName": ')), /not JSON/);
    assert.match(reason(parseCloudWatchAlarm('"hello"')), /not a JSON object/);
    assert.match(reason(parse({ AlarmArn: undefined })), /no AlarmArn/);
    assert.match(reason(parse({ AlarmArn: 'arn:aws:sns:us-east-1:123456789012:t' })), /not a CloudWatch alarm ARN/);
    assert.match(reason(parse({ NewStateValue: 'FIRE' })), /NewStateValue "FIRE" is not an alarm state/);
  });

  it('ignores an alarm whose StateChangeTime is not a real instant', () => {
    for (const bad of ['2026-02-31T10:00:00.000+0000', '2026-09-02 14:06:12', 'yesterday', 1788357972345]) {
      assert.match(reason(parse({ StateChangeTime: bad })), /StateChangeTime .* is not a timestamp/, String(bad));
    }
  });
});

describe('parseAlarmTime', () => {
  it('reads CloudWatch "+0000" timestamps and the ISO forms, with offsets', () => {
    const t = Date.UTC(2026, 8, 2, 14, 6, 12, 345);
    assert.equal(parseAlarmTime('2026-09-02T14:06:12.345+0000'), t);
    assert.equal(parseAlarmTime('2026-09-02T14:06:12.345Z'), t);
    assert.equal(parseAlarmTime('2026-09-02T16:06:12.345+02:00'), t);
    assert.equal(parseAlarmTime('2026-09-02T09:06:12.345-0500'), t);
    assert.equal(parseAlarmTime('2026-09-02T14:06:12Z'), t - 345);
    assert.equal(parseAlarmTime('2026-09-02T14:06:12.345678+0000'), t);
  });

  it('refuses impossible dates and times', () => {
    for (const bad of ['2026-13-01T00:00:00Z', '2026-09-02T24:00:00Z', '2026-09-02T14:06:12+2500', '', undefined]) {
      assert.equal(parseAlarmTime(bad), undefined, String(bad));
    }
  });
});

function reason(result: ReturnType<typeof parseCloudWatchAlarm>): string {
  assert.equal(result.kind, 'ignored');
  return result.kind === 'ignored' ? result.reason : '';
}

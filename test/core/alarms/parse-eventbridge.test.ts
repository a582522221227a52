// Tests for the EventBridge "CloudWatch Alarm State Change" event: the sample, metric math, other events, timestamps.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AlarmParse } from '../../../src/core/alarms/alarm.ts';
import { parseEventBridgeAlarm } from '../../../src/core/alarms/parse-eventbridge.ts';
import { eventBridgeAlarm } from '../../support/aws-samples.ts';

type Json = Record<string, unknown>;

/** The sample with `change` applied to a fresh copy. */
function sample(change: (event: Json & { detail: Json & { state: Json; configuration: Json } }) => void = () => {}) {
  const event = eventBridgeAlarm() as Json & { detail: Json & { state: Json; configuration: Json } };
  change(event);
  return event;
}

function metric(id: string, name: string, dimensions: Record<string, string>, namespace = 'AWS/SQS') {
  return {
    id,
    metricStat: { metric: { namespace, name, dimensions }, period: 60, stat: 'Maximum' },
    returnData: false,
  };
}

const EXPRESSION = { id: 'e1', expression: 'm1 + m2', label: 'waiting', returnData: true };

describe('parseEventBridgeAlarm', () => {
  it('turns the sample event into the alarm, threshold from reasonData', () => {
    assert.deepEqual(parseEventBridgeAlarm(sample()), {
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
        source: 'eventbridge',
      },
    });
  });

  it('takes the queue of a metric-math alarm from its metrics', () => {
    const result = parseEventBridgeAlarm(
      sample((e) => {
        e.detail.configuration.metrics = [
          EXPRESSION,
          metric('m1', 'ApproximateNumberOfMessagesNotVisible', { QueueName: 'payments-dlq' }),
          metric('m2', 'ApproximateNumberOfMessagesVisible', { QueueName: 'payments-dlq' }),
        ];
        e.detail.state.reasonData = '{"version":"1.0","recentDatapoints":[3.0]}';
      }),
    );
    assert.equal(result.kind, 'alarm');
    if (result.kind !== 'alarm') return;
    assert.equal(result.alarm.queueName, 'payments-dlq');
    assert.equal(result.alarm.metricName, 'ApproximateNumberOfMessagesVisible');
    assert.equal('threshold' in result.alarm, false);
  });

  it('ignores a metric-math alarm whose metrics name no queue', () => {
    const result = parseEventBridgeAlarm(
      sample((e) => {
        e.detail.configuration.metrics = [EXPRESSION, metric('m1', 'NumberOfMessagesSent', {})];
      }),
    );
    assert.deepEqual(result, { kind: 'ignored', reason: 'no AWS/SQS metric of the alarm has a QueueName dimension' });
  });

  it('ignores alarms on other namespaces and composite alarms', () => {
    const ec2 = sample((e) => {
      e.detail.configuration.metrics = [metric('m1', 'CPUUtilization', { InstanceId: 'i-1' }, 'AWS/EC2')];
    });
    assert.deepEqual(parseEventBridgeAlarm(ec2), { kind: 'ignored', reason: 'not an SQS alarm (namespace AWS/EC2)' });
    const composite = sample((e) => {
      e.detail.configuration = { alarmRule: 'ALARM(a) OR ALARM(b)' };
    });
    assert.match(reason(parseEventBridgeAlarm(composite)), /no metric/);
  });

  it('ignores other events and broken fields, saying why', () => {
    assert.match(reason(parseEventBridgeAlarm([])), /not a JSON object/);
    const ec2State = sample((e) => {
      e['detail-type'] = 'EC2 Instance State-change Notification';
      e.source = 'aws.ec2';
    });
    assert.match(reason(parseEventBridgeAlarm(ec2State)), /not a "CloudWatch Alarm State Change" event/);
    assert.match(reason(parseEventBridgeAlarm(sample((e) => (e.resources = [])))), /no CloudWatch alarm ARN/);
    assert.match(reason(parseEventBridgeAlarm(sample((e) => (e.detail.state.value = 'ON')))), /"ON" is not an alarm/);
  });

  it('ignores an event whose state timestamp is not a real instant', () => {
    for (const bad of ['2026-09-31T14:06:12.345+0000', '14:06', undefined]) {
      const event = sample((e) => (e.detail.state.timestamp = bad));
      assert.match(reason(parseEventBridgeAlarm(event)), /state\.timestamp .* is not a timestamp/, String(bad));
    }
  });
});

function reason(result: AlarmParse): string {
  assert.equal(result.kind, 'ignored');
  return result.kind === 'ignored' ? result.reason : '';
}

// Maps a DescribeAlarms `MetricAlarm` (plain or metric math) onto the one Alarm model, or says why it is not one.

import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { type AlarmParse, parseAlarmArn } from './alarm.ts';
import { type MetricRef, parseState, pickQueue, SQS_NAMESPACE } from './alarm-fields.ts';

export const DEPTH_METRIC = 'ApproximateNumberOfMessagesVisible';

/** True when the alarm watches an AWS/SQS metric, directly or inside its metric math. */
export function isSqsAlarm(alarm: MetricAlarm): boolean {
  if (alarm.Namespace === SQS_NAMESPACE) return true;
  return (alarm.Metrics ?? []).some((q) => q.MetricStat?.Metric?.Namespace === SQS_NAMESPACE);
}

/**
 * The Alarm for a metric alarm on an SQS queue. The queue comes from the `QueueName` dimension of the alarm's
 * metric or, for metric math, of the AWS/SQS metrics it reads (all must name the same queue). `metricName` is
 * the depth metric whenever the alarm reads it.
 * `changedAt` is when the alarm entered its state (StateTransitionedTimestamp, else StateUpdatedTimestamp).
 */
export function fromMetricAlarm(alarm: MetricAlarm, now: number = Date.now()): AlarmParse {
  const name = alarm.AlarmName ?? '(unnamed)';
  const ignored = (reason: string): AlarmParse => ({ kind: 'ignored', reason: `${name}: ${reason}` });
  const arn = alarm.AlarmArn;
  const where = arn ? parseAlarmArn(arn) : undefined;
  if (!arn || !where) return ignored(`not a CloudWatch alarm ARN (${arn ?? 'none'})`);
  const state = parseState(alarm.StateValue);
  if (!state) return ignored(`unknown alarm state ${alarm.StateValue ?? '(none)'}`);
  const metrics = metricRefs(alarm);
  const pick = pickQueue(metrics);
  if (pick.kind === 'none') return ignored(pick.reason);
  const readsDepth = metrics.some((m) => m.queueName === pick.queueName && m.metricName === DEPTH_METRIC);
  const metricName = readsDepth ? DEPTH_METRIC : pick.metricName;

  const changed = alarm.StateTransitionedTimestamp ?? alarm.StateUpdatedTimestamp;
  return {
    kind: 'alarm',
    alarm: {
      name: alarm.AlarmName ?? where.name,
      arn,
      region: where.region,
      account: where.account,
      state,
      reason: alarm.StateReason ?? '',
      ...(alarm.AlarmDescription ? { description: alarm.AlarmDescription } : {}),
      ...(typeof alarm.Threshold === 'number' ? { threshold: alarm.Threshold } : {}),
      changedAt: changed ? changed.getTime() : now,
      queueName: pick.queueName,
      ...(metricName ? { metricName } : {}),
      source: 'poll',
    },
  };
}

/** The metrics the alarm evaluates: its own metric, or each metric its metric math reads. */
function metricRefs(alarm: MetricAlarm): MetricRef[] {
  const stats = alarm.Metrics?.length
    ? alarm.Metrics.flatMap((q) => (q.MetricStat?.Metric ? [q.MetricStat.Metric] : []))
    : [{ Namespace: alarm.Namespace, MetricName: alarm.MetricName, Dimensions: alarm.Dimensions }];
  return stats.map((m) => {
    const queueName = m.Dimensions?.find((d) => d.Name === 'QueueName')?.Value;
    return {
      ...(m.Namespace ? { namespace: m.Namespace } : {}),
      ...(m.MetricName ? { metricName: m.MetricName } : {}),
      ...(queueName ? { queueName } : {}),
    };
  });
}

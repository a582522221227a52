// The CloudWatch alarm JSON that SNS carries in a Notification's `Message` → an Alarm (or why it is ignored).

import { type AlarmParse, parseAlarmArn } from './alarm.ts';
import {
  isRecord,
  type Json,
  list,
  type MetricRef,
  num,
  parseAlarmTime,
  parseState,
  pickQueue,
  record,
  show,
  str,
} from './alarm-fields.ts';

/** Parses the `Message` string of an SNS Notification sent by a CloudWatch alarm action. */
export function parseCloudWatchAlarm(message: string): AlarmParse {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    return ignored('the SNS message is not JSON (not a CloudWatch alarm notification)');
  }
  if (!isRecord(json)) return ignored('the SNS message is not a JSON object');
  const arn = str(json.AlarmArn);
  if (arn === undefined) return ignored('the SNS message has no AlarmArn (not a CloudWatch alarm notification)');
  const fromArn = parseAlarmArn(arn);
  if (!fromArn) return ignored(`AlarmArn ${show(arn)} is not a CloudWatch alarm ARN`);
  const state = parseState(json.NewStateValue);
  if (!state) return ignored(`NewStateValue ${show(json.NewStateValue)} is not an alarm state`);
  const changedAt = parseAlarmTime(json.StateChangeTime);
  if (changedAt === undefined) {
    return ignored(`StateChangeTime ${show(json.StateChangeTime)} is not a timestamp`);
  }
  const trigger = record(json.Trigger);
  const queue = pickQueue(triggerMetrics(trigger));
  if (queue.kind === 'none') return ignored(queue.reason);
  const previousState = parseState(json.OldStateValue);
  const description = str(json.AlarmDescription);
  const threshold = num(trigger.Threshold);
  return {
    kind: 'alarm',
    alarm: {
      name: str(json.AlarmName) ?? fromArn.name,
      arn,
      region: fromArn.region,
      account: fromArn.account,
      state,
      reason: str(json.NewStateReason) ?? '',
      changedAt,
      queueName: queue.queueName,
      source: 'sns',
      ...(previousState ? { previousState } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(threshold !== undefined ? { threshold } : {}),
      ...(queue.metricName !== undefined ? { metricName: queue.metricName } : {}),
    },
  };
}

/** A single-metric alarm names its metric on the Trigger; a metric-math alarm lists `Trigger.Metrics`. */
function triggerMetrics(trigger: Json): MetricRef[] {
  const single = str(trigger.Namespace) ?? str(trigger.MetricName);
  if (single !== undefined) return [metricRef(trigger.Namespace, trigger.MetricName, trigger.Dimensions)];
  return list(trigger.Metrics)
    .map((m) => record(record(record(m).MetricStat).Metric))
    .filter((metric) => Object.keys(metric).length > 0)
    .map((metric) => metricRef(metric.Namespace, metric.MetricName, metric.Dimensions));
}

function metricRef(namespace: unknown, metricName: unknown, dimensions: unknown): MetricRef {
  const ns = str(namespace);
  const name = str(metricName);
  const queueName = queueDimension(dimensions);
  return {
    ...(ns !== undefined ? { namespace: ns } : {}),
    ...(name !== undefined ? { metricName: name } : {}),
    ...(queueName !== undefined ? { queueName } : {}),
  };
}

/** SNS lists dimensions as `[{ name, value }]` (key case varies between CloudWatch's writers). */
function queueDimension(dimensions: unknown): string | undefined {
  for (const d of list(dimensions)) {
    const dim = record(d);
    if ((dim.name ?? dim.Name) === 'QueueName') return str(dim.value ?? dim.Value);
  }
  return undefined;
}

function ignored(reason: string): AlarmParse {
  return { kind: 'ignored', reason };
}

// EventBridge's "CloudWatch Alarm State Change" event (as an API destination delivers it) → an Alarm (or why not).

import { type AlarmParse, parseAlarmArn } from './alarm.ts';
import {
  isRecord,
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

export const ALARM_STATE_CHANGE = 'CloudWatch Alarm State Change';

/** Parses an already-decoded EventBridge event; any other event type is ignored with the reason. */
export function parseEventBridgeAlarm(event: unknown): AlarmParse {
  if (!isRecord(event)) return ignored('the body is not a JSON object (not an EventBridge event)');
  if (event['detail-type'] !== ALARM_STATE_CHANGE || event.source !== 'aws.cloudwatch') {
    return ignored(`not a "${ALARM_STATE_CHANGE}" event (detail-type ${show(event['detail-type'])})`);
  }
  const detail = record(event.detail);
  const arn = list(event.resources)
    .map(str)
    .find((r) => r !== undefined && parseAlarmArn(r) !== undefined);
  const fromArn = arn === undefined ? undefined : parseAlarmArn(arn);
  if (arn === undefined || !fromArn) return ignored('the event names no CloudWatch alarm ARN in resources');
  const state = record(detail.state);
  const value = parseState(state.value);
  if (!value) return ignored(`state.value ${show(state.value)} is not an alarm state`);
  const changedAt = parseAlarmTime(state.timestamp);
  if (changedAt === undefined) return ignored(`state.timestamp ${show(state.timestamp)} is not a timestamp`);
  const configuration = record(detail.configuration);
  const queue = pickQueue(
    list(configuration.metrics)
      .map(metricRef)
      .filter((m) => m !== undefined),
  );
  if (queue.kind === 'none') return ignored(queue.reason);
  const previousState = parseState(record(detail.previousState).value);
  const description = str(configuration.description);
  const threshold = thresholdOf(state.reasonData);
  return {
    kind: 'alarm',
    alarm: {
      name: str(detail.alarmName) ?? fromArn.name,
      arn,
      region: fromArn.region,
      account: fromArn.account,
      state: value,
      reason: str(state.reason) ?? '',
      changedAt,
      queueName: queue.queueName,
      source: 'eventbridge',
      ...(previousState ? { previousState } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(threshold !== undefined ? { threshold } : {}),
      ...(queue.metricName !== undefined ? { metricName: queue.metricName } : {}),
    },
  };
}

/** `configuration.metrics[]`: a metric (`metricStat.metric`, dimensions as a map) or an expression (no metric). */
function metricRef(entry: unknown): MetricRef | undefined {
  const metric = record(record(record(entry).metricStat).metric);
  if (Object.keys(metric).length === 0) return undefined;
  const namespace = str(metric.namespace);
  const metricName = str(metric.name);
  const queueName = str(record(metric.dimensions).QueueName);
  return {
    ...(namespace !== undefined ? { namespace } : {}),
    ...(metricName !== undefined ? { metricName } : {}),
    ...(queueName !== undefined ? { queueName } : {}),
  };
}

/** The event carries the threshold only inside `state.reasonData`, itself a JSON string. */
function thresholdOf(reasonData: unknown): number | undefined {
  if (typeof reasonData !== 'string') return undefined;
  try {
    const data: unknown = JSON.parse(reasonData);
    return isRecord(data) ? num(data.threshold) : undefined;
  } catch {
    return undefined;
  }
}

function ignored(reason: string): AlarmParse {
  return { kind: 'ignored', reason };
}

// EventBridge's "CloudWatch Alarm State Change" event for a DLQ-depth alarm, and its delivery to the bot's /aws/events.

import { randomUUID } from 'node:crypto';

export type DemoAlarmState = 'OK' | 'ALARM';

export interface AlarmEventInput {
  readonly alarmName: string;
  readonly queueName: string;
  readonly state: DemoAlarmState;
  readonly previous: DemoAlarmState;
  /** The datapoint that caused the change. */
  readonly depth: number;
  readonly threshold: number;
  readonly region: string;
  readonly account: string;
  readonly at?: number;
}

/** The event as EventBridge delivers it to an API destination (shape of AWS's own sample). */
export function alarmStateChange(input: AlarmEventInput): Record<string, unknown> {
  const at = new Date(input.at ?? Date.now());
  const stamp = at.toISOString().replace('Z', '+0000');
  const crossed = input.state === 'ALARM' ? 'was greater than or equal to' : 'was not greater than or equal to';
  const reason = `Threshold Crossed: 1 out of the last 1 datapoints [${input.depth.toFixed(1)}] ${crossed} the threshold (${input.threshold.toFixed(1)}) (minimum 1 datapoint for ${input.previous} -> ${input.state} transition).`;
  const reasonData = JSON.stringify({
    version: '1.0',
    queryDate: stamp,
    statistic: 'Maximum',
    period: 60,
    recentDatapoints: [input.depth],
    threshold: input.threshold,
  });
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'CloudWatch Alarm State Change',
    source: 'aws.cloudwatch',
    account: input.account,
    time: `${at.toISOString().slice(0, 19)}Z`,
    region: input.region,
    resources: [`arn:aws:cloudwatch:${input.region}:${input.account}:alarm:${input.alarmName}`],
    detail: {
      alarmName: input.alarmName,
      configuration: {
        description: `Messages waiting in ${input.queueName}`,
        metrics: [
          {
            id: 'm1',
            metricStat: {
              metric: {
                namespace: 'AWS/SQS',
                name: 'ApproximateNumberOfMessagesVisible',
                dimensions: { QueueName: input.queueName },
              },
              period: 60,
              stat: 'Maximum',
            },
            returnData: true,
          },
        ],
      },
      previousState: { value: input.previous, timestamp: stamp },
      state: { value: input.state, reason, reasonData, timestamp: stamp },
    },
  };
}

/** POSTs the event the way an EventBridge API destination does: JSON, with the connection's API-key header. */
export async function deliverEvent(
  url: string,
  header: { readonly name: string; readonly value: string },
  event: Record<string, unknown>,
): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [header.name]: header.value },
    body: JSON.stringify(event),
  });
  const answer = await res.text();
  if (!res.ok) throw new Error(`the bot answered the alarm event with HTTP ${res.status}: ${answer.slice(0, 200)}`);
}

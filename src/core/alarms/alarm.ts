// One model for a CloudWatch alarm on a queue, whichever way it arrived (SNS, EventBridge, polling).

export type AlarmState = 'ALARM' | 'OK' | 'INSUFFICIENT_DATA';
export type AlarmSource = 'sns' | 'eventbridge' | 'poll';

export interface Alarm {
  readonly name: string;
  readonly arn: string;
  /** Region code taken from the alarm ARN (SNS's `Region` field is a display name). */
  readonly region: string;
  readonly account: string;
  readonly state: AlarmState;
  readonly previousState?: AlarmState;
  readonly reason: string;
  readonly description?: string;
  /** The alarm's threshold, when it has one (metric-math alarms may not). */
  readonly threshold?: number;
  /** Unix ms when the alarm entered `state`. */
  readonly changedAt: number;
  /** The queue from the metric's `QueueName` dimension. */
  readonly queueName: string;
  readonly metricName?: string;
  readonly source: AlarmSource;
}

/** What an intake produced: an alarm to act on, or why the payload is not one (logged, never posted). */
export type AlarmParse =
  | { readonly kind: 'alarm'; readonly alarm: Alarm }
  | { readonly kind: 'ignored'; readonly reason: string };

/** Receives every alarm an intake accepted; the Slack alarm flow implements it. */
export type AlarmSink = (alarm: Alarm) => Promise<void>;

/** `arn:aws:cloudwatch:REGION:ACCOUNT:alarm:NAME` → region and account; undefined when it is not such an ARN. */
export function parseAlarmArn(arn: string): { region: string; account: string; name: string } | undefined {
  const parts = arn.split(':');
  if (parts.length < 7 || parts[0] !== 'arn' || parts[2] !== 'cloudwatch' || parts[5] !== 'alarm') return undefined;
  const [, , , region, account, , ...name] = parts;
  if (!region || !account || name.length === 0) return undefined;
  return { region, account, name: name.join(':') };
}

// The AWS sample payloads (copies of ../shared/samples in test/fixtures/aws), each call a fresh object to change freely.

import { readFileSync } from 'node:fs';

type Json = Record<string, unknown>;

function load(name: string): () => Json {
  const text = readFileSync(new URL(`../fixtures/aws/${name}.json`, import.meta.url), 'utf8');
  return () => JSON.parse(text) as Json;
}

/** SNS Notification envelope; `Message` is the CloudWatch alarm JSON as a string. Placeholder signature. */
export const snsNotification = load('sns-notification-cloudwatch-alarm');
/** What SNS sends first to a new HTTPS subscription. Placeholder signature. */
export const snsSubscriptionConfirmation = load('sns-subscription-confirmation');
/** EventBridge "CloudWatch Alarm State Change" event. */
export const eventBridgeAlarm = load('eventbridge-cloudwatch-alarm-state-change');

/** The alarm JSON inside the sample SNS notification, decoded. */
export function cloudWatchAlarmMessage(): Json {
  return JSON.parse(snsNotification().Message as string) as Json;
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEventBridgeAlarm } from '../../../src/core/alarms/parse-eventbridge.ts';
import { alarmStateChange } from '../../../src/demo/cloudwatch/alarm-event.ts';

const input = {
  alarmName: 'orders-dlq-not-empty',
  queueName: 'orders-dlq',
  threshold: 1,
  region: 'us-east-1',
  account: '000000000000',
  at: Date.UTC(2026, 10, 1, 12, 0, 0, 250),
} as const;

test('the demo’s alarm events are what the bot’s EventBridge parser accepts, with every field it shows', () => {
  const parsed = parseEventBridgeAlarm(alarmStateChange({ ...input, state: 'ALARM', previous: 'OK', depth: 300 }));
  assert.equal(parsed.kind, 'alarm');
  assert.ok(parsed.kind === 'alarm');
  assert.deepEqual(
    {
      name: parsed.alarm.name,
      arn: parsed.alarm.arn,
      state: parsed.alarm.state,
      previousState: parsed.alarm.previousState,
      queueName: parsed.alarm.queueName,
      threshold: parsed.alarm.threshold,
      region: parsed.alarm.region,
      account: parsed.alarm.account,
      changedAt: parsed.alarm.changedAt,
    },
    {
      name: 'orders-dlq-not-empty',
      arn: 'arn:aws:cloudwatch:us-east-1:000000000000:alarm:orders-dlq-not-empty',
      state: 'ALARM',
      previousState: 'OK',
      queueName: 'orders-dlq',
      threshold: 1,
      region: 'us-east-1',
      account: '000000000000',
      changedAt: input.at,
    },
  );
  assert.match(parsed.alarm.reason, /\[300\.0\] was greater than or equal to the threshold \(1\.0\)/);
});

test('OK events parse as OK, and every event has its own id (the route drops redeliveries by id)', () => {
  const a = alarmStateChange({ ...input, state: 'OK', previous: 'ALARM', depth: 0 });
  const b = alarmStateChange({ ...input, state: 'OK', previous: 'ALARM', depth: 0 });
  const parsed = parseEventBridgeAlarm(a);
  assert.ok(parsed.kind === 'alarm');
  assert.equal(parsed.alarm.state, 'OK');
  assert.match(parsed.alarm.reason, /was not greater than or equal to/);
  assert.notEqual(a.id, b.id);
});

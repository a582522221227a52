import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Alarm } from '../../src/core/alarms/alarm.ts';
import { ALARM_PEEK, ALARM_REDRIVE_PATTERN, ALARM_SNOOZE } from '../../src/slack/action-ids.ts';
import { eventBridgeAlarm } from '../support/aws-samples.ts';
import { buttonsIn, type Harness, startHarness, until } from '../support/bot-harness.ts';
import { assertNothingLost, seedPair } from '../support/queues.ts';

const ALARMS = 'C0ALARMS';
const TOKEN = 'a-long-enough-token-123';
let h: Harness;

function alarm(name: string, queueName: string, state: Alarm['state']): Alarm {
  return {
    name,
    arn: `arn:aws:cloudwatch:us-east-1:000000000000:alarm:${name}`,
    region: 'us-east-1',
    account: '000000000000',
    state,
    reason: 'Threshold Crossed: 1 out of the last 1 datapoints was greater than or equal to the threshold (1.0).',
    threshold: 1,
    changedAt: Date.now() - 60_000,
    queueName,
    source: 'eventbridge',
  };
}

/** A DLQ whose source queue points at it, seeded with `count` failed messages. */
async function dlqWithSource(dlq: string, source: string, count: number) {
  const created = h.sqs.server.createQueue(dlq);
  h.sqs.server.createQueue(source, {
    attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: created.queueArn, maxReceiveCount: 3 }) },
  });
  return seedPair(h.sqs, { src: dlq, dst: source }, count);
}

const postsIn = (channel: string) => h.slack.model.messages.filter((m) => m.channel === channel && !m.threadTs);

before(async () => {
  h = await startHarness({ env: { REDRIVE_ALARM_CHANNEL: ALARMS, REDRIVE_EVENTS_TOKEN: TOKEN } });
});
after(() => h.stop());

describe('alarm posts', () => {
  test('alarm → post with buttons → Redrive → progress and tally in its thread → OK → post resolved', async () => {
    const pair = await dlqWithSource('orders-dlq', 'orders', 42);
    await h.bot.alarmSink(alarm('orders-dlq-not-empty', 'orders-dlq', 'ALARM'));
    const [post] = postsIn(ALARMS);
    assert.ok(post, 'posted in the alarm channel');
    assert.match(post.text, /orders-dlq has 42 messages waiting/);
    const shown = JSON.stringify(post.blocks);
    assert.match(shown, /Threshold/);
    assert.match(shown, /Source queue\*\\norders/);
    const buttons = buttonsIn(post.blocks);
    const redrive = buttons.find((b) => ALARM_REDRIVE_PATTERN.test(b.action_id));
    assert.equal(redrive?.text, 'Redrive → orders');
    assert.ok(buttons.some((b) => b.action_id === ALARM_PEEK));
    assert.ok(buttons.some((b) => b.action_id === ALARM_SNOOZE));

    await h.click({
      actionId: redrive.action_id,
      value: redrive.value ?? '',
      user: 'U0ALICE',
      messageTs: post.ts,
      ephemeral: false,
    });
    const record = await h.outcome('orders-dlq');
    assert.equal(record.status, 'succeeded');
    assert.equal(record.rootTs, post.ts, 'the redrive runs in the alarm post’s thread');
    assert.equal(h.sqs.bodies('orders').length, 42);
    assertNothingLost(h.sqs, pair);
    const thread = h.slack.thread(ALARMS, post.ts).filter((m) => m.ts !== post.ts);
    assert.ok(
      thread.some((m) => /U0ALICE/.test(m.text)),
      'who started it',
    );
    assert.ok(
      thread.some((m) => /42/.test(m.text) && /moved/i.test(m.text)),
      'the tally',
    );

    await h.bot.alarmSink(alarm('orders-dlq-not-empty', 'orders-dlq', 'OK'));
    const resolved = h.slack.message(ALARMS, post.ts);
    assert.match(resolved?.text ?? '', /Resolved/);
    assert.match(JSON.stringify(resolved?.blocks), new RegExp(`U0ALICE>'s redrive \`${record.id}\``));
    assert.equal(postsIn(ALARMS).length, 1);
  });

  test('a re-fire while the post is recent replies in the same thread instead of posting anew', async () => {
    await dlqWithSource('pay-dlq', 'pay', 3);
    await h.bot.alarmSink(alarm('pay-dlq-not-empty', 'pay-dlq', 'ALARM'));
    await h.bot.alarmSink(alarm('pay-dlq-not-empty', 'pay-dlq', 'OK'));
    await h.bot.alarmSink(alarm('pay-dlq-not-empty', 'pay-dlq', 'ALARM'));
    const posts = postsIn(ALARMS).filter((m) => m.text.includes('pay-dlq'));
    assert.equal(posts.length, 1);
    const [post] = posts;
    assert.ok(post);
    assert.ok(h.slack.thread(ALARMS, post.ts).some((m) => /fired again: 3 messages in pay-dlq/.test(m.text)));
    assert.match(h.slack.message(ALARMS, post.ts)?.text ?? '', /pay-dlq has 3 messages waiting/, 'back to ALARM');
  });

  test('Snooze suppresses posts for that alarm for an hour and says so in the thread, by whom', async () => {
    await dlqWithSource('snz-dlq', 'snz', 2);
    await h.bot.alarmSink(alarm('snz-dlq-not-empty', 'snz-dlq', 'ALARM'));
    const post = postsIn(ALARMS).find((m) => m.text.includes('snz-dlq'));
    assert.ok(post);
    const snooze = buttonsIn(post.blocks).find((b) => b.action_id === ALARM_SNOOZE);
    await h.click({
      actionId: ALARM_SNOOZE,
      value: snooze?.value ?? '',
      user: 'U0BOB',
      messageTs: post.ts,
      ephemeral: false,
    });
    await until(
      () => h.slack.thread(ALARMS, post.ts).find((m) => /Snoozed for 1 h by <@U0BOB>/.test(m.text)),
      'snooze note',
    );
    const before = h.slack.calls('chat.postMessage').length;
    await h.bot.alarmSink(alarm('snz-dlq-not-empty', 'snz-dlq', 'ALARM'));
    assert.equal(h.slack.calls('chat.postMessage').length, before, 'nothing posted while snoozed');
  });

  test('Peek on the alarm post answers ephemerally (denied without a rules file)', async () => {
    const post = postsIn(ALARMS).find((m) => m.text.includes('snz-dlq'));
    const peek = buttonsIn(post?.blocks).find((b) => b.action_id === ALARM_PEEK);
    await h.click({
      actionId: ALARM_PEEK,
      value: peek?.value ?? '',
      user: 'U0CAROL',
      messageTs: post?.ts ?? '',
      ephemeral: false,
    });
    await h.ephemeral('U0CAROL', /Not allowed/);
  });

  test('an EventBridge delivery through the real /aws/events route posts the alarm; a wrong token is refused', async () => {
    await dlqWithSource('inv-dlq', 'inv', 5);
    // The sample event, for this test's alarm and queue.
    const event = JSON.parse(
      JSON.stringify(eventBridgeAlarm())
        .replaceAll('orders-dlq-not-empty', 'inv-dlq-not-empty')
        .replaceAll('"orders-dlq"', '"inv-dlq"')
        .replaceAll('123456789012', '000000000000'),
    );
    const post = (token: string) =>
      fetch(`${h.url}/aws/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-redrive-token': token },
        body: JSON.stringify(event),
      });
    assert.equal((await post('wrong-token-wrong-token')).status, 401);
    assert.equal(postsIn(ALARMS).filter((m) => m.text.includes('inv-dlq')).length, 0);
    assert.equal((await post(TOKEN)).status, 200);
    const posted = await until(() => postsIn(ALARMS).find((m) => m.text.includes('inv-dlq')), 'alarm post');
    assert.match(posted.text, /inv-dlq has 5 messages waiting \(alarm inv-dlq-not-empty\)/);
  });

  test('messages bouncing back after a redrive get a warning in its thread with the numbers', async () => {
    await dlqWithSource('bnc-dlq', 'bnc', 20);
    await h.command('bnc-dlq bnc', 'U0ALICE');
    const record = await h.outcome('bnc-dlq');
    assert.equal(record.moved, 20);
    await until(() => h.logs.find((l) => l.includes('watching for bounces') && l.includes(record.id)), 'bounce watch');
    // The consumer of bnc is still failing: its messages land in the DLQ again.
    for (let i = 0; i < 15; i++) h.sqs.server.sendMessage('bnc-dlq', `bounced-${i}`);
    const warning = await until(
      () => h.slack.thread(record.channel, record.rootTs ?? '').find((m) => /are back in bnc-dlq/.test(m.text)),
      'bounce warning',
    );
    assert.match(
      warning.text,
      /15 of 20 messages are back in bnc-dlq .* the consumer of bnc is probably still failing/,
    );
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Harness, startHarness, until } from '../support/bot-harness.ts';
import { type FakeCloudWatch, queueDepthAlarm, startFakeCloudWatch } from '../support/fake-cloudwatch.ts';
import { seedPair } from '../support/queues.ts';

const ALARMS = 'C0ALARMS';
let cw: FakeCloudWatch;
let h: Harness;

before(async () => {
  cw = await startFakeCloudWatch({ account: '000000000000' });
  h = await startHarness({
    env: { REDRIVE_ALARM_CHANNEL: ALARMS, REDRIVE_POLL_SECONDS: '3600', REDRIVE_ALARM_PREFIX: 'dlq-' },
    cloudwatch: cw.client(),
  });
});
after(async () => {
  await h.stop();
  await cw.stop();
});

const posts = () => h.slack.model.messages.filter((m) => m.channel === ALARMS && !m.threadTs);

describe('polling intake with a depth chart', () => {
  test('an alarm found in ALARM is posted once, with the depth chart uploaded in its thread', async () => {
    await seedPair(h.sqs, { src: 'poll-dlq', dst: 'poll' }, 7);
    const now = Date.now();
    cw.setSeries('poll-dlq', [
      { at: now - 3_600_000, value: 0 },
      { at: now - 1_800_000, value: 4 },
      { at: now - 600_000, value: 7 },
    ]);
    cw.setAlarm(queueDepthAlarm('dlq-poll', 'poll-dlq', { StateValue: 'ALARM', StateReason: 'Threshold Crossed' }));
    cw.setAlarm(queueDepthAlarm('other-alarm', 'poll-dlq', { StateValue: 'ALARM' }));
    assert.ok(h.bot.poller, 'polling is on');
    await h.bot.poller.pollOnce();
    const [post] = posts();
    assert.ok(post, 'alarm posted');
    assert.match(post.text, /poll-dlq has 7 messages waiting \(alarm dlq-poll\)/);
    assert.equal(posts().length, 1, 'the prefix kept other-alarm out');
    await until(() => h.slack.uploads().length > 0 || undefined, 'chart uploaded');
    const [upload] = h.slack.uploads();
    assert.match(upload?.filename ?? '', /poll-dlq-depth\.png/);
    assert.equal(upload?.content?.subarray(1, 4).toString(), 'PNG');
    await h.bot.poller.pollOnce();
    assert.equal(posts().length, 1, 'unchanged state: no second post');
  });

  test('without files:write the chart is a text sparkline', async () => {
    await seedPair(h.sqs, { src: 'poll2-dlq', dst: 'poll2' }, 2);
    cw.setSeries('poll2-dlq', [
      { at: Date.now() - 1_200_000, value: 1 },
      { at: Date.now() - 600_000, value: 2 },
    ]);
    h.slack.failNext('files.getUploadURLExternal', { error: 'missing_scope' });
    cw.setAlarm(queueDepthAlarm('dlq-poll2', 'poll2-dlq', { StateValue: 'ALARM' }));
    await h.bot.poller?.pollOnce();
    const post = posts().find((m) => m.text.includes('poll2-dlq'));
    assert.ok(post);
    const chart = await until(
      () => h.slack.thread(ALARMS, post.ts).find((m) => m.text.includes('depth, last 3 h')),
      'sparkline',
    );
    assert.match(chart.text, /[▁▂▃▄▅▆▇█]+ {2}min 1 · max 2 · now 2/);
  });

  test('the alarm going OK between polls edits the post to resolved', async () => {
    cw.setState('dlq-poll', 'OK', 'Threshold no longer crossed');
    await h.bot.poller?.pollOnce();
    const post = posts().find((m) => m.text.includes('(alarm dlq-poll)') || m.text.includes('alarm dlq-poll is OK'));
    assert.match(post?.text ?? '', /Resolved: poll-dlq \(alarm dlq-poll is OK\)/);
  });
});

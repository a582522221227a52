import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HOME_VIEW, REDRIVE_CANCEL, REDRIVE_CHOOSE_DESTINATION_PATTERN } from '../../src/slack/action-ids.ts';
import { openSqliteStore } from '../../src/store/sqlite-store.ts';
import { buttonsIn, CHANNEL, type Harness, SECRET, startHarness, until } from '../support/bot-harness.ts';
import { assertNothingLost, seedPair } from '../support/queues.ts';
import { appHomeOpened, postEvent, postSlashCommand } from '../support/slack-requests.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

describe('redrive lifecycle in Slack', () => {
  test('[Cancel] on the progress message stops the move; the tally says who cancelled; nothing lost', async () => {
    const pair = await seedPair(h.sqs, { src: 'cx-dlq', dst: 'cx' }, 800);
    await h.command('cx-dlq cx --rate 200', 'U0ALICE');
    const root = await until(
      () => h.slack.model.messages.find((m) => !m.threadTs && m.text.includes('cx-dlq')),
      'root',
    );
    const progress = await until(() => h.slack.thread(CHANNEL, root.ts).find((m) => m.ts !== root.ts), 'progress');
    await until(() => h.sqs.bodies('cx').length >= 20 || undefined, 'some moved');
    const cancel = buttonsIn(progress.blocks).find((b) => b.action_id === REDRIVE_CANCEL);
    assert.ok(cancel?.value, 'progress has a Cancel button with the redrive id');
    await h.click({
      actionId: REDRIVE_CANCEL,
      value: cancel.value,
      user: 'U0BOB',
      messageTs: progress.ts,
      ephemeral: false,
    });
    const record = await h.outcome('cx-dlq');
    assert.equal(record.status, 'cancelled');
    assert.equal(record.cancelledBy, 'U0BOB');
    assert.ok(record.moved < 800);
    const tally = h.slack.thread(CHANNEL, root.ts).at(-1);
    assert.match(`${tally?.text} ${JSON.stringify(tally?.blocks)}`, /U0BOB/);
    assert.equal(h.sqs.counts('cx-dlq').inflight, 0);
    assertNothingLost(h.sqs, pair);
  });

  test('/redrive cancel ID, status while running, and a second request for the same queue is told who holds it', async () => {
    await seedPair(h.sqs, { src: 'st-dlq', dst: 'st' }, 600);
    await h.command('st-dlq st --rate 150', 'U0ALICE');
    const running = await until(() => h.bot.deps.service.running().find((r) => r.sourceName === 'st-dlq'), 'running');
    await h.command('status', 'U0BOB');
    await h.ephemeral('U0BOB', new RegExp(running.id));
    await h.command('st-dlq st', 'U0CAROL');
    const busy = await h.ephemeral('U0CAROL', /already being redriven/);
    assert.match(busy.text, /U0ALICE/);
    await h.command(`cancel ${running.id}`, 'U0ALICE');
    await h.ephemeral('U0ALICE', /Cancelling/);
    assert.equal((await h.outcome('st-dlq')).status, 'cancelled');
    await h.command(`cancel ${running.id}`, 'U0ALICE');
    await h.ephemeral('U0ALICE', /not running/);
  });

  test('a DLQ that feeds several queues: the person picks the destination', async () => {
    const dlq = h.sqs.server.createQueue('multi-dlq');
    const policy = JSON.stringify({ deadLetterTargetArn: dlq.queueArn, maxReceiveCount: 2 });
    h.sqs.server.createQueue('multi-a', { attributes: { RedrivePolicy: policy } });
    h.sqs.server.createQueue('multi-b', { attributes: { RedrivePolicy: policy } });
    const pair = await seedPair(h.sqs, { src: 'multi-dlq', dst: 'multi-b' }, 4);
    await h.command('multi-dlq', 'U0ALICE');
    const choice = await h.ephemeral('U0ALICE', /multi-dlq.*which/);
    const buttons = buttonsIn(choice.blocks).filter((b) => REDRIVE_CHOOSE_DESTINATION_PATTERN.test(b.action_id));
    assert.deepEqual(buttons.map((b) => b.text).sort(), ['multi-a', 'multi-b']);
    const toB = buttons.find((b) => b.text === 'multi-b');
    await h.click({ actionId: toB?.action_id ?? '', value: toB?.value ?? '', user: 'U0ALICE', messageTs: choice.ts });
    assert.equal((await h.outcome('multi-dlq')).destinationName, 'multi-b');
    assertNothingLost(h.sqs, pair);
    assert.equal(h.sqs.bodies('multi-b').length, 4);
  });

  test('history lists past redrives with their outcome', async () => {
    await h.command('history', 'U0ERIN');
    const answer = await h.ephemeral('U0ERIN', /cx-dlq|st-dlq|multi-dlq/);
    const shown = `${answer.text} ${JSON.stringify(answer.blocks)}`;
    assert.match(shown, /multi-dlq/);
    assert.match(shown, /cancel/i);
    await h.command('history multi-dlq', 'U0FRED');
    const filtered = await h.ephemeral('U0FRED', /multi-dlq/);
    assert.doesNotMatch(JSON.stringify(filtered.blocks), /cx-dlq/);
  });

  test('App Home shows running moves, known DLQs with depth, recent redrives', async () => {
    await h.sqs.server.sendMessage('multi-dlq', 'new failure');
    const res = await postEvent(h.url, SECRET, appHomeOpened('U0ALICE'));
    assert.equal(res.status, 200);
    const call = await h.slack.waitFor('views.publish', (c) => c.args.user_id === 'U0ALICE');
    const view = call.args.view as { callback_id: string; blocks: unknown[] };
    assert.equal(view.callback_id, HOME_VIEW);
    const shown = JSON.stringify(view.blocks);
    assert.match(shown, /multi-dlq\* — 1 message/);
    assert.match(shown, /Recent redrives/);
  });

  test('Slack rate limits on progress edits are retried and never hurt the move', async () => {
    const pair = await seedPair(h.sqs, { src: 'rl-dlq', dst: 'rl' }, 200);
    h.slack.failNext('chat.update', { error: 'ratelimited', retryAfterSec: 1 }, 2);
    await h.command('rl-dlq rl', 'U0ALICE');
    const record = await h.outcome('rl-dlq');
    assert.equal(record.moved, 200);
    assertNothingLost(h.sqs, pair);
  });

  test('a channel the bot cannot post in: the person is told how to fix it, nothing moves', async () => {
    const pair = await seedPair(h.sqs, { src: 'nic-dlq', dst: 'nic' }, 5);
    h.slack.failNext('chat.postMessage', { error: 'not_in_channel' });
    await h.command('nic-dlq nic', 'U0GUS');
    const answer = await h.ephemeral('U0GUS', /cannot post in this channel/);
    assert.match(JSON.stringify(answer.blocks), /\/invite @sqs-redrive/);
    assert.equal(h.sqs.counts(pair.source.name).ready, 5);
    const [record] = await h.bot.deps.store.listRedrives({ queue: 'nic-dlq', limit: 1 });
    assert.equal(record?.status, 'failed');
    assert.equal(h.bot.deps.service.holder(pair.source.arn), undefined, 'the queue is free again');
  });

  test('a Slack retry of a command (x-slack-retry-num) starts nothing', async () => {
    const pair = await seedPair(h.sqs, { src: 'rt-dlq', dst: 'rt' }, 5);
    const res = await postSlashCommand(
      h.url,
      SECRET,
      { text: 'rt-dlq rt', user_id: 'U0ALICE', channel_id: CHANNEL, response_url: h.slack.responseUrl() },
      { retryNum: 1 },
    );
    assert.equal(res.status, 200);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(h.sqs.counts(pair.source.name).ready, 5);
    assert.equal((await h.bot.deps.store.listRedrives({ queue: 'rt-dlq', limit: 1 })).length, 0);
  });
});

describe('restart recovery', () => {
  test('a client move that was running is marked interrupted in its thread with what had moved', async () => {
    const store = openSqliteStore(':memory:');
    const root = h.slack.model.post({ channel: CHANNEL, text: 'redriving gone-dlq', blocks: undefined, user: 'U0BOT' });
    const progress = h.slack.model.post({
      channel: CHANNEL,
      text: 'progress',
      blocks: undefined,
      user: 'U0BOT',
      threadTs: root.ts,
    });
    await store.insertRedrive({
      id: 'r-crash1',
      sourceName: 'gone-dlq',
      sourceArn: 'arn:aws:sqs:us-east-1:000000000000:gone-dlq',
      destinationName: 'gone',
      destinationArn: 'arn:aws:sqs:us-east-1:000000000000:gone',
      requestedBy: 'U0ALICE',
      channel: CHANNEL,
      rootTs: root.ts,
      progressTs: progress.ts,
      engine: 'client',
      options: {},
      status: 'running',
      startedAt: Date.now() - 60_000,
      total: 500,
      moved: 120,
      failed: 0,
      skipped: 0,
    });
    const restarted = await startHarness({ sqs: h.sqs, slack: h.slack, store });
    try {
      const note = await h.slack.waitFor(
        'chat.postMessage',
        (c) => c.args.thread_ts === root.ts && /restarted/.test(String(c.args.text)),
      );
      assert.match(String(note.args.text), /120 message/);
      assert.equal((await store.getRedrive('r-crash1'))?.status, 'interrupted');
    } finally {
      await restarted.stop();
    }
  });
});

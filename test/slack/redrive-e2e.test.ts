import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { REDRIVE_CANCEL, REDRIVE_START } from '../../src/slack/action-ids.ts';
import { buttonsIn, CHANNEL, type Harness, SECRET, startHarness, until } from '../support/bot-harness.ts';
import { assertNothingLost, seedPair } from '../support/queues.ts';
import { postSlashCommand } from '../support/slack-requests.ts';

let h: Harness;
let n = 0;
const names = () => {
  n++;
  return { src: `e2e-dlq-${n}`, dst: `e2e-${n}` };
};
const rootOf = (text: RegExp) =>
  until(() => h.slack.model.messages.find((m) => !m.threadTs && text.test(m.text)), `root ${text}`);

before(async () => {
  h = await startHarness({ env: { REDRIVE_CONFIRM_ABOVE: '100' } });
});
after(() => h.stop());

describe('/redrive through the real Bolt app', () => {
  test('command → root + thread progress edited in place + tally; the queues really moved', async () => {
    const pair = await seedPair(h.sqs, names(), 60);
    const response = await h.command(`${pair.source.name} ${pair.destination.name}`);
    assert.equal(response.status, 200);
    assert.ok(response.ms < 3000, `acked in ${response.ms} ms`);
    const root = await rootOf(new RegExp(`<@U0ALICE> is redriving .*${pair.source.name}`));
    assert.match(root.text, /60 messages/);
    const record = await h.outcome(pair.source.name);
    assert.equal(record.status, 'succeeded');
    const [progress, tally] = h.slack.thread(CHANNEL, root.ts).filter((m) => m.ts !== root.ts);
    assert.ok(progress && progress.edits > 0, 'progress message in the thread, edited in place');
    assert.match(tally?.text ?? '', /60/);
    assert.ok(
      buttonsIn(progress.blocks).every((b) => b.action_id !== REDRIVE_CANCEL),
      'Cancel gone at the end',
    );
    assert.deepEqual(h.sqs.bodies(pair.source.name), []);
    assert.equal(h.sqs.bodies(pair.destination.name).length, 60);
    assertNothingLost(h.sqs, pair);
    const finalRoot = h.slack.message(CHANNEL, root.ts);
    assert.ok(finalRoot && finalRoot.edits > 0, 'root updated with the outcome');
    assert.equal(record.moved, 60);
    assert.equal(record.requestedBy, 'U0ALICE');
    assert.equal(record.rootTs, root.ts);
  });

  test('a forged signature or a stale timestamp gets 401 and starts nothing', async () => {
    const pair = await seedPair(h.sqs, names(), 5);
    const fields = {
      text: `${pair.source.name} ${pair.destination.name}`,
      user_id: 'U0EVE',
      channel_id: CHANNEL,
      response_url: h.slack.responseUrl(),
    };
    const forged = await postSlashCommand(h.url, SECRET, fields, { secretOverride: 'not-the-secret' });
    assert.equal(forged.status, 401);
    const stale = await postSlashCommand(h.url, SECRET, fields, {
      timestampSec: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    assert.equal(stale.status, 401);
    assert.equal(h.sqs.counts(pair.source.name).ready, 5);
  });

  test('malformed commands answer with what was wrong plus usage, ephemerally', async () => {
    await h.command('orders-dlq --limit zero', 'U0BOB');
    const answer = await h.ephemeral('U0BOB', /--limit must be a whole number/);
    assert.match(answer.text + JSON.stringify(answer.blocks), /\/redrive peek/);
    await h.command('no-such-queue other', 'U0BOB');
    await h.ephemeral('U0BOB', /no-such-queue not found/);
  });

  test('above the threshold: confirm first, [Start] runs it; double clicks start one move', async () => {
    const pair = await seedPair(h.sqs, names(), 150);
    await h.command(`${pair.source.name} ${pair.destination.name}`, 'U0CAROL');
    const prompt = await h.ephemeral('U0CAROL', /150/);
    assert.equal(h.sqs.counts(pair.source.name).ready, 150, 'nothing moved before the confirmation');
    const start = buttonsIn(prompt.blocks).find((b) => b.action_id === REDRIVE_START);
    assert.ok(start?.value, 'Start button with the plan');
    const clicks = await Promise.all([
      h.click({ actionId: REDRIVE_START, value: start.value, user: 'U0CAROL', messageTs: prompt.ts }),
      h.click({ actionId: REDRIVE_START, value: start.value, user: 'U0CAROL', messageTs: prompt.ts }),
    ]);
    assert.deepEqual(
      clicks.map((c) => c.status),
      [200, 200],
    );
    const record = await h.outcome(pair.source.name);
    assert.equal(record.moved, 150);
    const roots = h.slack.model.messages.filter((m) => !m.threadTs && m.text.includes(pair.source.name));
    assert.equal(roots.length, 1, 'one move, one thread');
    assertNothingLost(h.sqs, pair);
  });
});

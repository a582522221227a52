import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CHANNEL, type Harness, startHarness } from '../support/bot-harness.ts';
import { seedPair } from '../support/queues.ts';

const RULES = `
rules:
  - name: payments-oncall
    queues: ["pay-*"]
    users: ["U0ALICE"]
    groups: ["S0PAYTEAM"]
    maxMessages: 20
    peek: true
  - name: orders-anyone
    queues: ["ord-*"]
    users: ["*"]
    channels: ["${CHANNEL}"]
`;

let h: Harness;
before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'redrive-rules-'));
  writeFileSync(join(dir, 'rules.yml'), RULES);
  h = await startHarness({ env: { REDRIVE_RULES: join(dir, 'rules.yml') } });
  h.slack.setUsergroup('S0PAYTEAM', ['U0DAN']);
});
after(() => h.stop());

describe('permission rules through Slack', () => {
  test('a user the rule does not admit is denied ephemerally, the rule is named, the audit log has it', async () => {
    const pair = await seedPair(h.sqs, { src: 'pay-dlq-1', dst: 'pay-1' }, 5);
    await h.command('pay-dlq-1 pay-1', 'U0MALLORY');
    const answer = await h.ephemeral('U0MALLORY', /Not allowed/);
    assert.match(answer.text + JSON.stringify(answer.blocks), /payments-oncall/);
    assert.equal(h.sqs.counts(pair.source.name).ready, 5, 'nothing moved');
    const [audit] = await h.bot.deps.store.listAudit({ limit: 1, kind: 'denied' });
    assert.equal(audit?.actor, 'U0MALLORY');
    assert.equal(audit?.queue, pair.source.arn);
  });

  test('a member of an allowed user group may redrive', async () => {
    const pair = await seedPair(h.sqs, { src: 'pay-dlq-2', dst: 'pay-2' }, 5);
    await h.command('pay-dlq-2 pay-2', 'U0DAN');
    const record = await h.outcome(pair.source.name);
    assert.equal(record.status, 'succeeded');
    assert.equal(h.sqs.bodies('pay-2').length, 5);
  });

  test('over the rule’s maxMessages is denied with the numbers; --limit within it works', async () => {
    const pair = await seedPair(h.sqs, { src: 'pay-dlq-3', dst: 'pay-3' }, 30);
    await h.command('pay-dlq-3 pay-3', 'U0ALICE');
    const answer = await h.ephemeral('U0ALICE', /30/);
    assert.match(answer.text, /Not allowed/);
    assert.equal(h.sqs.counts(pair.source.name).ready, 30);
    await h.command('pay-dlq-3 pay-3 --limit 20', 'U0ALICE');
    const record = await h.outcome(pair.source.name);
    assert.equal(record.moved, 20);
  });

  test('a rule limited to a channel denies elsewhere', async () => {
    const pair = await seedPair(h.sqs, { src: 'ord-dlq-1', dst: 'ord-1' }, 3);
    await h.command('ord-dlq-1 ord-1', 'U0BOB', 'C0ELSEWHERE');
    await h.ephemeral('U0BOB', /Not allowed/);
    assert.equal(h.sqs.counts(pair.source.name).ready, 3);
  });

  test('no rule covers the queue: denied', async () => {
    await seedPair(h.sqs, { src: 'misc-dlq', dst: 'misc' }, 1);
    await h.command('misc-dlq misc', 'U0ALICE');
    await h.ephemeral('U0ALICE', /Not allowed.*misc-dlq|no rule/i);
  });

  test('peek needs peek: true; when allowed it shows messages and removes nothing', async () => {
    const pair = await seedPair(h.sqs, { src: 'pay-dlq-4', dst: 'pay-4' }, 4, { attributes: true });
    await h.command('peek pay-dlq-4 2', 'U0ALICE');
    const answer = await h.ephemeral('U0ALICE', /pay-dlq-4/);
    const shown = JSON.stringify(answer.blocks);
    assert.match(shown, /pay-dlq-4-\d/, 'bodies shown');
    assert.match(shown, /kind/, 'attributes shown');
    const counts = h.sqs.counts(pair.source.name);
    assert.deepEqual([counts.ready, counts.inflight], [4, 0], 'visible again at once');
    await seedPair(h.sqs, { src: 'ord-dlq-2', dst: 'ord-2' }, 1);
    await h.command('peek ord-dlq-2', 'U0BOB');
    await h.ephemeral('U0BOB', /Not allowed/);
    assert.ok(!h.logs.some((l) => l.includes('pay-dlq-4-')), 'message bodies never reach the logs');
  });
});

describe('without a rules file', () => {
  test('anyone may redrive; peek is off and says how to turn it on', async () => {
    const open = await startHarness({ sqs: h.sqs, slack: h.slack });
    try {
      const pair = await seedPair(h.sqs, { src: 'free-dlq', dst: 'free' }, 3);
      await open.command('peek free-dlq', 'U0ZED');
      await open.ephemeral('U0ZED', /peek/i);
      assert.equal(h.sqs.counts(pair.source.name).ready, 3);
      await open.command('free-dlq free', 'U0ZED');
      assert.equal((await open.outcome('free-dlq')).status, 'succeeded');
    } finally {
      await open.stop();
    }
  });
});

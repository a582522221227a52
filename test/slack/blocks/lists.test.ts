// Peek, status, history, the Home tab and the short notices (usage, denied, busy, failure), as a person reads them.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { types } from '@slack/bolt';
import { HOME_PEEK, HOME_VIEW, REDRIVE_CANCEL } from '../../../src/slack/action-ids.ts';
import { appHome } from '../../../src/slack/blocks/app-home.ts';
import { historyList } from '../../../src/slack/blocks/history-list.ts';
import { busy, denied, failure } from '../../../src/slack/blocks/notices.ts';
import { peekMessages } from '../../../src/slack/blocks/peek.ts';
import { statusList } from '../../../src/slack/blocks/status-list.ts';
import { usage } from '../../../src/slack/blocks/usage.ts';
import type { RedriveRecord } from '../../../src/store/types.ts';
import { type RecordOverrides, redriveRecord, STARTED } from '../../support/redrive-records.ts';

const PERMALINK = 'https://acme.slack.com/archives/C1/p1795939200000100';

const record = (over: RecordOverrides = {}): RedriveRecord =>
  redriveRecord({ permalink: PERMALINK, moved: 643, ...over });

const shown = (value: unknown): string => JSON.stringify(value).replaceAll('\\n', '\n');

describe('peekMessages', () => {
  const samples = [
    {
      messageId: 'm-1',
      body: '{"order":1,"note":"<b>&</b>"}',
      attributes: { ApproximateReceiveCount: '5', tenant: 'acme' },
    },
    { messageId: 'm-2', body: 'plain', attributes: {} },
  ];

  test('each message: id, attributes as fields, escaped body in a code block; says nothing is taken', () => {
    const msg = peekMessages('orders-dlq', samples, { depth: 1234 });
    assert.equal(msg.text, '2 messages of about 1,234 from orders-dlq; peeking leaves them in the queue.');
    const all = shown(msg.blocks);
    assert.ok(all.includes('`m-1`'));
    assert.ok(all.includes('*ApproximateReceiveCount*\n5'));
    assert.ok(all.includes('*tenant*\nacme'));
    assert.ok(all.includes('```\n{\\"order\\":1,\\"note\\":\\"&lt;b&gt;&amp;&lt;/b&gt;\\"}\n```'));
  });

  test('an empty queue says so', () => {
    assert.equal(
      peekMessages('orders-dlq', [], { depth: 0 }).text,
      'orders-dlq looks empty: no message came back to peek at.',
    );
  });
});

describe('statusList', () => {
  test('nothing running', () => {
    assert.equal(statusList([]).text, 'No redrive is running.');
  });

  test('one row per running redrive with progress, thread link and a Cancel carrying its id', () => {
    const msg = statusList([
      record(),
      record({ id: 'r-2', sourceName: 'pay-dlq', destinationName: 'pay', moved: 1, total: undefined }),
    ]);
    assert.equal(msg.text, '2 redrives running: orders-dlq → orders (r-7f3k2a), pay-dlq → pay (r-2)');
    const rows = msg.blocks.slice(1);
    assert.equal(rows.length, 2);
    const [first] = rows;
    assert.ok(first?.type === 'section');
    assert.match(
      first.text?.text ?? '',
      /^\*orders-dlq\* → \*orders\* by <@U123>: 643 of 1,234 moved\n`r-7f3k2a` · started <!date\^\d+\^/,
    );
    assert.ok(first.text?.text.includes(`<${PERMALINK}|thread>`));
    assert.ok(first.accessory?.type === 'button');
    assert.equal(first.accessory.action_id, REDRIVE_CANCEL);
    assert.equal(first.accessory.value, 'r-7f3k2a');
  });
});

describe('historyList', () => {
  test('who, when, route, outcome and thread, newest first as given', () => {
    const done = record({ status: 'succeeded', moved: 1234, finishedAt: STARTED + 1000 });
    const partial = record({ id: 'r-2', status: 'partial', moved: 1200, failed: 34 });
    const msg = historyList([done, partial], 'orders-dlq');
    assert.equal(
      msg.text,
      'Recent redrives of orders-dlq: orders-dlq → orders moved 1,234 of 1,234; orders-dlq → orders moved 1,200 of 1,234, 34 failed',
    );
    assert.equal(
      shown(msg.blocks[1]).includes(
        `✅ <!date^${STARTED / 1000}^{date_short_pretty} {time}|2026-11-29 08:00 UTC> · <@U123> · *orders-dlq* → *orders*: moved 1,234 of 1,234 · <${PERMALINK}|thread> · \`r-7f3k2a\``,
      ),
      true,
    );
    assert.match(shown(msg.blocks[2]), /⚠️/);
  });

  test('no history yet', () => {
    assert.equal(historyList([], 'orders-dlq').text, 'No redrives yet of orders-dlq.');
    assert.equal(historyList([]).text, 'No redrives yet.');
  });
});

describe('notices', () => {
  test('usage leads with the problem, then every subcommand with examples, escaped', () => {
    const msg = usage('Unknown option --fast');
    assert.match(msg.text, /^Unknown option --fast — usage: \/redrive &lt;dlq&gt;, \/redrive peek &lt;queue&gt;, /);
    const all = shown(msg.blocks);
    assert.ok(all.startsWith('[{"type":"section","text":{"type":"mrkdwn","text":"⚠️ Unknown option --fast"}}'));
    for (const sub of ['peek', 'status', 'cancel', 'history', 'help'])
      assert.ok(all.includes(`\`/redrive ${sub}`), sub);
    assert.ok(all.includes('`/redrive &lt;dlq&gt; [destination] [--limit N]'));
    assert.ok(all.includes('`/redrive cancel r-7f3k2a`'));
    assert.match(usage().text, /^How to use \/redrive: /);
  });

  test('denied says why and which rule', () => {
    const msg = denied('only #payments-oncall may redrive payments-dlq', 'payments-*');
    assert.equal(msg.text, '🚫 Not allowed: only #payments-oncall may redrive payments-dlq');
    assert.ok(shown(msg.blocks).includes('Rule: `payments-*`'));
  });

  test('busy names the holder and points at its thread', () => {
    const msg = busy(record({ requestedBy: 'U0BOB' }));
    assert.equal(
      msg.text,
      `⏳ orders-dlq is already being redriven by <@U0BOB> (\`r-7f3k2a\`, 643 of 1,234 moved) — see <${PERMALINK}|the thread>.`,
    );
    assert.ok(shown(msg.blocks).includes('/redrive cancel r-7f3k2a'));
  });

  test('failure says what happened and what to do', () => {
    const msg = failure('Could not read orders-dlq: AccessDenied', 'Give the bot sqs:ReceiveMessage on orders-dlq.');
    assert.equal(
      msg.text,
      '❌ Could not read orders-dlq: AccessDenied — Give the bot sqs:ReceiveMessage on orders-dlq.',
    );
    assert.ok(shown(msg.blocks).includes('*What to do:* Give the bot sqs:ReceiveMessage'));
  });
});

describe('appHome', () => {
  test('running redrives, DLQs with depth, sources and buttons, and recent history', () => {
    const view = appHome({
      running: [record()],
      dlqs: [
        { name: 'orders-dlq', depth: 1234, sources: ['orders'] },
        { name: 'pay-dlq', depth: 0, sources: ['pay', 'refunds'] },
      ],
      recent: [record({ id: 'r-old', status: 'succeeded', moved: 1234 })],
    });
    assert.equal(view.type, 'home');
    assert.equal(view.callback_id, HOME_VIEW);
    const all = shown(view.blocks);
    assert.ok(all.includes('🟠 *orders-dlq* — 1,234 messages · DLQ of orders'));
    assert.ok(all.includes('🟢 *pay-dlq* — 0 messages · DLQ of pay, refunds'));
    assert.ok(all.includes('"value":"r-7f3k2a"'), 'running row has its Cancel');
    assert.ok(all.includes('`r-old`'), 'recent row');
    const actionsFor = (name: string) =>
      (view.blocks as types.KnownBlock[])
        .flatMap((b) => (b.type === 'actions' ? b.elements : []))
        .filter((e) => e.type === 'button' && e.value === name)
        .map((e) => e.action_id);
    assert.deepEqual(actionsFor('orders-dlq'), [HOME_PEEK]);
    assert.deepEqual(actionsFor('pay-dlq'), [HOME_PEEK]);
  });
});

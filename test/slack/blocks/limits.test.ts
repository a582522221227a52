// Slack's Block Kit limits hold for every builder, however large the input: huge lists, bodies, names and filters.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MessageSample, MoveResult } from '../../../src/core/mover/types.ts';
import { appHome } from '../../../src/slack/blocks/app-home.ts';
import { chooseDestination } from '../../../src/slack/blocks/choose-destination.ts';
import { confirmRedrive } from '../../../src/slack/blocks/confirm-redrive.ts';
import { formatCount, formatDuration, formatRate } from '../../../src/slack/blocks/format.ts';
import { historyList } from '../../../src/slack/blocks/history-list.ts';
import type { SlackMessage } from '../../../src/slack/blocks/kit.ts';
import { codeBlock, escapeMrkdwn, LIMITS, truncate } from '../../../src/slack/blocks/limits.ts';
import { busy, denied, failure } from '../../../src/slack/blocks/notices.ts';
import { peekMessages } from '../../../src/slack/blocks/peek.ts';
import { redriveProgress } from '../../../src/slack/blocks/redrive-progress.ts';
import { redriveRoot } from '../../../src/slack/blocks/redrive-root.ts';
import { redriveTally } from '../../../src/slack/blocks/redrive-tally.ts';
import { statusList } from '../../../src/slack/blocks/status-list.ts';
import { usage } from '../../../src/slack/blocks/usage.ts';
import type { RedriveRecord } from '../../../src/store/types.ts';

type Node = Record<string, unknown>;
const len = (v: unknown): number => (typeof v === 'string' ? v.length : 0);
const textOf = (v: unknown): string => String((v as Node | undefined)?.text ?? '');

/** Checks a button (or accessory) against Slack's element limits. */
function checkButton(b: Node, where: string, problems: string[]): void {
  if (len(textOf(b.text)) > LIMITS.buttonText || len(textOf(b.text)) === 0) problems.push(`${where}: button text`);
  if (len(b.value) > LIMITS.buttonValue) problems.push(`${where}: button value ${len(b.value)}`);
  if (len(b.action_id) > LIMITS.actionId) problems.push(`${where}: action_id`);
  const c = b.confirm as Node | undefined;
  if (c) {
    if (len(textOf(c.title)) > LIMITS.confirmTitle) problems.push(`${where}: confirm title`);
    if (len(textOf(c.text)) > LIMITS.confirmText) problems.push(`${where}: confirm text ${len(textOf(c.text))}`);
    if (len(textOf(c.confirm)) > LIMITS.confirmButton || len(textOf(c.deny)) > LIMITS.confirmButton) {
      problems.push(`${where}: confirm buttons`);
    }
  }
}

/** Every limit this project relies on, for a list of blocks; returns what is wrong. */
function limitProblems(blocks: readonly unknown[], maxBlocks: number): string[] {
  const problems: string[] = [];
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks > ${maxBlocks}`);
  const blockIds = new Set<string>();
  blocks.forEach((raw, i) => {
    const b = raw as Node;
    const where = `block ${i} (${String(b.type)})`;
    if (typeof b.block_id === 'string') {
      if (blockIds.has(b.block_id)) problems.push(`${where}: duplicate block_id`);
      blockIds.add(b.block_id);
      if (b.block_id.length > LIMITS.blockId) problems.push(`${where}: block_id`);
    }
    if (b.type === 'section') {
      const t = textOf(b.text);
      if (b.text && (t.length > LIMITS.sectionText || t.length === 0)) problems.push(`${where}: text ${t.length}`);
      const fields = (b.fields as Node[] | undefined) ?? [];
      if (fields.length > LIMITS.fields) problems.push(`${where}: ${fields.length} fields`);
      for (const f of fields) if (len(f.text) > LIMITS.fieldText) problems.push(`${where}: field ${len(f.text)}`);
      if (b.accessory) checkButton(b.accessory as Node, `${where} accessory`, problems);
    }
    if (b.type === 'context') {
      const els = b.elements as Node[];
      if (els.length > LIMITS.contextElements) problems.push(`${where}: ${els.length} elements`);
      for (const e of els) if (len(e.text) > LIMITS.contextText) problems.push(`${where}: element ${len(e.text)}`);
    }
    if (b.type === 'header' && len(textOf(b.text)) > LIMITS.header) problems.push(`${where}: header`);
    if (b.type === 'actions') {
      const els = b.elements as Node[];
      if (els.length > LIMITS.actionsElements) problems.push(`${where}: ${els.length} elements`);
      const ids = els.map((e) => e.action_id);
      if (new Set(ids).size !== ids.length) problems.push(`${where}: duplicate action_id`);
      for (const e of els) checkButton(e, where, problems);
    }
  });
  return problems;
}

function assertFits(name: string, msg: SlackMessage): void {
  assert.ok(msg.text.trim().length > 0, `${name}: text fallback present`);
  assert.ok(msg.text.length <= LIMITS.fallbackText, `${name}: text fallback ${msg.text.length}`);
  assert.deepEqual(limitProblems(msg.blocks, LIMITS.messageBlocks), [], name);
}

const LONG = (c: string) => c.repeat(100);
const ARN = 'arn:aws:sqs:us-east-1:123456789012';
const BIG_BODY = `{"payload":"${'y'.repeat(10_000)}"}`;

function record(i: number): RedriveRecord {
  return {
    id: `r-${i}`,
    sourceName: LONG('s'),
    sourceArn: `${ARN}:${LONG('s')}`,
    destinationName: LONG('d'),
    destinationArn: `${ARN}:${LONG('d')}`,
    requestedBy: 'U123',
    channel: 'C1',
    permalink: `https://acme.slack.com/archives/C1/p${i}`,
    engine: 'client',
    options: { limit: 10_000_000, filter: 'f'.repeat(5000), note: 'n'.repeat(5000) },
    status: i % 2 === 0 ? 'running' : 'failed',
    startedAt: Date.UTC(2026, 10, 29),
    total: 9_999_999,
    moved: 1,
    failed: 2,
    skipped: 3,
    error: `AccessDenied ${'e'.repeat(10_000)}`,
    cancelledBy: 'U999',
  };
}

const records = Array.from({ length: 60 }, (_, i) => record(i));
const sample = (i: number): MessageSample => ({
  messageId: `m-${i}-${'i'.repeat(200)}`,
  body: BIG_BODY,
  attributes: Object.fromEntries(
    Array.from({ length: 30 }, (_, k) => [`attr-${k}-${'k'.repeat(300)}`, 'v'.repeat(3000)]),
  ),
});
const samples = Array.from({ length: 60 }, (_, i) => sample(i));
const queueId = (c: string) => ({ name: LONG(c), arn: `${ARN}:${LONG(c)}` });

describe('limits under huge inputs', () => {
  const result: MoveResult = {
    engine: 'client',
    moved: 1,
    failed: 60,
    skipped: 60,
    durationMs: 1e9,
    ratePerSec: 0.001,
    failures: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`Code${i}${'c'.repeat(200)}`, i])),
    skippedBy: { filtered: 30, 'over-redrive-cap': 30 },
    stoppedBy: 'failed',
    deleteFailures: 5,
    error: 'x'.repeat(10_000),
  };
  const cases: [string, SlackMessage][] = [
    [
      'redriveRoot running',
      redriveRoot(records[0] as RedriveRecord, { engineReason: 'r'.repeat(5000), trigger: 't'.repeat(5000) }),
    ],
    ['redriveRoot failed', redriveRoot(records[1] as RedriveRecord)],
    [
      'redriveProgress',
      redriveProgress(
        {
          engine: 'client',
          moved: 1e9,
          failed: 1e9,
          skipped: 1e9,
          total: 1,
          elapsedMs: 1e12,
          ratePerSec: 1e9,
          etaSec: 1e9,
        },
        { redriveId: 'r'.repeat(3000), cancellable: true },
      ),
    ],
    ['redriveTally', redriveTally(result, records[1] as RedriveRecord)],
    [
      'redriveTally dry run',
      redriveTally({ ...result, dryRun: { wouldMove: 1e9, samples } }, records[1] as RedriveRecord),
    ],
    [
      'confirmRedrive',
      confirmRedrive({
        source: queueId('s'),
        destination: queueId('d'),
        count: 1e9,
        engine: 'client',
        engineReason: 'w'.repeat(5000),
        options: { filter: 'f'.repeat(1200), groupId: 'g'.repeat(128), limit: 5 },
      }),
    ],
    [
      'chooseDestination',
      chooseDestination(
        queueId('s'),
        Array.from({ length: 60 }, (_, i) => queueId(String(i % 10))),
        { options: { filter: 'f'.repeat(1000) } },
      ),
    ],
    ['peekMessages', peekMessages(LONG('q'), samples, { depth: 1e9 })],
    ['statusList', statusList(records)],
    ['historyList', historyList(records, LONG('q'))],
    ['usage', usage('p'.repeat(10_000))],
    ['denied', denied('d'.repeat(10_000), 'r'.repeat(10_000))],
    ['busy', busy(records[0] as RedriveRecord)],
    ['failure', failure('w'.repeat(10_000), 't'.repeat(10_000))],
  ];
  for (const [name, msg] of cases) {
    test(`${name} stays within Slack's limits`, () => assertFits(name, msg));
  }

  test('the Home tab stays within 100 blocks and every element limit', () => {
    const dlqs = Array.from({ length: 60 }, (_, i) => ({
      name: `${LONG('q')}${i}`,
      depth: i,
      sources: Array(100).fill(LONG('s')),
    }));
    const view = appHome({ running: records, dlqs, recent: records });
    assert.deepEqual(limitProblems(view.blocks, LIMITS.homeBlocks), []);
    assert.ok(view.blocks.length > LIMITS.messageBlocks, 'the home view uses its larger budget');
  });

  test('the tally shows the cut sample bodies, not 10,000 characters', () => {
    const [, msg] = cases.find(([n]) => n === 'redriveTally dry run') ?? [];
    const longest = Math.max(
      ...(msg?.blocks ?? []).map((b) => (b.type === 'section' ? (b.text?.text.length ?? 0) : 0)),
    );
    assert.ok(longest < 600, `longest section ${longest}`);
  });
});

describe('escaping', () => {
  test('user and queue text cannot ping the channel or forge links', () => {
    const evil = '<!channel> & <https://evil.example|click>';
    const outputs = [
      usage(evil),
      denied(evil, evil),
      failure(evil, evil),
      peekMessages('q', [{ messageId: evil, body: evil, attributes: { [evil]: evil } }], { depth: 1 }),
      redriveRoot({ ...(records[1] as RedriveRecord), error: evil, options: { filter: evil } }),
    ];
    for (const msg of outputs) {
      const all = JSON.stringify(msg);
      assert.ok(!all.includes('<!channel>'), all);
      assert.ok(!all.includes('<https://evil'), all);
      assert.ok(all.includes('&lt;!channel&gt; &amp; '), all);
    }
  });
});

describe('text helpers', () => {
  test('truncate ends in an ellipsis within the limit and never splits a token, entity, emoji or code block', () => {
    assert.equal(truncate('abcdef', 6), 'abcdef');
    assert.equal(truncate('abcdef', 4), 'abc…');
    assert.equal(truncate('see <@U12345678> now', 10), 'see …');
    assert.equal(truncate('a &amp; b', 5), 'a …');
    assert.equal(truncate('😀😀😀', 4), '😀…');
    const cut = truncate(`intro\n\`\`\`\n${'z'.repeat(100)}\n\`\`\``, 40);
    assert.ok(cut.length <= 40);
    assert.ok(cut.endsWith('…\n```'), cut);
  });

  test('escapeMrkdwn and codeBlock', () => {
    assert.equal(escapeMrkdwn('a < b && c > d'), 'a &lt; b &amp;&amp; c &gt; d');
    assert.equal(codeBlock('x ``` y', 100), '```\nx `\u200b`\u200b` y\n```');
    assert.equal(codeBlock('', 100), '```\n \n```');
  });

  test('numbers, rates and durations', () => {
    assert.equal(formatCount(1234), '1,234');
    assert.equal(formatCount(1234567), '1,234,567');
    assert.equal(formatRate(2.46), '2.5');
    assert.equal(formatRate(1234.4), '1,234');
    assert.deepEqual([45_000, 200_000, 3_900_000, 183_600_000].map(formatDuration), [
      '45s',
      '3m 20s',
      '1h 5m',
      '2d 3h',
    ]);
  });
});

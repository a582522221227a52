// The messages of a redrive's thread as a person reads them: root (start and outcome), progress, tally.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MoveProgress, MoveResult } from '../../../src/core/mover/types.ts';
import { PROGRESS_BLOCK, REDRIVE_CANCEL } from '../../../src/slack/action-ids.ts';
import { redriveProgress } from '../../../src/slack/blocks/redrive-progress.ts';
import { redriveRoot } from '../../../src/slack/blocks/redrive-root.ts';
import { redriveTally } from '../../../src/slack/blocks/redrive-tally.ts';
import type { RedriveRecord } from '../../../src/store/types.ts';
import { type RecordOverrides, redriveRecord, STARTED } from '../../support/redrive-records.ts';

const record = (over: RecordOverrides = {}): RedriveRecord => redriveRecord(over);

/** Every `text` string anywhere in the blocks, joined: what a person could read. */
const shown = (blocks: unknown): string => JSON.stringify(blocks, (_k, v) => v).replaceAll('\\n', '\n');

describe('redriveRoot', () => {
  test('says who redrives what where, how many, with which engine; options and id in the context', () => {
    const msg = redriveRoot(record({ options: { limit: 500, ratePerSec: 50, filter: 'customer=42' } }), {
      engineReason: 'a filter needs the client mover',
    });
    assert.equal(msg.text, '<@U123> is redriving orders-dlq → orders: 1,234 messages, engine client');
    assert.match(shown(msg.blocks), /<@U123> is redriving \*orders-dlq\* → \*orders\*: 1,234 messages, engine client/);
    const ctx = shown(msg.blocks[1]);
    for (const part of [
      '`r-7f3k2a`',
      'limit 500',
      'at most 50 msg/s',
      'filter `customer=42`',
      'a filter needs the client mover',
    ]) {
      assert.ok(ctx.includes(part), `context has ${part}: ${ctx}`);
    }
    assert.ok(ctx.includes(`started <!date^${STARTED / 1000}^{date_short_pretty} {time}|2026-11-29 08:00 UTC>`), ctx);
  });

  test('renders each outcome after the end', () => {
    const end = { finishedAt: STARTED + 42_000 };
    const cases: [RecordOverrides, string][] = [
      [{ status: 'succeeded', moved: 1234 }, '✅ <@U123> redrove orders-dlq → orders: moved all 1,234 messages in 42s'],
      [
        { status: 'succeeded', moved: 7, total: undefined },
        '✅ <@U123> redrove orders-dlq → orders: moved 7 messages in 42s',
      ],
      [
        { status: 'partial', moved: 1200, failed: 34 },
        '⚠️ <@U123> redrove orders-dlq → orders: moved 1,200 of 1,234 in 42s; 34 failed and stay in orders-dlq',
      ],
      [
        { status: 'failed', moved: 0, error: 'AccessDenied <sqs:SendMessage>' },
        "❌ <@U123>'s redrive of orders-dlq → orders failed after moving 0 of 1,234: AccessDenied &lt;sqs:SendMessage&gt;",
      ],
      [
        { status: 'cancelled', moved: 500, cancelledBy: 'U999' },
        "⏹ <@U123>'s redrive of orders-dlq → orders was cancelled by <@U999> after moving 500 of 1,234 — the rest are still in orders-dlq",
      ],
      [
        { status: 'interrupted', moved: 500 },
        "⏸ <@U123>'s redrive of orders-dlq → orders was interrupted (the bot stopped) after moving 500 of 1,234 — the rest are still in orders-dlq; run it again to finish",
      ],
    ];
    for (const [over, text] of cases) {
      const msg = redriveRoot(record({ ...end, ...over }));
      assert.equal(msg.text, text);
      assert.match(shown(msg.blocks[1]), /took 42s/);
    }
  });

  test('a dry run says nothing moves, then what would have', () => {
    assert.match(
      redriveRoot(record({ options: { dryRun: true } })).text,
      /is dry-running orders-dlq → orders \(nothing moves\)/,
    );
    const done = redriveRoot(
      record({ options: { dryRun: true }, status: 'succeeded', skipped: 1234, finishedAt: STARTED + 1000 }),
    );
    assert.equal(done.text, '🔍 <@U123> dry-ran orders-dlq → orders: would move 1,234 messages, nothing moved');
    assert.match(shown(done.blocks[1]), /dry run/);
  });
});

describe('redriveProgress', () => {
  const progress: MoveProgress = {
    engine: 'client',
    moved: 643,
    failed: 0,
    skipped: 0,
    total: 1234,
    elapsedMs: 5400,
    ratePerSec: 120,
    etaSec: 5,
  };

  test('bar, percent, moved of total, speed and ETA, with a guarded Cancel button carrying the id', () => {
    const msg = redriveProgress(progress, { redriveId: 'r-7f3k2a', cancellable: true });
    assert.equal(msg.text, 'Redrive r-7f3k2a: 52% — 643 of 1,234 moved at 120 msg/s, about 5s left');
    const block = msg.blocks[0];
    assert.ok(block?.type === 'section');
    assert.equal(block.block_id, PROGRESS_BLOCK);
    assert.equal(block.text?.text, '`▓▓▓▓▓░░░░░` *52%* — 643 of 1,234 moved\n120 msg/s · about 5s left');
    const cancel = block.accessory;
    assert.ok(cancel?.type === 'button');
    assert.equal(cancel.action_id, REDRIVE_CANCEL);
    assert.equal(cancel.value, 'r-7f3k2a');
    assert.equal(cancel.style, 'danger');
    assert.equal(cancel.confirm?.confirm?.text, 'Stop it');
  });

  test('failed and skipped are shown; no button once it cannot be cancelled; unknown total has no bar', () => {
    const msg = redriveProgress(
      { ...progress, failed: 3, skipped: 10, total: undefined, etaSec: undefined },
      {
        redriveId: 'r-7f3k2a',
        cancellable: false,
      },
    );
    assert.equal(msg.text, 'Redrive r-7f3k2a: 643 moved so far at 120 msg/s, 3 failed, 10 skipped');
    const block = msg.blocks[0];
    assert.ok(block?.type === 'section');
    assert.equal(block.accessory, undefined);
    assert.doesNotMatch(block.text?.text ?? '', /▓|░/);
  });

  test('a finished bar is full', () => {
    const msg = redriveProgress({ ...progress, moved: 1234, etaSec: 0 }, { redriveId: 'r-1', cancellable: true });
    assert.match(shown(msg.blocks), /`▓▓▓▓▓▓▓▓▓▓` \*100%\*/);
  });
});

describe('redriveTally', () => {
  const result: MoveResult = {
    engine: 'client',
    moved: 1200,
    failed: 34,
    skipped: 10,
    durationMs: 42_000,
    ratePerSec: 28.6,
    failures: { InvalidParameterValue: 30, 'KMS.AccessDenied': 4 },
    skippedBy: { filtered: 10 },
    stoppedBy: 'start-depth',
    deleteFailures: 2,
  };

  test('counts, failures by code, skips by reason, duplicates warning and why it stopped', () => {
    const msg = redriveTally(result, record({ status: 'partial' }));
    assert.equal(msg.text, 'Moved 1,200 of 1,234 from orders-dlq → orders in 42s (29 msg/s); 34 failed; 10 skipped.');
    const all = shown(msg.blocks);
    for (const part of [
      '*Moved*\n1,200 of 1,234',
      '*Took*\n42s',
      '*Rate*\n29 msg/s',
      '• `InvalidParameterValue` × 30\n• `KMS.AccessDenied` × 4',
      '10 messages did not match the filter',
      '2 messages reached *orders* but could not be deleted from *orders-dlq*',
      'messages that arrived since stay for the next run',
    ]) {
      assert.ok(all.includes(part), `tally shows ${JSON.stringify(part)}`);
    }
  });

  test('names who cancelled', () => {
    const msg = redriveTally(
      { ...result, stoppedBy: 'cancelled' },
      record({ status: 'cancelled', cancelledBy: 'U999' }),
    );
    assert.match(shown(msg.blocks), /Cancelled by <@U999>\./);
  });

  test('a dry run says what would move and shows samples, bodies cut in code blocks', () => {
    const dry: MoveResult = {
      ...result,
      moved: 0,
      failed: 0,
      failures: {},
      dryRun: { wouldMove: 1234, samples: [{ messageId: 'm-1', body: `{"id":1}${'x'.repeat(1000)}`, attributes: {} }] },
    };
    const msg = redriveTally(dry, record({ options: { dryRun: true } }));
    assert.equal(msg.text, 'Dry run of orders-dlq → orders: would move 1,234 messages; nothing moved.');
    const sample = msg.blocks.find((b) => b.type === 'section' && b.text?.text.includes('m-1'));
    assert.ok(sample?.type === 'section');
    const body = sample.text?.text ?? '';
    assert.match(body, /^`m-1`\n```\n\{"id":1\}x+…\n```$/);
    assert.ok(body.length < 240, `sample body is cut to ~200 chars, got ${body.length}`);
  });
});

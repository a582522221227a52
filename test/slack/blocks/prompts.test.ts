// The prompts before a redrive: confirm (with the plan in the Start button) and the choice of destination.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { types } from '@slack/bolt';
import { REDRIVE_CHOOSE_DESTINATION_PATTERN, REDRIVE_DISMISS, REDRIVE_START } from '../../../src/slack/action-ids.ts';
import { chooseDestination } from '../../../src/slack/blocks/choose-destination.ts';
import { confirmRedrive, type RedrivePlanInput } from '../../../src/slack/blocks/confirm-redrive.ts';
import { fromOptionsInput, toOptionsInput } from '../../../src/slack/blocks/options.ts';
import { decodeRedriveValue, encodeRedriveValue } from '../../../src/slack/blocks/plan-value.ts';

const ARN = 'arn:aws:sqs:us-east-1:123456789012';
const q = (name: string) => ({ name, arn: `${ARN}:${name}` });

const plan: RedrivePlanInput = {
  source: q('orders-dlq'),
  destination: q('orders'),
  count: 1234,
  engine: 'native',
  engineReason: 'no filter and one account: SQS moves them itself',
  options: { ratePerSec: 50 },
};

/** Every button in the message, wherever it sits. */
function buttons(blocks: readonly types.KnownBlock[]): types.Button[] {
  return blocks.flatMap((b) =>
    b.type === 'actions'
      ? b.elements.filter((e): e is types.Button => e.type === 'button')
      : b.type === 'section' && b.accessory?.type === 'button'
        ? [b.accessory]
        : [],
  );
}

describe('confirmRedrive', () => {
  test('summarises route, depth and engine, and offers a guarded Start carrying the plan', () => {
    const msg = confirmRedrive(plan);
    assert.equal(msg.text, 'Redrive orders-dlq → orders: 1,234 messages, engine native. Start or cancel below.');
    const head = msg.blocks[0];
    assert.ok(head?.type === 'section');
    assert.equal(head.text?.text, 'Redrive *orders-dlq* → *orders*? It moves *1,234 messages*.');
    const fields = head.fields?.map((f) => f.text) ?? [];
    assert.deepEqual(fields, [
      `*From*\n*orders-dlq*\n\`${ARN}:orders-dlq\``,
      `*To*\n*orders*\n\`${ARN}:orders\``,
      '*Depth*\n1,234',
      '*Engine*\nnative — no filter and one account: SQS moves them itself',
      '*Options*\nat most 50 msg/s',
    ]);
    const [start, cancel] = buttons(msg.blocks);
    assert.equal(start?.action_id, REDRIVE_START);
    assert.equal(start?.style, 'primary');
    assert.equal(start?.confirm?.text.text, 'Move 1,234 messages from orders-dlq to orders?');
    assert.deepEqual(decodeRedriveValue(start?.value), {
      source: plan.source,
      destination: plan.destination,
      options: plan.options,
      count: 1234,
      engine: 'native',
    });
    assert.equal(cancel?.action_id, REDRIVE_DISMISS);
    assert.equal(cancel?.text.text, 'Cancel');
  });

  test('a limit below the depth and a dry run are spelled out', () => {
    const msg = confirmRedrive({ ...plan, engine: 'client', options: { limit: 500, dryRun: true } });
    assert.equal(msg.text, 'Dry run orders-dlq → orders: 500 of 1,234 messages, engine client. Start or cancel below.');
    assert.equal(buttons(msg.blocks)[0]?.text.text, 'Start dry run');
  });

  test('a plan too long for a button value offers no Start and says how to fix it', () => {
    const msg = confirmRedrive({ ...plan, options: { filter: 'x'.repeat(3000) } });
    assert.match(msg.text, /too long for a Slack button/);
    assert.deepEqual(
      buttons(msg.blocks).map((b) => b.action_id),
      [REDRIVE_DISMISS],
    );
    assert.ok(JSON.stringify(msg.blocks).includes('Shorten the filter'));
  });
});

describe('chooseDestination', () => {
  test('one button per candidate, each carrying the request with its destination', () => {
    const msg = chooseDestination(q('orders-dlq'), [q('orders'), q('payments'), q('refunds')], {
      options: { limit: 10 },
    });
    assert.equal(
      msg.text,
      'orders-dlq is the dead-letter queue of several queues — move to which? orders, payments, refunds',
    );
    const picks = buttons(msg.blocks).filter((b) => REDRIVE_CHOOSE_DESTINATION_PATTERN.test(b.action_id ?? ''));
    assert.deepEqual(
      picks.map((b) => b.text.text),
      ['orders', 'payments', 'refunds'],
    );
    assert.equal(new Set(picks.map((b) => b.action_id)).size, 3, 'action_ids differ within the block');
    const chosen = picks.map((b) => decodeRedriveValue(b.value));
    assert.deepEqual(
      chosen.map((c) => [c?.source.name, c?.destination.name, c?.options.limit]),
      [
        ['orders-dlq', 'orders', 10],
        ['orders-dlq', 'payments', 10],
        ['orders-dlq', 'refunds', 10],
      ],
    );
  });

  test('shows at most 25 and says how to name any other', () => {
    const many = Array.from({ length: 30 }, (_, i) => q(`svc-${i}`));
    const msg = chooseDestination(q('orders-dlq'), many, { options: {} });
    const picks = buttons(msg.blocks).filter((b) => b.action_id !== REDRIVE_DISMISS);
    assert.equal(picks.length, 25);
    assert.ok(JSON.stringify(msg.blocks).includes('…and 5 more. Name one: `/redrive orders-dlq &lt;destination&gt;`'));
  });
});

describe('plan value', () => {
  test('round-trips and refuses anything this bot did not write', () => {
    const value = encodeRedriveValue({ source: q('a'), destination: q('b'), options: { dryRun: true, filter: 'x' } });
    assert.deepEqual(decodeRedriveValue(value), {
      source: q('a'),
      destination: q('b'),
      options: { dryRun: true, filter: 'x' },
    });
    const bad = [
      undefined,
      '',
      'r-123',
      'null',
      '{"v":2}',
      JSON.stringify({ v: 1, s: 'orders', d: `${ARN}:b`, o: {} }),
      JSON.stringify({ v: 1, s: `${ARN}:a`, d: `${ARN}:b`, o: { deleteSource: true } }),
      JSON.stringify({ v: 1, s: `${ARN}:a`, d: `${ARN}:b`, o: { limit: -1 } }),
      JSON.stringify({ v: 1, s: `${ARN}:a`, d: `${ARN}:b`, o: {}, e: 'warp' }),
    ];
    for (const v of bad) assert.equal(decodeRedriveValue(v), undefined, `refuses ${v}`);
  });

  test('move options survive the trip through a button, filters written back as typed', () => {
    for (const typed of ['customer 42', '/^ord-\\d+$/i', 'attr:tenant=acme']) {
      const options = fromOptionsInput({ limit: 5, ratePerSec: 2.5, dryRun: true, filter: typed, maxRedrives: 3 });
      const value = encodeRedriveValue({ source: q('a'), destination: q('b'), options: toOptionsInput(options) });
      const back = decodeRedriveValue(value);
      assert.deepEqual(back?.options, { limit: 5, ratePerSec: 2.5, dryRun: true, filter: typed, maxRedrives: 3 });
      assert.deepEqual(fromOptionsInput(back?.options ?? {}), options);
    }
  });
});

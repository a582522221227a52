import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseRedriveCommand, tokenize } from '../../../src/slack/commands/parse-redrive.ts';

describe('/redrive parsing', () => {
  test('help for empty text and help', () => {
    for (const text of ['', '   ', 'help', 'HELP', '--help'])
      assert.deepEqual(parseRedriveCommand(text), { kind: 'help' });
  });

  test('subcommands', () => {
    assert.deepEqual(parseRedriveCommand('status'), { kind: 'status' });
    assert.deepEqual(parseRedriveCommand('history'), { kind: 'history' });
    assert.deepEqual(parseRedriveCommand('history orders-dlq'), { kind: 'history', queue: 'orders-dlq' });
    assert.deepEqual(parseRedriveCommand('cancel r-7f3k2a'), { kind: 'cancel', id: 'r-7f3k2a' });
    assert.deepEqual(parseRedriveCommand('peek orders-dlq'), { kind: 'peek', queue: 'orders-dlq', count: 3 });
    assert.deepEqual(parseRedriveCommand('peek orders-dlq 10'), { kind: 'peek', queue: 'orders-dlq', count: 10 });
  });

  test('a redrive with every option', () => {
    const cmd = parseRedriveCommand(
      'orders-dlq orders --limit 1,000 --rate 50 --dry-run --filter "order failed" --engine client --max-redrives 3',
    );
    assert.equal(cmd.kind, 'redrive');
    if (cmd.kind !== 'redrive') return;
    assert.equal(cmd.source, 'orders-dlq');
    assert.equal(cmd.destination, 'orders');
    assert.equal(cmd.engine, 'client');
    assert.deepEqual(
      { ...cmd.options, filter: undefined },
      { limit: 1000, ratePerSec: 50, dryRun: true, maxRedrives: 3, filter: undefined },
    );
    assert.deepEqual(cmd.options.filter, { kind: 'substring', text: 'order failed' });
  });

  test('source only, destination inferred later', () => {
    assert.deepEqual(parseRedriveCommand('orders-dlq'), {
      kind: 'redrive',
      source: 'orders-dlq',
      engine: 'auto',
      options: {},
    });
  });

  test('what Slack clients do to typed text', () => {
    assert.deepEqual(tokenize('<https://sqs.us-east-1.amazonaws.com/1/q|link> —limit 5 “a b”'), [
      'https://sqs.us-east-1.amazonaws.com/1/q',
      '--limit',
      '5',
      'a b',
    ]);
  });

  test('malformed input says what is wrong', () => {
    const cases: [string, RegExp][] = [
      ['orders-dlq orders extra', /Unexpected "extra"/],
      ['orders-dlq --limit', /--limit/],
      ['orders-dlq --limit 0', /--limit must be a whole number ≥ 1/],
      ['orders-dlq --rate fast', /--rate must be a number > 0/],
      ['orders-dlq --engine warp', /--engine must be auto, client or native/],
      ['orders-dlq --nope', /Unknown option '--nope'/],
      ['--limit 5', /Name the queue/],
      ['cancel', /needs the redrive id/],
      ['peek', /needs a queue/],
      ['peek q 11', /at most 10/],
      ['peek q many', /N must be a whole number/],
      ['status now', /Unexpected "now"/],
      ['orders-dlq --filter /[/', /not a valid regular expression/],
    ];
    for (const [text, message] of cases) assert.throws(() => parseRedriveCommand(text), message, text);
  });
});

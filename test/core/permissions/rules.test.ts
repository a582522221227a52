// Tests for permission evaluation: every branch of evaluate, glob edge cases and alarm routing.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type Decision,
  evaluate,
  globMatch,
  type PermissionRequest,
  type Rule,
  type Rules,
  routeAlarmChannel,
} from '../../../src/core/permissions/rules.ts';

const q = (name: string, account = '123456789012', region = 'us-east-1') => ({
  name,
  arn: `arn:aws:sqs:${region}:${account}:${name}`,
});

const rule = (over: Partial<Rule> & Pick<Rule, 'name' | 'queues'>): Rule => ({
  users: [],
  groups: [],
  peek: false,
  ...over,
});

const RULES: Rules = {
  rules: [
    rule({
      name: 'payments-oncall',
      queues: ['payments-*', 'arn:aws:sqs:*:123456789012:billing-*'],
      users: ['U0123ABC'],
      groups: ['S0456DEF'],
      channels: ['C0789GHI'],
      destinations: ['payments-*'],
      maxMessages: 5000,
      peek: true,
    }),
    rule({ name: 'ops', queues: ['orders-*'], users: ['*'] }),
    rule({ name: 'orders-peekers', queues: ['orders-*'], users: ['U0PEEK1'], peek: true }),
  ],
  alarmRoutes: [
    { queues: ['payments-*'], channel: 'C0999ZZZ' },
    { queues: ['arn:aws:sqs:eu-west-1:*'], channel: 'C0EUROPE' },
  ],
};

const base: PermissionRequest = {
  action: 'redrive',
  user: 'U0123ABC',
  userGroups: [],
  channel: 'C0789GHI',
  source: q('payments-dlq'),
  destination: q('payments-main'),
};

function denied(d: Decision): string {
  assert.equal(d.allowed, false, 'expected a denial');
  return d.allowed ? '' : d.reason;
}

describe('evaluate without a rules file', () => {
  it('allows redrive and cancel for anyone', () => {
    assert.deepEqual(evaluate(undefined, { ...base, user: 'U0ANYONE' }), { allowed: true });
    assert.deepEqual(evaluate(undefined, { ...base, action: 'cancel' }), { allowed: true });
  });

  it('denies peek and says how to enable it', () => {
    const reason = denied(evaluate(undefined, { ...base, action: 'peek' }));
    assert.match(reason, /Peeking is off/);
    assert.match(reason, /REDRIVE_RULES/);
    assert.match(reason, /peek: true/);
    assert.match(reason, /payments-dlq/);
  });
});

describe('evaluate with rules', () => {
  it('allows a listed user in the listed channel to a listed destination, returning the cap', () => {
    assert.deepEqual(evaluate(RULES, base), { allowed: true, rule: 'payments-oncall', maxMessages: 5000 });
  });

  it('admits members of a listed group', () => {
    const d = evaluate(RULES, { ...base, user: 'U0OTHER', userGroups: ['S0XYZ', 'S0456DEF'] });
    assert.equal(d.allowed, true);
  });

  it('admits anyone with "*", with no cap', () => {
    const d = evaluate(RULES, { ...base, user: 'U0RANDOM', source: q('orders-dlq'), destination: q('orders') });
    assert.deepEqual(d, { allowed: true, rule: 'ops' });
  });

  it('matches the queue by ARN pattern (wildcard region, fixed account)', () => {
    const source = q('billing-dlq', '123456789012', 'eu-central-1');
    assert.equal(evaluate(RULES, { ...base, source }).allowed, true);
    const other = q('billing-dlq', '999999999999');
    assert.match(denied(evaluate(RULES, { ...base, source: other })), /No rule in the rules file covers billing-dlq/);
  });

  it('denies a queue no rule covers, naming the queue', () => {
    const reason = denied(evaluate(RULES, { ...base, source: q('inventory-dlq') }));
    assert.equal(
      reason,
      'No rule in the rules file covers inventory-dlq, so nobody may redrive it from Slack. Ask an admin to add a rule for it.',
    );
  });

  it('denies a person no covering rule admits, naming the rule and who it admits', () => {
    const reason = denied(evaluate(RULES, { ...base, user: 'U0STRANGER', userGroups: ['S0NOPE'] }));
    assert.equal(
      reason,
      'You may not redrive payments-dlq to payments-main from C0789GHI. The rule covering it: payments-oncall ' +
        '(admits users U0123ABC or members of S0456DEF, only in C0789GHI, only to payments-*).',
    );
  });

  it('denies the right person in the wrong channel', () => {
    const reason = denied(evaluate(RULES, { ...base, channel: 'C0ELSEWHERE' }));
    assert.match(reason, /from C0ELSEWHERE\. .*only in C0789GHI/);
  });

  it('denies a destination outside the rule, and a missing destination when the rule restricts it', () => {
    assert.match(
      denied(evaluate(RULES, { ...base, destination: q('orders') })),
      /to orders from .*only to payments-\*/,
    );
    const { destination: _, ...noDestination } = base;
    assert.match(denied(evaluate(RULES, noDestination)), /\(no destination named\)/);
  });

  it('denies a count above maxMessages with the numbers and the rule', () => {
    const d = evaluate(RULES, { ...base, count: 12000 });
    assert.deepEqual(d, {
      allowed: false,
      rule: 'payments-oncall',
      maxMessages: 5000,
      reason:
        '12,000 messages is more than the 5,000 that rule payments-oncall allows in one redrive of payments-dlq. ' +
        'Move up to 5,000 with `--limit 5000`.',
    });
    assert.equal(evaluate(RULES, { ...base, count: 5000 }).allowed, true);
  });

  it('allows peek only through a rule with peek: true, checking later rules too', () => {
    const orders = { ...base, action: 'peek' as const, source: q('orders-dlq') };
    assert.deepEqual(evaluate(RULES, { ...orders, user: 'U0PEEK1' }), { allowed: true, rule: 'orders-peekers' });
    const reason = denied(evaluate(RULES, { ...orders, user: 'U0RANDOM' }));
    assert.match(reason, /^You may not peek at orders-dlq from C0789GHI\. The rules covering it: /);
    assert.match(reason, /ops \(admits anyone, no peeking\); orders-peekers \(admits users U0PEEK1\)/);
  });

  it('ignores destination and count for peek and cancel', () => {
    const { destination: _, ...noDestination } = base;
    assert.equal(evaluate(RULES, { ...noDestination, action: 'peek', count: 999999 }).allowed, true);
    assert.equal(evaluate(RULES, { ...noDestination, action: 'cancel', count: 999999 }).allowed, true);
  });

  it('lets the first admitting rule decide', () => {
    const rules: Rules = {
      rules: [
        rule({ name: 'strict', queues: ['a-*'], users: ['U0ONE'], maxMessages: 10 }),
        rule({ name: 'loose', queues: ['a-*'], users: ['*'] }),
      ],
      alarmRoutes: [],
    };
    const req = { ...base, source: q('a-dlq'), destination: q('a'), count: 50 };
    assert.equal(evaluate(rules, { ...req, user: 'U0ONE' }).allowed, false);
    assert.deepEqual(evaluate(rules, { ...req, user: 'U0TWO' }), { allowed: true, rule: 'loose' });
  });

  it('denies everything with an empty rules list', () => {
    const reason = denied(evaluate({ rules: [], alarmRoutes: [] }, { ...base, action: 'cancel' }));
    assert.match(reason, /covers payments-dlq, so nobody may cancel redrives of it from Slack/);
  });
});

describe('globMatch', () => {
  const cases: [string, string, boolean][] = [
    ['payments-*', 'payments-dlq', true],
    ['payments-*', 'payments-', true],
    ['payments-*', 'payments', false],
    ['payments-*', 'xpayments-dlq', false],
    ['*-dlq', 'orders-dlq', true],
    ['*-dlq', 'orders-dlq.fifo', false],
    ['orders-*-dlq', 'orders-eu-west-dlq', true],
    ['orders-*-dlq', 'orders--dlq', true],
    ['orders-*-dlq', 'orders-dlq', false],
    ['*.fifo', 'orders-dlq.fifo', true],
    ['*.fifo', 'orders-dlqXfifo', false],
    ['orders.fifo', 'ordersXfifo', false],
    ['payments-*', 'payments-dlq.fifo', true],
    ['Payments-*', 'payments-dlq', false],
    ['*', '', true],
    ['a+b', 'a+b', true],
    ['a+b', 'aab', false],
    ['arn:aws:sqs:*:123456789012:*', 'arn:aws:sqs:us-east-1:123456789012:q', true],
    ['arn:aws:sqs:*:123456789012:*', 'arn:aws:sqs:us-east-1:999999999999:q', false],
  ];
  for (const [pattern, text, expected] of cases) {
    it(`${pattern} ${expected ? 'matches' : 'does not match'} "${text}"`, () => {
      assert.equal(globMatch(pattern, text), expected);
    });
  }
});

describe('routeAlarmChannel', () => {
  it('routes by name or ARN, first match wins, undefined otherwise', () => {
    assert.equal(routeAlarmChannel(RULES, { name: 'payments-dlq' }), 'C0999ZZZ');
    assert.equal(routeAlarmChannel(RULES, q('orders-dlq', '1', 'eu-west-1')), 'C0EUROPE');
    assert.equal(routeAlarmChannel(RULES, q('orders-dlq')), undefined);
    assert.equal(routeAlarmChannel(undefined, q('payments-dlq')), undefined);
  });
});

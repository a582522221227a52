// Tests for loading rules files: YAML and JSON on disk, and every validation problem reported with its path.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadRules, parseRules, RulesError } from '../../../src/core/permissions/load-rules.ts';
import { evaluate } from '../../../src/core/permissions/rules.ts';

const dir = mkdtempSync(join(tmpdir(), 'redrive-rules-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const EXAMPLE_YAML = `
rules:
  - name: payments-oncall
    queues: ["payments-*", "arn:aws:sqs:*:123456789012:billing-*"]   # globs on queue name or ARN
    users: ["U0123ABC"]
    groups: ["S0456DEF"]
    channels: ["C0789GHI"]
    destinations: ["payments-*"]
    maxMessages: 5000
    peek: true
alarmRoutes:
  - queues: ["payments-*"]
    channel: C0999ZZZ
`;

const EXPECTED = {
  rules: [
    {
      name: 'payments-oncall',
      queues: ['payments-*', 'arn:aws:sqs:*:123456789012:billing-*'],
      users: ['U0123ABC'],
      groups: ['S0456DEF'],
      channels: ['C0789GHI'],
      destinations: ['payments-*'],
      maxMessages: 5000,
      peek: true,
    },
  ],
  alarmRoutes: [{ queues: ['payments-*'], channel: 'C0999ZZZ' }],
};

function problems(text: string, format: 'yaml' | 'json' = 'yaml'): readonly string[] {
  try {
    parseRules(text, format, 'test.rules');
  } catch (err) {
    assert.ok(err instanceof RulesError, String(err));
    assert.equal(err.code, 'CONFIG');
    assert.match(err.message, /^Rules file test\.rules has \d+ problems?:\n/);
    return err.problems;
  }
  assert.fail('expected a RulesError');
}

describe('loadRules', () => {
  it('reads the documented YAML example', () => {
    const path = join(dir, 'rules.yaml');
    writeFileSync(path, EXAMPLE_YAML);
    assert.deepEqual(loadRules(path), EXPECTED);
  });

  it('reads the same rules from JSON', () => {
    const path = join(dir, 'rules.json');
    writeFileSync(path, JSON.stringify(EXPECTED, null, 2));
    const rules = loadRules(path);
    assert.deepEqual(rules, EXPECTED);
    const req = {
      action: 'redrive' as const,
      user: 'U0123ABC',
      userGroups: [],
      channel: 'C0789GHI',
      source: { name: 'payments-dlq', arn: 'arn:aws:sqs:us-east-1:123456789012:payments-dlq' },
      destination: { name: 'payments-main', arn: 'arn:aws:sqs:us-east-1:123456789012:payments-main' },
    };
    assert.equal(evaluate(rules, req).allowed, true);
  });

  it('fills defaults: name from the position, empty lists, peek false; alarmRoutes optional', () => {
    assert.deepEqual(parseRules('rules:\n  - queues: ["*"]\n    groups: [S0AAA]\n', 'yaml'), {
      rules: [{ name: 'rules[0]', queues: ['*'], users: [], groups: ['S0AAA'], peek: false }],
      alarmRoutes: [],
    });
    assert.deepEqual(parseRules('{"rules": []}', 'json'), { rules: [], alarmRoutes: [] });
  });

  it('says when the file cannot be read', () => {
    const path = join(dir, 'missing.yml');
    assert.throws(() => loadRules(path), {
      name: 'RulesError',
      message: `Rules file ${path} has 1 problem:\n  - cannot read the file: file not found`,
    });
    assert.throws(() => loadRules(dir), { message: /it is a folder, not a file/ });
  });
});

describe('rules validation', () => {
  it('reports YAML and JSON syntax errors with their position', () => {
    const [yamlProblem] = problems('rules:\n  - queues: [a\n    users: x: y\n');
    assert.match(yamlProblem ?? '', /^not valid YAML: .*line \d+/);
    const [jsonProblem] = problems('{"rules": [}', 'json');
    assert.match(jsonProblem ?? '', /^not valid JSON: /);
  });

  it('rejects an empty file and a non-mapping', () => {
    assert.deepEqual(problems(''), ['the file is empty: it needs a `rules:` list']);
    assert.deepEqual(problems('- a\n- b\n'), ['must be a mapping with `rules` (and optionally `alarmRoutes`)']);
    assert.deepEqual(problems('alarmRoutes: []\n'), [
      'rules: missing; must be a list of rules (an empty list denies everything)',
    ]);
    assert.deepEqual(problems('rules: {}\n'), ['rules: must be a list of rules']);
  });

  it('reports every problem in every rule with its path', () => {
    const text = JSON.stringify({
      rule: [],
      rules: [
        { name: 'ok', queues: ['a-*'], users: ['*'] },
        'just-a-string',
        { queues: 'payments-*', users: ['@alice', 'U0GOOD', 7], peak: true },
        { name: '', queues: [], groups: ['#ops'], channels: ['payments'], maxMessages: 0, peek: 'yes' },
        { queues: ['b'], destinations: [] },
        { name: 'ok', queues: ['c'], users: ['U0X1'], maxMessages: 2.5 },
      ],
      alarmRoutes: [{ queues: ['x-*'], channel: '#alerts' }, { channel: 'C0AAA', extra: 1 }, 3],
    });
    assert.deepEqual(problems(text, 'json'), [
      'rule: unknown key (expected one of rules, alarmRoutes)',
      'rules[1]: must be a mapping with at least `queues` and `users` or `groups`',
      'rules[2].peak: unknown key (expected one of name, queues, users, groups, channels, destinations, maxMessages, peek)',
      'rules[2].queues: must be a non-empty list of strings (queue names, ARNs or globs with *)',
      'rules[2].users[0]: "@alice" is a name; use the id, a Slack user id (like U0123ABC) or "*"',
      'rules[2].users[2]: must be a Slack user id (like U0123ABC) or "*"',
      'rules[3].name: must be a non-empty string',
      'rules[3].queues: must be a non-empty list of strings (queue names, ARNs or globs with *)',
      'rules[3].groups[0]: "#ops" is a name; use the id, a Slack user group id (like S0456DEF)',
      'rules[3].channels[0]: "payments" is not a Slack channel id (like C0789GHI)',
      'rules[3].maxMessages: must be a whole number above 0',
      'rules[3].peek: must be true or false',
      'rules[4]: must list `users` (Slack user ids, or "*" for anyone) or `groups` (user group ids)',
      'rules[4].destinations: must be a non-empty list of strings (queue names, ARNs or globs with *)',
      'rules[5].maxMessages: must be a whole number above 0',
      'alarmRoutes[0].channel: "#alerts" is a name; use the id, a Slack channel id (like C0999ZZZ)',
      'alarmRoutes[1].extra: unknown key (expected one of queues, channel)',
      'alarmRoutes[1].queues: must be a non-empty list of strings (queue names, ARNs or globs with *)',
      'alarmRoutes[2]: must be a mapping with `queues` and `channel`',
    ]);
  });

  it('rejects duplicate rule names', () => {
    const text = 'rules:\n  - {name: a, queues: [x], users: ["*"]}\n  - {name: a, queues: [y], users: ["*"]}\n';
    assert.deepEqual(problems(text), ['rules[1].name: "a" is already used by rules[0]']);
  });

  it('reads YAML 1.2 booleans strictly (yes is not true)', () => {
    assert.deepEqual(problems('rules:\n  - {queues: [x], users: ["*"], peek: yes}\n'), [
      'rules[0].peek: must be true or false',
    ]);
  });
});

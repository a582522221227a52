// Tests for loadConfig/describeConfig: defaults, every validation message, rules loading, and no secret leaks.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError, describeConfig, loadConfig } from '../src/config.ts';

const BOT = 'xoxb-1111-2222-testbottoken';
const APP = 'xapp-1-A111-2222-testapptoken';
const SECRET = 'test-signing-secret-0123456789ab';
const HTTP = { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET };

const dir = mkdtempSync(join(tmpdir(), 'redrive-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
    assert.equal(err.code, 'CONFIG');
    assert.equal(err.message.split('\n').length, err.problems.length + 1, 'one problem per line');
    return [...err.problems];
  }
  assert.fail('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('applies the defaults in HTTP mode', () => {
    const c = loadConfig(HTTP);
    assert.equal(c.slack.mode, 'http');
    assert.equal(c.slack.botToken, BOT);
    assert.equal(c.slack.signingSecret, SECRET);
    assert.equal(c.slack.apiUrl, undefined);
    assert.equal(c.port, 3000);
    assert.equal(c.dbPath, './data/redrive.db');
    assert.equal(c.rules, undefined);
    assert.equal(c.confirmAbove, 1000);
    assert.equal(c.logLevel, 'info');
    assert.deepEqual(c.alarms, { snsTopics: [], eventsHeader: 'x-redrive-token', pollSeconds: 0, bounceMinutes: 15 });
    assert.ok(Object.isFrozen(c) && Object.isFrozen(c.slack) && Object.isFrozen(c.alarms.snsTopics));
  });

  it('switches to Socket Mode with an app token, where the signing secret is optional', () => {
    const c = loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP });
    assert.equal(c.slack.mode, 'socket');
    assert.equal(c.slack.appToken, APP);
    assert.equal(c.slack.signingSecret, undefined);
  });

  it('treats blank values as unset and trims the rest', () => {
    const c = loadConfig({ ...HTTP, PORT: ' 8080 ', LOG_LEVEL: 'WARN', REDRIVE_DB: '', SLACK_APP_TOKEN: '  ' });
    assert.equal(c.port, 8080);
    assert.equal(c.logLevel, 'warn');
    assert.equal(c.dbPath, './data/redrive.db');
    assert.equal(c.slack.mode, 'http');
  });

  it('normalises SLACK_API_URL to end in /api/', () => {
    const url = (v: string) => loadConfig({ ...HTTP, SLACK_API_URL: v }).slack.apiUrl;
    assert.equal(url('https://slack-gov.com'), 'https://slack-gov.com/api/');
    assert.equal(url('https://slack-gov.com/api'), 'https://slack-gov.com/api/');
    assert.equal(url('https://slack-gov.com/api//'), 'https://slack-gov.com/api/');
    assert.equal(url('http://127.0.0.1:4567/'), 'http://127.0.0.1:4567/api/');
    assert.equal(url('http://localhost:4567/api/'), 'http://localhost:4567/api/');
  });

  it('rejects bad Slack API URLs, including plain http to a remote host', () => {
    assert.match(
      problemsOf({ ...HTTP, SLACK_API_URL: 'slack-gov.com' })[0] ?? '',
      /SLACK_API_URL must be an http\(s\) URL/,
    );
    assert.match(problemsOf({ ...HTTP, SLACK_API_URL: 'ftp://x.test/' })[0] ?? '', /http\(s\)/);
    assert.match(problemsOf({ ...HTTP, SLACK_API_URL: 'http://slack.example.com' })[0] ?? '', /must use https/);
    assert.match(problemsOf({ ...HTTP, SLACK_API_URL: 'https://a.test/api?x=1' })[0] ?? '', /query string/);
  });

  it('lists every problem at once', () => {
    const problems = problemsOf({
      PORT: '70000',
      REDRIVE_CONFIRM_ABOVE: '-5',
      LOG_LEVEL: 'verbose',
      REDRIVE_POLL_SECONDS: '5',
      REDRIVE_BOUNCE_MINUTES: '0',
      REDRIVE_EVENTS_HEADER: 'bad header',
      REDRIVE_ALARM_CHANNEL: '#payments',
      REDRIVE_SNS_TOPICS: 'arn:aws:sns:us-east-1:123456789012:ok, not-an-arn',
    });
    const expected = [
      /^SLACK_BOT_TOKEN is required/,
      /^SLACK_SIGNING_SECRET is required in HTTP mode.*SLACK_APP_TOKEN/,
      /^PORT must be a whole number, 0–65535 \(got "70000"\)/,
      /^REDRIVE_CONFIRM_ABOVE must be a whole number, 0 or more \(got "-5"\)/,
      /^LOG_LEVEL must be one of debug, info, warn, error \(got "verbose"\)/,
      /^REDRIVE_SNS_TOPICS: "not-an-arn" is not an SNS topic ARN/,
      /^REDRIVE_EVENTS_HEADER must be an HTTP header name/,
      /^REDRIVE_POLL_SECONDS must be 0 \(off\) or at least 10/,
      /^REDRIVE_ALARM_CHANNEL must be a Slack channel id.*not the #name/,
      /^REDRIVE_BOUNCE_MINUTES must be a whole number, 1 or more/,
    ];
    assert.equal(problems.length, expected.length, problems.join('\n'));
    for (const re of expected)
      assert.ok(
        problems.some((p) => re.test(p)),
        `missing ${re}\n${problems.join('\n')}`,
      );
  });

  it('refuses alarm intake with nowhere to post alarms', () => {
    assert.deepEqual(problemsOf({ ...HTTP, REDRIVE_EVENTS_TOKEN: 'a-long-enough-events-token' }), [
      'Alarm intake is on (REDRIVE_SNS_TOPICS, REDRIVE_EVENTS_TOKEN or REDRIVE_POLL_SECONDS) but alarms have ' +
        'nowhere to go: set REDRIVE_ALARM_CHANNEL or add alarmRoutes to the rules file',
    ]);
  });

  it('explains swapped or wrong tokens without echoing them', () => {
    const user = 'xoxp-9999-8888-usertokenvalue';
    const problems = problemsOf({ SLACK_BOT_TOKEN: APP, SLACK_APP_TOKEN: user, SLACK_SIGNING_SECRET: BOT });
    assert.match(problems[0] ?? '', /^SLACK_BOT_TOKEN must start with xoxb-.*looks like an app-level token/);
    assert.match(problems[1] ?? '', /^SLACK_APP_TOKEN must start with xapp-.*looks like a user token/);
    assert.match(problems[2] ?? '', /^SLACK_SIGNING_SECRET looks like a token/);
    assert.match(problemsOf({ ...HTTP, SLACK_BOT_TOKEN: 'xoxb-1' })[0] ?? '', /too short/);
    assert.match(problemsOf({ ...HTTP, SLACK_BOT_TOKEN: 'xoxb-1111 2222-abcdefgh' })[0] ?? '', /contains spaces/);
  });

  it('never puts a secret value in the error message', () => {
    const secrets = {
      SLACK_BOT_TOKEN: 'xoxp-leak-bot-0000000001',
      SLACK_APP_TOKEN: 'leak-app-0000000002',
      SLACK_SIGNING_SECRET: 'xoxb-leak-secret-0000000003',
      REDRIVE_EVENTS_TOKEN: 'leak-short',
    };
    let message = '';
    try {
      loadConfig({ ...secrets, SLACK_API_URL: 'https://user:leak-pass-0000000004@slack.test' });
    } catch (err) {
      message = err instanceof Error ? err.message : '';
    }
    assert.match(message, /REDRIVE_EVENTS_TOKEN must be at least 16 characters/);
    for (const value of [...Object.values(secrets), 'leak-pass-0000000004']) {
      assert.ok(!message.includes(value), `message leaks ${value}`);
    }
    assert.ok(!message.includes('leak'), message);
  });

  it('reads the alarm settings', () => {
    const c = loadConfig({
      ...HTTP,
      REDRIVE_SNS_TOPICS:
        'arn:aws:sns:us-east-1:123456789012:alarms , arn:aws-us-gov:sns:us-gov-west-1:123456789012:a.fifo,',
      REDRIVE_EVENTS_TOKEN: 'a-long-enough-events-token',
      REDRIVE_EVENTS_HEADER: 'X-My-Token',
      REDRIVE_POLL_SECONDS: '60',
      REDRIVE_ALARM_PREFIX: 'dlq-',
      REDRIVE_ALARM_CHANNEL: 'C0123ABCD',
      REDRIVE_BOUNCE_MINUTES: '30',
    });
    assert.deepEqual(c.alarms, {
      snsTopics: ['arn:aws:sns:us-east-1:123456789012:alarms', 'arn:aws-us-gov:sns:us-gov-west-1:123456789012:a.fifo'],
      eventsToken: 'a-long-enough-events-token',
      eventsHeader: 'x-my-token',
      pollSeconds: 60,
      prefix: 'dlq-',
      channel: 'C0123ABCD',
      bounceMinutes: 30,
    });
  });

  it('loads the rules file, whose alarm routes give alarms somewhere to go', () => {
    const path = join(dir, 'rules.yml');
    writeFileSync(
      path,
      'rules:\n  - queues: ["*"]\n    users: ["*"]\nalarmRoutes:\n  - queues: ["*"]\n    channel: C0999ZZZ\n',
    );
    const c = loadConfig({ ...HTTP, REDRIVE_RULES: path, REDRIVE_POLL_SECONDS: '10' });
    assert.equal(c.rulesPath, path);
    assert.equal(c.rules?.rules[0]?.name, 'rules[0]');
    assert.equal(c.rules?.alarmRoutes[0]?.channel, 'C0999ZZZ');
  });

  it('includes every rules-file problem, prefixed with the variable and path', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ rules: [{ queues: [], users: ['@alice'] }] }));
    const problems = problemsOf({ ...HTTP, PORT: 'x', REDRIVE_RULES: path });
    assert.deepEqual(problems.slice(1), [
      `REDRIVE_RULES (${path}): rules[0].queues: must be a non-empty list of strings (queue names, ARNs or globs with *)`,
      `REDRIVE_RULES (${path}): rules[0].users[0]: "@alice" is a name; use the id, a Slack user id (like U0123ABC) or "*"`,
    ]);
    const missing = join(dir, 'nope.yml');
    assert.deepEqual(problemsOf({ ...HTTP, REDRIVE_RULES: missing }), [
      `REDRIVE_RULES (${missing}): cannot read the file: file not found`,
    ]);
  });
});

describe('describeConfig', () => {
  it('summarises without any secret', () => {
    const c = loadConfig({
      SLACK_BOT_TOKEN: BOT,
      SLACK_APP_TOKEN: APP,
      SLACK_SIGNING_SECRET: SECRET,
      REDRIVE_EVENTS_TOKEN: 'a-long-enough-events-token',
      REDRIVE_SNS_TOPICS: 'arn:aws:sns:us-east-1:123456789012:alarms',
      REDRIVE_ALARM_CHANNEL: 'C0123ABCD',
      AWS_REGION: 'eu-west-1',
      AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:9324/some/path',
    });
    const summary = describeConfig(c);
    assert.equal(summary.mode, 'socket');
    assert.equal(summary.rules, 'none (anyone may redrive or cancel; peek off)');
    assert.equal(summary.alarmIntake, 'sns (1 topic), eventbridge (header x-redrive-token)');
    assert.equal(summary.awsRegion, 'eu-west-1');
    assert.equal(summary.sqsEndpoint, 'http://127.0.0.1:9324');
    const text = JSON.stringify(summary);
    for (const secret of [BOT, APP, SECRET, 'a-long-enough-events-token']) assert.ok(!text.includes(secret));
  });
});

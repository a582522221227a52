import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type RunningBot, startBot } from '../../src/bot.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.ts';
import { type FakeSocketMode, startFakeSocketMode } from '../support/fake-socket-mode.ts';
import { assertNothingLost, seedPair } from '../support/queues.ts';
import { slashCommandPayload } from '../support/slack-requests.ts';
import { type Fauxqs, startFauxqsPeer } from '../support/sqs-peers.ts';

let sqs: Fauxqs;
let slack: FakeSlack;
let socket: FakeSocketMode;
let bot: RunningBot;

before(async () => {
  sqs = await startFauxqsPeer();
  slack = await startFakeSlack();
  socket = await startFakeSocketMode();
  slack.attachSocketMode(socket);
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_APP_TOKEN: 'xapp-test-token',
    SLACK_API_URL: slack.apiUrl,
    REDRIVE_DB: ':memory:',
  });
  bot = await startBot(config, { sqs: sqs.sqs, progressIntervalMs: 20, logger: createLogger('error', () => {}) });
  await socket.waitForConnection();
});
after(async () => {
  await bot.stop();
  await socket.close();
  await slack.close();
  await sqs.stop();
});

test('Socket Mode: /redrive over the socket is acked, and the move runs and reports in its thread', async () => {
  assert.equal(bot.port, undefined, 'no HTTP server in Socket Mode');
  const pair = await seedPair(sqs, { src: 'sock-dlq', dst: 'sock' }, 25);
  const fields = { text: 'sock-dlq sock', user_id: 'U0ALICE', channel_id: 'C0OPS', response_url: slack.responseUrl() };
  const started = performance.now();
  const ack = await socket.sendEnvelope('slash_commands', slashCommandPayload(fields));
  assert.ok(ack.envelope_id, 'acked');
  assert.ok(performance.now() - started < 3000, 'acked within 3 s');
  const root = await slack.waitFor('chat.postMessage', (c) => String(c.args.text).includes('sock-dlq'));
  assert.match(String(root.args.text), /<@U0ALICE> is redriving/);
  const [record] = await bot.deps.store.listRedrives({ queue: 'sock-dlq', limit: 1 });
  assert.ok(record);
  await bot.deps.service.finished(record.id);
  assert.equal(sqs.bodies('sock').length, 25);
  assertNothingLost(sqs, pair);
});

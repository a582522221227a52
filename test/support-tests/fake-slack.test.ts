// The Slack test peers, proven with a real Bolt app: signed HTTP requests, the fake Web API, Socket Mode.

import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { App, type Logger, LogLevel } from '@slack/bolt';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.ts';
import { type FakeSocketMode, startFakeSocketMode } from '../support/fake-socket-mode.ts';
import {
  appHomeOpened,
  blockAction,
  eventEnvelope,
  postEvent,
  postInteraction,
  postSlashCommand,
  slashCommandPayload,
} from '../support/slack-requests.ts';

const SECRET = 'test-signing-secret';
const CHANNEL = 'C0OPS';

/** Bolt logger that keeps errors for assertions and prints nothing. */
function quietLogger(errors: string[]): Logger {
  let level = LogLevel.ERROR;
  return {
    debug() {},
    info() {},
    warn() {},
    error: (...msg: unknown[]) => void errors.push(msg.map(String).join(' ')),
    setLevel(l: LogLevel) {
      level = l;
    },
    getLevel: () => level,
    setName() {},
  };
}

const texts = (messages: readonly { text: string }[]) => messages.map((m) => m.text);

/** POSTs to a response_url the way Bolt's respond() does. */
async function respond(url: string, body: object): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(res.status, 200);
}

/** The smallest app shaped like the bot: a /redrive command, a cancel button and the Home tab. */
function registerListeners(app: App): void {
  app.command('/redrive', async ({ ack, command, client, respond, context }) => {
    await ack({ response_type: 'ephemeral', text: `Checking ${command.text}…` });
    const root = await client.chat.postMessage({
      channel: command.channel_id,
      text: `<@${command.user_id}> is redriving ${command.text}`,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `redriving *${command.text}*` } }],
    });
    await client.chat.postMessage({ channel: command.channel_id, thread_ts: root.ts ?? '', text: 'progress 0%' });
    await respond({ text: `Started (retry ${context.retryNum ?? 0})` });
  });
  app.action('redrive_cancel', async ({ ack, body, client, respond }) => {
    await ack();
    if (body.type !== 'block_actions' || !body.container.message_ts || !body.channel) return;
    await client.chat.update({
      channel: body.channel.id,
      ts: body.container.message_ts,
      text: `cancelled by <@${body.user.id}>`,
    });
    await respond({ replace_original: false, text: 'Cancelling…' });
  });
  app.event('app_home_opened', async ({ event, client }) => {
    await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [] } });
  });
}

describe('fake Slack with a real Bolt app over HTTP', () => {
  let fake: FakeSlack;
  let app: App;
  let appUrl: string;
  const errors: string[] = [];

  before(async () => {
    fake = await startFakeSlack();
    app = new App({
      token: 'xoxb-fake',
      signingSecret: SECRET,
      logger: quietLogger(errors),
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 3, minTimeout: 10, maxTimeout: 50 } },
    });
    registerListeners(app);
    const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
    appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await app.stop();
    await fake.close();
  });
  beforeEach(() => {
    fake.reset();
    errors.length = 0;
  });

  const command = (text: string) => ({
    text,
    user_id: 'U0ALICE',
    channel_id: CHANNEL,
    response_url: fake.responseUrl({ channel: CHANNEL, user: 'U0ALICE' }),
  });

  test('a signed slash command is acked at once and its posts land in the channel model', async () => {
    const res = await postSlashCommand(appUrl, SECRET, command('orders-dlq'));
    assert.equal(res.status, 200);
    assert.match(res.body, /Checking orders-dlq…/);
    const post = await fake.waitFor('chat.postMessage', (c) => c.args.thread_ts === undefined);
    assert.deepEqual(post.args.blocks, [{ type: 'section', text: { type: 'mrkdwn', text: 'redriving *orders-dlq*' } }]);
    await fake.waitFor('response_url');
    const root = fake.calls('chat.postMessage')[0];
    const rootTs = fake.model.messages.find((m) => m.threadTs === undefined)?.ts ?? '';
    assert.ok(root);
    assert.deepEqual(texts(fake.thread(CHANNEL, rootTs)), ['<@U0ALICE> is redriving orders-dlq', 'progress 0%']);
    assert.deepEqual(texts(fake.ephemerals('U0ALICE')), ['Started (retry 0)']);
  });

  test('a wrong secret or a stale timestamp gets 401 and nothing is posted', async () => {
    const forged = await postSlashCommand(appUrl, SECRET, command('orders-dlq'), { secretOverride: 'not-the-secret' });
    assert.equal(forged.status, 401);
    const stale = await postSlashCommand(appUrl, SECRET, command('orders-dlq'), {
      timestampSec: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    assert.equal(stale.status, 401);
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(fake.calls('chat.postMessage'), []);
  });

  test('Slack retry headers reach the app', async () => {
    await postSlashCommand(appUrl, SECRET, command('orders-dlq'), { retryNum: 1 });
    const reply = await fake.waitFor('response_url');
    assert.equal(reply.args.text, 'Started (retry 1)');
  });

  test('a ratelimited chat.postMessage is answered 429 + Retry-After, and the client retries it', async () => {
    fake.failNext('chat.postMessage', { error: 'ratelimited', retryAfterSec: 1 });
    await postSlashCommand(appUrl, SECRET, command('orders-dlq'));
    await fake.waitFor('chat.postMessage', undefined, 5000);
    const [first, second] = fake.calls('chat.postMessage');
    assert.equal(first?.error, 'ratelimited');
    assert.equal(second?.ok, true);
    assert.ok((second?.at ?? 0) - (first?.at ?? 0) >= 1000, 'waited for Retry-After');
    assert.equal(fake.model.messages.filter((m) => m.threadTs === undefined).length, 1);
  });

  test('a button click edits the message in place and answers through response_url', async () => {
    const posted = await app.client.chat.postMessage({ channel: CHANNEL, text: 'redriving orders-dlq' });
    const ts = posted.ts ?? '';
    const payload = blockAction({
      actionId: 'redrive_cancel',
      value: 'r-abc123',
      user: 'U0BOB',
      channel: CHANNEL,
      messageTs: ts,
      responseUrl: fake.responseUrl({ channel: CHANNEL, user: 'U0BOB', messageTs: ts }),
    });
    const res = await postInteraction(appUrl, SECRET, payload);
    assert.equal(res.status, 200);
    await fake.waitFor('chat.update');
    await fake.waitFor('response_url');
    assert.equal(fake.message(CHANNEL, ts)?.text, 'cancelled by <@U0BOB>');
    assert.equal(fake.message(CHANNEL, ts)?.edits, 1);
    assert.deepEqual(texts(fake.ephemerals('U0BOB')), ['Cancelling…']);
  });

  test('app_home_opened publishes the Home tab', async () => {
    const res = await postEvent(appUrl, SECRET, appHomeOpened('U0ALICE'));
    assert.equal(res.status, 200);
    const call = await fake.waitFor('views.publish');
    assert.equal(call.args.user_id, 'U0ALICE');
    assert.deepEqual(call.args.view, { type: 'home', blocks: [] });
  });

  test('response_url replace_original and delete_original act on the original message', async () => {
    const eph = await app.client.chat.postEphemeral({ channel: CHANNEL, user: 'U0ALICE', text: 'Start?' });
    const url = fake.responseUrl({ channel: CHANNEL, user: 'U0ALICE', messageTs: eph.message_ts ?? '' });
    await respond(url, { replace_original: true, text: 'Starting' });
    assert.deepEqual(texts(fake.ephemerals('U0ALICE')), ['Starting']);
    await respond(url, { delete_original: true });
    assert.deepEqual(fake.ephemerals('U0ALICE'), []);
    await respond(url, { response_type: 'in_channel', text: 'Done' });
    assert.deepEqual(texts(fake.model.messages), ['Done']);
  });

  test('the rest of the Web API the bot uses: permalink, usergroups, users, file upload, plain errors', async () => {
    const root = await app.client.chat.postMessage({ channel: CHANNEL, text: 'root' });
    const link = await app.client.chat.getPermalink({ channel: CHANNEL, message_ts: root.ts ?? '' });
    assert.equal(link.permalink, `${fake.baseUrl}/archives/${CHANNEL}/p${(root.ts ?? '').replace('.', '')}`);

    fake.setUsergroup('S0OPS', ['U0ALICE', 'U0BOB']);
    assert.deepEqual((await app.client.usergroups.users.list({ usergroup: 'S0OPS' })).users, ['U0ALICE', 'U0BOB']);
    fake.setUser({ id: 'U0ALICE', name: 'alice', isAdmin: true });
    const info = await app.client.users.info({ user: 'U0ALICE' });
    assert.equal(info.user?.name, 'alice');
    assert.equal(info.user?.is_admin, true);

    await app.client.filesUploadV2({
      channel_id: CHANNEL,
      thread_ts: root.ts ?? '',
      filename: 'tally.csv',
      content: 'code,count\nX,2\n',
    });
    assert.equal(fake.uploads()[0]?.content?.toString(), 'code,count\nX,2\n');
    assert.deepEqual(
      fake.thread(CHANNEL, root.ts ?? '')[1]?.files?.map((f) => f.title),
      ['tally.csv'],
    );

    fake.failNext('chat.postEphemeral', { error: 'user_not_in_channel' });
    await assert.rejects(
      app.client.chat.postEphemeral({ channel: CHANNEL, user: 'U0X', text: 'hi' }),
      /user_not_in_channel/,
    );
  });

  test('waitFor rejects with the calls it saw', async () => {
    await app.client.chat.postMessage({ channel: CHANNEL, text: 'hello' });
    await assert.rejects(fake.waitFor('views.open', undefined, 50), (err: Error) => {
      assert.match(err.message, /No matching views\.open call within 50 ms/);
      assert.match(err.message, /chat\.postMessage channel="C0OPS" .*text="hello"/);
      return true;
    });
  });
});

describe('fake Slack with a real Bolt app over Socket Mode', () => {
  let fake: FakeSlack;
  let sm: FakeSocketMode;
  let app: App;
  const errors: string[] = [];

  before(async () => {
    fake = await startFakeSlack();
    sm = await startFakeSocketMode();
    fake.attachSocketMode(sm);
    app = new App({
      token: 'xoxb-fake',
      appToken: 'xapp-fake',
      socketMode: true,
      logger: quietLogger(errors),
      clientOptions: { slackApiUrl: fake.apiUrl },
    });
    registerListeners(app);
    await app.start();
    await sm.waitForConnection();
  });
  after(async () => {
    await app.stop();
    await sm.close();
    await fake.close();
  });

  test('a slash command envelope is acked over the socket and the post lands in the fake', async () => {
    const rid = fake.responseUrl({ channel: CHANNEL, user: 'U0ALICE' });
    const fields = { text: 'orders-dlq', user_id: 'U0ALICE', channel_id: CHANNEL, response_url: rid };
    const ack = await sm.sendEnvelope('slash_commands', slashCommandPayload(fields));
    assert.equal(ack.payload?.text, 'Checking orders-dlq…');
    await fake.waitFor('chat.postMessage', (c) => c.args.text === '<@U0ALICE> is redriving orders-dlq');
    assert.equal(fake.calls('apps.connections.open').length, 1);
  });

  test('interactive and events_api envelopes reach their listeners', async () => {
    const posted = await app.client.chat.postMessage({ channel: CHANNEL, text: 'redriving' });
    const ts = posted.ts ?? '';
    const click = blockAction({
      actionId: 'redrive_cancel',
      user: 'U0BOB',
      channel: CHANNEL,
      messageTs: ts,
      responseUrl: fake.responseUrl({ channel: CHANNEL, user: 'U0BOB' }),
    });
    const ack = await sm.sendEnvelope('interactive', click);
    assert.ok(ack.envelope_id);
    await fake.waitFor('chat.update');
    assert.equal(fake.message(CHANNEL, ts)?.text, 'cancelled by <@U0BOB>');

    await sm.sendEnvelope('events_api', eventEnvelope(appHomeOpened('U0BOB')));
    await fake.waitFor('views.publish', (c) => c.args.user_id === 'U0BOB');
    assert.deepEqual(errors, []);
  });
});

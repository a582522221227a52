// The whole demo in-process, driven through its page's own HTTP routes the way the browser page drives them.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Demo, startDemo } from '../../src/demo/start-demo.ts';
import type { PageMessage, PageState } from '../../src/demo/web/page-state.ts';
import { ALARM_REDRIVE_PATTERN } from '../../src/slack/action-ids.ts';
import { buttonsIn } from '../support/bot-harness.ts';

let demo: Demo;
const logs: string[] = [];

const state = async (): Promise<PageState> => (await fetch(`${demo.url}demo/state`)).json() as Promise<PageState>;
const act = (path: string, body: unknown, type = 'application/json') =>
  fetch(`${demo.url}demo/${path}`, { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify(body) });

/** The HTTP status the bot answered the signed request with, as the demo server reports it. */
const botStatus = async (res: Response) => ((await res.json()) as { status?: number }).status;
const sqs = (queue: string) => demo.sqs.counts(queue);
async function waitForMessage(what: string, match: (m: PageMessage) => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = (await state()).messages.find(match);
    if (found) return found;
    await sleep(50);
  }
  const seen = (await state()).messages.map((m) => m.text.slice(0, 80));
  throw new Error(`no ${what} on the page within ${timeoutMs} ms; saw ${JSON.stringify(seen)}`);
}

before(async () => {
  demo = await startDemo({
    consumer: false,
    sqsLatencyMs: 0,
    alarmIntervalMs: 100,
    logLevel: 'info',
    log: (line) => logs.push(line),
  });
});
after(() => demo.stop());

describe('npm run demo, in-process', () => {
  test('serves the page and its script on 127.0.0.1', async () => {
    assert.match(demo.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(demo.url);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await page.text(), /<script src="\/app\.js"><\/script>/);
    const script = await fetch(`${demo.url}app.js`);
    assert.match(script.headers.get('content-type') ?? '', /javascript/);
  });

  test('the simulated alarm reaches the bot through /aws/events: an alarm post, with a depth chart in its thread', async () => {
    const post = await waitForMessage('alarm post', (m) => /orders-dlq has 300 messages waiting/.test(m.text));
    assert.equal(post.user, (await state()).bot.id);
    const chart = await waitForMessage('depth chart', (m) => m.threadTs === post.ts && (m.files?.length ?? 0) > 0);
    const file = chart.files?.[0];
    assert.equal(file?.image, true);
    const png = await fetch(new URL(file?.url ?? '', demo.url));
    assert.equal(png.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await png.arrayBuffer()).subarray(1, 4), Buffer.from('PNG'));
  });

  test('/redrive peek orders-dlq answers only to the person, with the messages and their attributes', async () => {
    assert.equal(await botStatus(await act('command', { text: 'peek orders-dlq' })), 200);
    const peek = await waitForMessage('peek', (m) => m.ephemeral && /peeking leaves them in the queue/.test(m.text));
    assert.match(peek.text, /3 messages of about 300 from orders-dlq/);
    assert.match(JSON.stringify(peek.blocks), /errorCode/);
  });

  test('Redrive on the alarm post moves every message, reports in the thread and resolves the post', async () => {
    const post = await waitForMessage('alarm post', (m) => /orders-dlq has 300 messages waiting/.test(m.text));
    const redrive = buttonsIn(post.blocks).find((b) => ALARM_REDRIVE_PATTERN.test(b.action_id));
    assert.equal(redrive?.text, 'Redrive → orders');
    const clicked = await act('click', { actionId: redrive.action_id, value: redrive.value, messageTs: post.ts });
    assert.equal(await botStatus(clicked), 200, 'the bot acked the signed click');
    const tally = await waitForMessage('tally', (m) => m.threadTs === post.ts && /^Moved 300 of 300/.test(m.text));
    assert.match(tally.text, /from orders-dlq → orders/);
    await waitForMessage('resolved post', (m) => m.ts === post.ts && /Resolved/.test(m.text));
    assert.equal((await sqs('orders-dlq')).total, 0);
    assert.equal((await sqs('orders')).total, 300, 'every message arrived');
    assert.equal(demo.alarm.state, 'OK');
  });

  test('/redrive history lists the redrive; App Home shows it too', async () => {
    await act('command', { text: 'history' });
    const history = await waitForMessage('history', (m) => m.ephemeral && /orders-dlq → orders/.test(m.text));
    assert.match(JSON.stringify(history.blocks), /<@U0YOU>/);
    await act('home', {});
    const deadline = Date.now() + 5000;
    let home = (await state()).home;
    while (!home && Date.now() < deadline) {
      await sleep(50);
      home = (await state()).home;
    }
    assert.match(JSON.stringify(home), /Recent redrives/);
    assert.match(JSON.stringify(home), /orders-dlq/);
  });

  test('only the page may act: a form post (what another site could send) is refused', async () => {
    const refused = await act('command', { text: 'help' }, 'text/plain');
    assert.equal(refused.status, 403);
  });

  test('logs hold neither secrets nor message bodies', () => {
    const all = logs.join('\n');
    assert.ok(all.includes('alarm state delivered'), 'the demo logged');
    assert.ok(!all.includes(demo.bot.signingSecret));
    assert.ok(!all.includes(demo.bot.eventsHeader.value));
    assert.ok(!/orderId|customerId/.test(all), 'no message body');
  });
});

// The demo in a real browser: Debian's Chromium, driven by playwright-core, clicks Redrive on the alarm post, confirms
// in the dialog, and sees the tally in the thread and the post resolved, while the queues really moved.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { type Demo, startDemo } from '../src/demo/start-demo.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** What works headless as root on these machines (see ../shared/TESTING.md, "Browser"). */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const WAIT = { timeout: 20_000 };

let demo: Demo;
let profile: string;
let browser: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

before(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}. On Debian/Ubuntu: apt-get update && apt-get install -y chromium ` +
        '(.ci/run does this), or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
  }
  demo = await startDemo({ consumer: false, log: () => {} });
  profile = mkdtempSync(join(tmpdir(), 'sqs-redrive-chromium-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1400, height: 900 },
  });
  page = await browser.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(demo.url);
});

after(async () => {
  await browser?.close();
  await demo?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** What a person reads in an element (text content; empty when it has none). */
const text = async (locator: Locator) => (await locator.textContent()) ?? '';
const alarmPost = () => page.locator('#messages .msg', { hasText: 'orders-dlq has 300 messages waiting' });

describe('the demo page in Chromium', () => {
  test('the alarm arrives as a post with its details, rendered from Block Kit and mrkdwn', async () => {
    await alarmPost().waitFor(WAIT);
    const post = alarmPost();
    assert.equal(await post.locator('b', { hasText: 'orders-dlq-not-empty' }).count(), 1, '*bold* rendered');
    assert.equal(await post.locator('.bk-fields').count(), 1);
    assert.match(await text(post.locator('.bk-fields')), /Depth now\s*300/);
    assert.match(await text(post.locator('time').first()), /Today|\d/, '<!date^…> rendered as a date');
    assert.equal(await post.locator('.bk-button.primary', { hasText: 'Redrive → orders' }).count(), 1);
  });

  test('Redrive → confirm → progress and tally in the thread → the post resolves; the messages really moved', async () => {
    await alarmPost().getByRole('button', { name: 'Redrive → orders' }).click();
    const dialog = page.locator('#confirm.open .dialog');
    await dialog.waitFor(WAIT);
    assert.match(await text(dialog), /Redrive now\?\s*Move 300 messages from orders-dlq back to orders\?/);
    await dialog.getByRole('button', { name: 'Redrive', exact: true }).click();

    await alarmPost().locator('.replies').click();
    const thread = page.locator('#thread.open #thread-messages');
    await thread.locator('.msg', { hasText: 'is redriving orders-dlq → orders' }).waitFor(WAIT);
    const progress = thread.locator('.msg', { hasText: '300 of 300 moved' });
    await progress.waitFor(WAIT);
    assert.match(await text(progress), /100%.*\(edited\)|\(edited\)[\s\S]*100%/, 'progress edited in place');
    const tally = thread.locator('.msg', { hasText: 'Tally for orders-dlq → orders' });
    await tally.waitFor(WAIT);
    assert.match(await text(tally), /Moved\s*300 of 300/);
    assert.equal(await thread.locator('.file img').count(), 1, 'the depth chart upload is shown');

    await page.locator('#messages .msg', { hasText: 'Resolved after @you' }).waitFor(WAIT);
    assert.equal(
      await page.locator('#messages .msg', { hasText: 'Resolved after @you' }).locator('.edited').count(),
      1,
    );
    assert.deepEqual(await demo.sqs.counts('orders-dlq'), { visible: 0, inFlight: 0, delayed: 0, total: 0 });
    assert.equal((await demo.sqs.counts('orders')).total, 300, 'every message is in orders');
  });

  test('/redrive history answers ephemerally; the App Home tab lists the redrive', async () => {
    await page.fill('#command', '/redrive history');
    await page.press('#command', 'Enter');
    const history = page.locator('#messages .msg.ephemeral', { hasText: 'orders-dlq → orders' });
    await history.waitFor(WAIT);
    assert.match(await text(history), /Only visible to you/);
    await page.click('#nav-home');
    await page.locator('#home .bk-header', { hasText: 'SQS redrive' }).waitFor(WAIT);
    await page.locator('#home', { hasText: 'orders-dlq' }).waitFor(WAIT);
  });

  test('the page ran without script errors', () => {
    assert.deepEqual(pageErrors, []);
  });
});

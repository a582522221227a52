// Retakes docs/demo.png, the README's screenshot: the demo in headless Chromium, after a Redrive from the alarm post.
// Run: node scripts/demo-screenshot.ts [CHROMIUM_PATH]  (needs Debian's chromium; see ../shared/TESTING.md "Browser").

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startDemo } from '../src/demo/start-demo.ts';

const executablePath = process.argv[2] ?? '/usr/bin/chromium';
const out = new URL('../docs/demo.png', import.meta.url).pathname;
const flags = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'];
flags.push('--disable-component-update', '--disable-sync');

const demo = await startDemo({ consumer: false, log: () => {} });
const profile = mkdtempSync(join(tmpdir(), 'sqs-redrive-chromium-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: flags,
  viewport: { width: 1360, height: 860 },
  deviceScaleFactor: 1,
});
try {
  const page = await browser.newPage();
  await page.goto(demo.url);
  const post = page.locator('#messages .msg', { hasText: 'orders-dlq has 300 messages waiting' });
  await post.getByRole('button', { name: 'Redrive → orders' }).click();
  await page.locator('#confirm.open').getByRole('button', { name: 'Redrive', exact: true }).click();
  await post.locator('.replies').click();
  await page.locator('#thread-messages .msg', { hasText: 'Tally for orders-dlq → orders' }).waitFor();
  await page.locator('#thread-messages').evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await page.screenshot({ path: out });
  process.stdout.write(`wrote ${out}\n`);
} finally {
  await browser.close();
  await demo.stop();
  rmSync(profile, { recursive: true, force: true });
}

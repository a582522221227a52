// The whole bot, started in-process on 127.0.0.1 against fauxqs and the fake Slack Web API, plus helpers to drive it.

import { setTimeout as sleep } from 'node:timers/promises';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { type RunningBot, startBot } from '../../src/bot.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import type { RedriveRecord, RedriveStore } from '../../src/store/types.ts';
import { type Ephemeral, type FakeSlack, startFakeSlack } from './fake-slack.ts';
import { blockAction, postInteraction, postSlashCommand, type SlackResponse } from './slack-requests.ts';
import { type Fauxqs, startFauxqsPeer } from './sqs-peers.ts';

export const SECRET = 'test-signing-secret';
export const CHANNEL = 'C0OPS';

export interface Harness {
  readonly sqs: Fauxqs;
  readonly slack: FakeSlack;
  readonly bot: RunningBot;
  readonly url: string;
  /** Log lines the bot wrote (JSON), to prove what is and is not logged. */
  readonly logs: string[];
  command(text: string, user?: string, channel?: string): Promise<SlackResponse>;
  click(input: {
    actionId: string;
    value?: string;
    user?: string;
    messageTs?: string;
    ephemeral?: boolean;
  }): Promise<SlackResponse>;
  /** Waits until the newest redrive of this source queue has ended, and returns its record. */
  outcome(sourceName: string, timeoutMs?: number): Promise<RedriveRecord>;
  /** Waits for an ephemeral to this user whose text matches. */
  ephemeral(user: string, match: RegExp, timeoutMs?: number): Promise<Ephemeral>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  readonly env?: Record<string, string>;
  readonly cloudwatch?: CloudWatchClient;
  readonly store?: RedriveStore;
  readonly sqs?: Fauxqs;
  readonly slack?: FakeSlack;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sqs = options.sqs ?? (await startFauxqsPeer());
  const slack = options.slack ?? (await startFakeSlack());
  const logs: string[] = [];
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    REDRIVE_DB: ':memory:',
    LOG_LEVEL: 'debug',
    ...options.env,
  });
  const bot = await startBot(config, {
    sqs: sqs.sqs,
    host: '127.0.0.1',
    progressIntervalMs: 20,
    bounceIntervalMs: 100,
    logger: createLogger('debug', (line) => logs.push(line)),
    ...(options.store ? { store: options.store } : {}),
    ...(options.cloudwatch ? { cloudwatch: options.cloudwatch } : {}),
  });
  const url = `http://127.0.0.1:${bot.port}`;
  return {
    sqs,
    slack,
    bot,
    url,
    logs,
    command: (text, user = 'U0ALICE', channel = CHANNEL) =>
      postSlashCommand(url, SECRET, {
        text,
        user_id: user,
        channel_id: channel,
        response_url: slack.responseUrl({ channel, user }),
      }),
    click: ({ actionId, value, user = 'U0ALICE', messageTs = '1.000001', ephemeral = true }) =>
      postInteraction(
        url,
        SECRET,
        blockAction({
          actionId,
          ...(value !== undefined ? { value } : {}),
          user,
          channel: CHANNEL,
          messageTs,
          ephemeral,
          responseUrl: slack.responseUrl({ channel: CHANNEL, user, messageTs }),
        }),
      ),
    async outcome(sourceName, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const [record] = await bot.deps.store.listRedrives({ queue: sourceName, limit: 1 });
        if (record && record.status !== 'running') {
          await bot.deps.service.finished(record.id);
          return record;
        }
        await sleep(20);
      }
      throw new Error(`the redrive of ${sourceName} did not end in ${timeoutMs} ms`);
    },
    async ephemeral(user, match, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = slack.ephemerals(user).find((e) => match.test(e.text));
        if (found) return found;
        await sleep(10);
      }
      const seen = slack.ephemerals(user).map((e) => e.text.slice(0, 200));
      throw new Error(`no ephemeral to ${user} matching ${match}; saw: ${JSON.stringify(seen)}`);
    },
    async stop() {
      await bot.stop();
      if (!options.slack) await slack.close();
      if (!options.sqs) await sqs.stop();
    },
  };
}

/** Every button in some blocks, flattened. */
export function buttonsIn(blocks: unknown[] | undefined): { action_id: string; value?: string; text: string }[] {
  const out: { action_id: string; value?: string; text: string }[] = [];
  for (const block of (blocks ?? []) as { type: string; elements?: unknown[]; accessory?: unknown }[]) {
    const elements = [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])] as {
      type: string;
      action_id: string;
      value?: string;
      text?: { text: string };
    }[];
    for (const e of elements) {
      if (e.type === 'button')
        out.push({ action_id: e.action_id, ...(e.value ? { value: e.value } : {}), text: e.text?.text ?? '' });
    }
  }
  return out;
}

export async function until<T>(probe: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    await sleep(10);
  }
  throw new Error(`timed out waiting for ${what}`);
}

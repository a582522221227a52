// Starts the real bot for the demo: HTTP mode on 127.0.0.1, the fake Slack as its Web API, the demo SQS and
// CloudWatch endpoints, throwaway secrets, a temporary store and a rules file that lets everyone redrive and peek.

import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { type RunningBot, startBot } from '../bot.ts';
import { loadConfig } from '../config.ts';
import type { AppLogger } from '../logger.ts';
import { DEMO_CREDENTIALS, DEMO_REGION } from './sqs/demo-sqs.ts';

export interface DemoBotOptions {
  /** The fake Slack's Web API base (ends in /api/). */
  readonly slackApiUrl: string;
  readonly channel: string;
  readonly sqsEndpoint: string;
  readonly cloudwatchEndpoint: string;
  /** Where the store and the rules file go (a temporary directory the caller removes). */
  readonly dataDir: string;
  readonly logger: AppLogger;
  /** Least time between two progress edits in a thread (default 500 ms). */
  readonly progressIntervalMs?: number;
}

export interface DemoBot {
  readonly bot: RunningBot;
  /** `http://127.0.0.1:PORT`: /slack/events, /aws/events. */
  readonly url: string;
  readonly signingSecret: string;
  /** The EventBridge connection's API key: header and value. */
  readonly eventsHeader: { readonly name: string; readonly value: string };
  stop(): Promise<void>;
}

const RULES = `# The demo lets everyone redrive any queue and peek at messages.
rules:
  - name: demo-everyone
    queues: ["*"]
    users: ["*"]
    peek: true
`;

const secret = (bytes = 24) => randomBytes(bytes).toString('hex');

export async function startDemoBot(options: DemoBotOptions): Promise<DemoBot> {
  // Moves run in worker threads that build their own SQS client from the environment: point it at the emulator.
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_SQS: options.sqsEndpoint,
    AWS_ACCESS_KEY_ID: DEMO_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: DEMO_CREDENTIALS.secretAccessKey,
    AWS_REGION: DEMO_REGION,
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  const rulesPath = join(options.dataDir, 'rules.yaml');
  writeFileSync(rulesPath, RULES);
  const signingSecret = secret();
  const eventsToken = secret();
  const config = loadConfig({
    SLACK_BOT_TOKEN: `xoxb-demo-${secret(8)}`,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: options.slackApiUrl,
    PORT: '0',
    REDRIVE_DB: join(options.dataDir, 'redrive.db'),
    REDRIVE_RULES: rulesPath,
    REDRIVE_ALARM_CHANNEL: options.channel,
    REDRIVE_EVENTS_TOKEN: eventsToken,
  });
  const cloudwatch = new CloudWatchClient({
    endpoint: options.cloudwatchEndpoint,
    region: DEMO_REGION,
    credentials: DEMO_CREDENTIALS,
    maxAttempts: 1,
  });
  const bot = await startBot(config, {
    host: '127.0.0.1',
    cloudwatch,
    logger: options.logger,
    progressIntervalMs: options.progressIntervalMs ?? 500,
  });
  return {
    bot,
    url: `http://127.0.0.1:${bot.port}`,
    signingSecret,
    eventsHeader: { name: config.alarms.eventsHeader, value: eventsToken },
    async stop() {
      await bot.stop();
      cloudwatch.destroy();
    },
  };
}

// The whole demo in one process, on 127.0.0.1 only: SQS emulator with demo queues, the fake Slack with its web page,
// the real bot wired to both, a simulated CloudWatch alarm on orders-dlq and a consumer for orders.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, type Level } from '../logger.ts';
import { alarmStateChange, deliverEvent } from './cloudwatch/alarm-event.ts';
import { startMetricsApi } from './cloudwatch/metrics-api.ts';
import { createSimulatedAlarm, type SimulatedAlarm } from './cloudwatch/simulated-alarm.ts';
import { type DemoBot, startDemoBot } from './demo-bot.ts';
import { type ExtraRoutes, type FakeSlack, startFakeSlack } from './slack/fake-slack-server.ts';
import { DEMO_ACCOUNT, DEMO_REGION, type DemoSqs, QUEUES, startDemoSqs } from './sqs/demo-sqs.ts';
import { type OrdersConsumer, startOrdersConsumer } from './sqs/orders-consumer.ts';
import { pageRoutes } from './web/page-routes.ts';

export const DEMO_CHANNEL = { id: 'C0DLQALERTS', name: 'dlq-alerts' } as const;
export const DEMO_USER = { id: 'U0YOU', name: 'you' } as const;
export const DEMO_ALARM = 'orders-dlq-not-empty';

export interface DemoOptions {
  /** Port of the page (and fake Slack) on 127.0.0.1; default any free port. */
  readonly port?: number;
  /** Failed orders in orders-dlq at the start (default 300). */
  readonly orders?: number;
  /** Added to every SQS call, so a move takes a visible moment (default 100 ms). */
  readonly sqsLatencyMs?: number;
  /** How often the simulated CloudWatch samples orders-dlq (default 1 s). */
  readonly alarmIntervalMs?: number;
  /** Run a consumer that processes what lands in orders (default true). */
  readonly consumer?: boolean;
  readonly logLevel?: Level;
  /** Where log lines (JSON, never secrets or message bodies) go; default stderr. */
  readonly log?: (line: string) => void;
}

export interface Demo {
  /** The page: `http://127.0.0.1:PORT/`. */
  readonly url: string;
  readonly sqs: DemoSqs;
  readonly slack: FakeSlack;
  readonly bot: DemoBot;
  readonly alarm: SimulatedAlarm;
  readonly consumer: OrdersConsumer | undefined;
  stop(): Promise<void>;
}

export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const logger = createLogger(options.logLevel ?? 'warn', options.log);
  const cleanups: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const dataDir = mkdtempSync(join(tmpdir(), 'sqs-redrive-demo-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const sqs = await startDemoSqs({
      ...(options.orders !== undefined ? { orders: options.orders } : {}),
      latencyMs: options.sqsLatencyMs ?? 100,
    });
    cleanups.push(() => sqs.stop());

    let bot: DemoBot | undefined;
    const alarm = createSimulatedAlarm({
      queueName: QUEUES.ordersDlq,
      depth: async () => (await sqs.counts(QUEUES.ordersDlq)).visible,
      intervalMs: options.alarmIntervalMs ?? 1000,
      backfillMs: 50 * 60_000,
      deliver: async (change) => {
        if (!bot) throw new Error('the bot is not running yet');
        const event = alarmStateChange({
          ...change,
          alarmName: DEMO_ALARM,
          queueName: QUEUES.ordersDlq,
          threshold: 1,
          region: DEMO_REGION,
          account: DEMO_ACCOUNT,
        });
        await deliverEvent(`${bot.url}/aws/events`, bot.eventsHeader, event);
        logger.info('demo: alarm state delivered', { alarm: DEMO_ALARM, state: change.state, depth: change.depth });
      },
      onError: (err) => logger.warn('demo: the simulated alarm could not deliver', { error: String(err) }),
    });
    const metrics = await startMetricsApi(new Map([[QUEUES.ordersDlq, alarm]]));
    cleanups.push(() => metrics.stop());

    // The page's routes need the fake's model, and the bot needs the fake's URL: bind both late.
    let routes: ExtraRoutes = async () => false;
    const slack = await startFakeSlack({
      ...(options.port !== undefined ? { port: options.port } : {}),
      routes: (req, res, url) => routes(req, res, url),
    });
    cleanups.push(() => slack.close());
    slack.setUser({ id: DEMO_USER.id, name: DEMO_USER.name, realName: 'You (demo)' });
    slack.setUser({ id: slack.identity.botUserId, name: 'sqs-redrive' });
    routes = pageRoutes({
      model: slack.model,
      channel: DEMO_CHANNEL,
      me: DEMO_USER,
      bot: { id: slack.identity.botUserId, name: 'sqs-redrive' },
      responseUrl: (context) => slack.responseUrl(context),
      target: () => bot && { url: bot.url, signingSecret: bot.signingSecret },
      logger,
    });

    bot = await startDemoBot({
      slackApiUrl: slack.apiUrl,
      channel: DEMO_CHANNEL.id,
      sqsEndpoint: sqs.endpoint,
      cloudwatchEndpoint: metrics.endpoint,
      dataDir,
      logger,
    });
    const running = bot;
    cleanups.push(() => running.stop());

    alarm.start();
    cleanups.push(() => alarm.stop());
    const consumer =
      options.consumer === false
        ? undefined
        : startOrdersConsumer(sqs.sqs, sqs.queueUrl(QUEUES.orders), (err) =>
            logger.warn('demo: the orders consumer failed', { error: String(err) }),
          );
    if (consumer) cleanups.push(() => consumer.stop());

    return { url: `${slack.baseUrl}/`, sqs, slack, bot: running, alarm, consumer, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

// Wires the bot together: store, SQS, redrive service, Slack app; recovers moves a restart interrupted.

import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { App } from '@slack/bolt';
import { createCloudWatchClient } from './aws/cloudwatch-client.ts';
import { createSqsClient } from './aws/sqs-client.ts';
import type { Config } from './config.ts';
import type { AlarmSink } from './core/alarms/alarm.ts';
import { type AlarmPoller, createAlarmPoller } from './core/alarms/alarm-poller.ts';
import { storedPollState } from './core/alarms/alarm-posts.ts';
import { RedriveService } from './core/job/redrive-service.ts';
import { createEngine } from './core/mover/engines.ts';
import { findRunningMoveTask, followMoveTask } from './core/mover/native-engine.ts';
import { resolveQueue } from './core/queues/resolve.ts';
import { alarmRoutes } from './http/alarm-routes.ts';
import { type AppLogger, createLogger } from './logger.ts';
import { createAlarmSink } from './slack/alarms/alarm-sink.ts';
import { postDepthChart } from './slack/alarms/depth-chart.ts';
import { createSlackApp, startSlackApp } from './slack/app.ts';
import type { BotDeps } from './slack/deps.ts';
import { createThreadReporter } from './slack/thread-reporter.ts';
import { createUserGroups } from './slack/user-groups.ts';
import { openSqliteStore } from './store/sqlite-store.ts';
import type { RedriveStore } from './store/types.ts';
import { createThreadedEngine } from './workers/threaded-engine.ts';

export interface BotOverrides {
  readonly sqs?: SQSClient;
  readonly cloudwatch?: CloudWatchClient;
  readonly store?: RedriveStore;
  readonly logger?: AppLogger;
  /** Listen address in HTTP mode (default all interfaces; tests use 127.0.0.1). */
  readonly host?: string;
  /** Least time between two progress edits in a thread (default 2 s). */
  readonly progressIntervalMs?: number;
  /** How often to look for bounces after a redrive (default 30 s). */
  readonly bounceIntervalMs?: number;
}

export interface RunningBot {
  readonly app: App;
  readonly deps: BotDeps;
  /** Where every alarm intake delivers. */
  readonly alarmSink: AlarmSink;
  /** The CloudWatch poller, when REDRIVE_POLL_SECONDS is set. */
  readonly poller: AlarmPoller | undefined;
  /** The HTTP port (HTTP mode), resolved when PORT is 0. */
  readonly port: number | undefined;
  stop(): Promise<void>;
}

export async function startBot(config: Config, overrides: BotOverrides = {}): Promise<RunningBot> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const store = overrides.store ?? openSqliteStore(config.dbPath);
  const sqs = overrides.sqs ?? createSqsClient();
  const alarmsOn =
    config.alarms.snsTopics.length > 0 || config.alarms.eventsToken !== undefined || config.alarms.pollSeconds > 0;
  const cloudwatch = overrides.cloudwatch ?? (alarmsOn ? createCloudWatchClient() : undefined);
  const service = new RedriveService({
    store,
    logger,
    // Moves run in worker threads so the event loop answers Slack at once; an injected client (tests) stays here.
    engineFor: (plan) => (overrides.sqs ? createEngine(sqs, plan.engine) : createThreadedEngine(plan.engine)),
    ...(overrides.progressIntervalMs !== undefined ? { progressIntervalMs: overrides.progressIntervalMs } : {}),
  });
  const lifetime = new AbortController();
  const deps: BotDeps = {
    sqs,
    ...(cloudwatch ? { cloudwatch } : {}),
    store,
    service,
    rules: config.rules,
    confirmAbove: config.confirmAbove,
    userGroups: createUserGroups(config.rules),
    logger,
    bounce: { minutes: config.alarms.bounceMinutes, intervalMs: overrides.bounceIntervalMs ?? 30_000 },
    lifetime: lifetime.signal,
  };
  // The intakes are routes of the app's own HTTP server, and the sink posts with the app's client: bind late.
  let deliver: AlarmSink = async () => {};
  const routes = alarmRoutes(config.alarms, (alarm) => deliver(alarm), logger);
  const app = createSlackApp({ slack: config.slack, deps, customRoutes: routes, port: config.port });
  const alarmSink = createAlarmSink(deps, {
    client: app.client,
    channel: config.alarms.channel,
    ...(cloudwatch
      ? {
          chart: async (channel, threadTs, alarm) =>
            void (await postDepthChart(app.client, cloudwatch, { channel, threadTs }, alarm)),
        }
      : {}),
  });
  deliver = alarmSink;
  const poller =
    cloudwatch && config.alarms.pollSeconds > 0
      ? createAlarmPoller({
          cloudwatch,
          intervalSec: config.alarms.pollSeconds,
          ...(config.alarms.prefix ? { prefix: config.alarms.prefix } : {}),
          sink: alarmSink,
          logger,
          store: storedPollState(store),
        })
      : undefined;
  const port = await startSlackApp(app, config.slack, {
    port: config.port,
    ...(overrides.host ? { host: overrides.host } : {}),
  });
  const recovered = await service.recover(
    (record) => createThreadReporter(app.client, { engineReason: String(record.options.engineReason ?? '') }),
    async (record, signal, onProgress) => {
      const source = await resolveQueue(sqs, record.sourceArn);
      // The handle is stored when a move ends; after a crash mid-move, the task still running in SQS is the one.
      const taskHandle = record.taskHandle ?? (await findRunningMoveTask(sqs, source))?.TaskHandle;
      if (!taskHandle) throw new Error(`no move task is running for ${source.name} any more`);
      return followMoveTask(sqs, { source, taskHandle, signal, onProgress });
    },
  );
  if (recovered.length > 0) logger.info('recovered redrives after a restart', { count: recovered.length });
  poller?.start();
  logger.info('sqs-redrive is running', { mode: config.slack.mode, port });

  return {
    app,
    deps,
    alarmSink,
    poller,
    port,
    async stop() {
      lifetime.abort();
      await poller?.stop();
      await service.shutdown();
      await app.stop();
      await store.close();
      if (!overrides.sqs) sqs.destroy();
      if (!overrides.cloudwatch) cloudwatch?.destroy();
    },
  };
}

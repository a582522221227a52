// Wires the bot together: store, SQS, redrive service, Slack app; recovers moves a restart interrupted.

import type { SQSClient } from '@aws-sdk/client-sqs';
import type { App } from '@slack/bolt';
import { createSqsClient } from './aws/clients.ts';
import type { Config } from './config.ts';
import type { AlarmSink } from './core/alarms/alarm.ts';
import { RedriveService } from './core/job/redrive-service.ts';
import { createEngine } from './core/mover/engines.ts';
import { findRunningMoveTask, followMoveTask } from './core/mover/native-engine.ts';
import { resolveQueue } from './core/queues/resolve.ts';
import { type AppLogger, createLogger } from './logger.ts';
import { createAlarmSink } from './slack/alarms/alarm-sink.ts';
import { createSlackApp, startSlackApp } from './slack/app.ts';
import type { BotDeps } from './slack/deps.ts';
import { createThreadReporter } from './slack/thread-reporter.ts';
import { createUserGroups } from './slack/user-groups.ts';
import { openSqliteStore } from './store/sqlite-store.ts';
import type { RedriveStore } from './store/types.ts';

export interface BotOverrides {
  readonly sqs?: SQSClient;
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
  /** The HTTP port (HTTP mode), resolved when PORT is 0. */
  readonly port: number | undefined;
  stop(): Promise<void>;
}

export async function startBot(config: Config, overrides: BotOverrides = {}): Promise<RunningBot> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const store = overrides.store ?? openSqliteStore(config.dbPath);
  const sqs = overrides.sqs ?? createSqsClient();
  const service = new RedriveService({
    store,
    logger,
    engineFor: (plan) => createEngine(sqs, plan.engine),
    ...(overrides.progressIntervalMs !== undefined ? { progressIntervalMs: overrides.progressIntervalMs } : {}),
  });
  const lifetime = new AbortController();
  const deps: BotDeps = {
    sqs,
    store,
    service,
    rules: config.rules,
    confirmAbove: config.confirmAbove,
    userGroups: createUserGroups(config.rules),
    logger,
    bounce: { minutes: config.alarms.bounceMinutes, intervalMs: overrides.bounceIntervalMs ?? 30_000 },
    lifetime: lifetime.signal,
  };
  const app = createSlackApp({ slack: config.slack, deps });
  const alarmSink = createAlarmSink(deps, { client: app.client, channel: config.alarms.channel });
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
  logger.info('sqs-redrive is running', { mode: config.slack.mode, port });

  return {
    app,
    deps,
    alarmSink,
    port,
    async stop() {
      lifetime.abort();
      await service.shutdown();
      await app.stop();
      await store.close();
      if (!overrides.sqs) sqs.destroy();
    },
  };
}

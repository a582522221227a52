// Builds the Bolt app (HTTP receiver by default, Socket Mode with an app token) and registers every listener.

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AnyMiddlewareArgs, App, type CustomRoute, type Middleware } from '@slack/bolt';
import type { SlackConfig } from '../config.ts';
import { type AppLogger, LogLevel } from '../logger.ts';
import { register as registerActions } from './actions/index.ts';
import { register as registerCommands } from './commands/index.ts';
import type { BotDeps } from './deps.ts';
import { register as registerEvents } from './events/index.ts';

export interface SlackAppOptions {
  readonly slack: SlackConfig;
  readonly deps: BotDeps;
  /** Extra HTTP routes on the same server (the AWS alarm intakes). */
  readonly customRoutes?: CustomRoute[];
  /** Port of those routes in Socket Mode (in HTTP mode they share the Slack server). */
  readonly port?: number;
}

export function createSlackApp({ slack, deps, customRoutes = [], port }: SlackAppOptions): App {
  const clientOptions = slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {};
  const common = { token: slack.botToken, logger: boltLogger(deps.logger), clientOptions, customRoutes };
  const app =
    slack.mode === 'socket'
      ? new App({
          ...common,
          socketMode: true,
          ...(slack.appToken ? { appToken: slack.appToken } : {}),
          ...(customRoutes.length > 0 && port !== undefined ? { installerOptions: { port } } : {}),
        })
      : new App({ ...common, ...(slack.signingSecret ? { signingSecret: slack.signingSecret } : {}) });
  app.use(ignoreSlackRetries(deps));
  registerCommands(app, deps);
  registerActions(app, deps);
  registerEvents(app, deps);
  app.error(async (error) => {
    deps.logger.error('unhandled error in a Slack listener', { error: error.message, code: error.code });
  });
  return app;
}

/**
 * Slack resends a request it thinks we missed (x-slack-retry-num). Every listener acks at once and does its work
 * after the ack, so a retry is always a duplicate: ack it and do nothing, never start a second move.
 */
function ignoreSlackRetries(deps: BotDeps): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const { context, next } = args;
    if (context.retryNum === undefined) {
      await next();
      return;
    }
    deps.logger.info('ignored a Slack retry', { retryNum: context.retryNum, reason: context.retryReason });
    if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
  };
}

/** Starts the app; in HTTP mode returns the port it listens on (useful with port 0). */
export async function startSlackApp(
  app: App,
  slack: SlackConfig,
  listen: { readonly port: number; readonly host?: string },
): Promise<number | undefined> {
  if (slack.mode === 'socket') {
    await app.start(listen.port);
    return undefined;
  }
  const server = (await app.start({ port: listen.port, host: listen.host ?? '0.0.0.0' })) as Server;
  return (server.address() as AddressInfo).port;
}

/**
 * The logger Bolt and its Web API client get: ours, without their debug lines (those carry whole request bodies,
 * e.g. peeked messages), and deaf to Bolt setting its level (ours stays the configured one).
 */
function boltLogger(logger: AppLogger): AppLogger {
  return { ...logger, debug: () => {}, setLevel: () => {}, getLevel: () => LogLevel.INFO };
}

// A real Bolt App (HTTP receiver) on 127.0.0.1:0 serving only the given custom routes, for route tests.

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type CustomRoute, LogLevel } from '@slack/bolt';

export interface RoutesServer {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  post(path: string, body: string, headers?: Record<string, string>): Promise<{ status: number; json: unknown }>;
  close(): Promise<void>;
}

export async function startRoutes(customRoutes: CustomRoute[]): Promise<RoutesServer> {
  const app = new App({
    token: 'xoxb-not-used',
    signingSecret: 'not-used-signing-secret',
    tokenVerificationEnabled: false,
    customRoutes,
    logLevel: LogLevel.ERROR,
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    async post(path, body, headers = {}) {
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=UTF-8', ...headers },
        body,
      });
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = text;
      }
      return { status: response.status, json };
    },
    async close() {
      server.closeAllConnections();
      await app.stop();
    },
  };
}

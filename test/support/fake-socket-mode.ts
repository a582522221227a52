// Local Socket Mode server (ws on 127.0.0.1): says hello, sends envelopes, returns the app's acks.

import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

/** What the app sent back for an envelope: its id and, for commands and interactions, the ack's body. */
export interface SocketAck {
  readonly envelope_id: string;
  readonly payload?: Record<string, unknown>;
}

export interface FakeSocketMode {
  /** The ws:// URL the fake Web API hands out from apps.connections.open. */
  readonly url: string;
  /** Open connections. */
  connections(): number;
  /** Resolves once a client is connected and has been greeted with `hello`. */
  waitForConnection(timeoutMs?: number): Promise<void>;
  /** Sends one envelope to the newest client and resolves with its ack (rejects after timeoutMs, default 3000). */
  sendEnvelope(
    type: EnvelopeType,
    payload: Record<string, unknown>,
    opts?: { readonly timeoutMs?: number; readonly retryAttempt?: number; readonly retryReason?: string },
  ): Promise<SocketAck>;
  /** Waits for clients to close first (stop the app before), then closes the server; stragglers are cut after graceMs. */
  close(graceMs?: number): Promise<void>;
}

export async function startFakeSocketMode(appId = 'A0FAKE'): Promise<FakeSocketMode> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(wss, 'listening');
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link/`;
  const clients: WebSocket[] = [];
  const pending = new Map<string, (ack: SocketAck) => void>();

  wss.on('connection', (ws) => {
    clients.push(ws);
    ws.on('close', () => clients.splice(clients.indexOf(ws), 1));
    ws.on('message', (data) => {
      let ack: SocketAck;
      try {
        ack = JSON.parse(String(data)) as SocketAck;
      } catch {
        return;
      }
      pending.get(ack.envelope_id)?.(ack);
      pending.delete(ack.envelope_id);
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: clients.length,
        debug_info: { host: 'fake-socket-mode', build_number: 1, approximate_connection_time: 3600 },
        connection_info: { app_id: appId },
      }),
    );
  });

  const live = () => clients.filter((c) => c.readyState === c.OPEN);

  return {
    url,
    connections: () => live().length,
    async waitForConnection(timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      while (live().length === 0) {
        if (Date.now() > deadline) throw new Error(`No Socket Mode client connected within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    sendEnvelope(type, payload, opts = {}) {
      const client = live().at(-1);
      if (!client) return Promise.reject(new Error('No Socket Mode client is connected'));
      const envelopeId = randomUUID();
      const timeoutMs = opts.timeoutMs ?? 3000;
      return new Promise<SocketAck>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(envelopeId);
          reject(new Error(`No ack for ${type} envelope ${envelopeId} within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(envelopeId, (ack) => {
          clearTimeout(timer);
          resolve(ack);
        });
        client.send(
          JSON.stringify({
            envelope_id: envelopeId,
            type,
            payload,
            accepts_response_payload: type !== 'events_api',
            ...(type === 'events_api'
              ? { retry_attempt: opts.retryAttempt ?? 0, retry_reason: opts.retryReason ?? '' }
              : {}),
          }),
        );
      });
    },
    async close(graceMs = 2000) {
      const deadline = Date.now() + graceMs;
      while (clients.length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      for (const c of [...clients]) c.terminate();
      await new Promise<void>((resolve, reject) => wss.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

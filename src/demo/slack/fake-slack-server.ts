// Local stand-in for Slack's Web API and response_url endpoints (node:http on 127.0.0.1), over a SlackModel; used
// by the tests and, with extra routes for its web page, by `npm run demo`.

import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { answerMethod } from './slack-methods.ts';
import {
  type ApiCall,
  type Args,
  type Ephemeral,
  type FakeUser,
  type Identity,
  type ResponseContext,
  SlackModel,
  type StoredMessage,
  type UploadedFile,
} from './slack-model.ts';

export type { ApiCall, Ephemeral, FakeUser, ResponseContext, StoredMessage, UploadedFile } from './slack-model.ts';

/** `ratelimited` answers HTTP 429 with `Retry-After` (default 1 s); any other error answers `{ ok: false, error }`. */
export type Failure = { readonly error: 'ratelimited'; readonly retryAfterSec?: number } | { readonly error: string };

export interface FakeSlack {
  /** Give to Bolt as `clientOptions.slackApiUrl`; ends in `/api/`. */
  readonly apiUrl: string;
  readonly baseUrl: string;
  readonly identity: Identity;
  readonly model: SlackModel;
  /** Every call received, oldest first, including failed attempts (`ok: false`); optionally of one method. */
  calls(method?: string): ApiCall[];
  /** Resolves with the first successful call of `method` matching `predicate`; rejects after timeoutMs listing the calls seen. */
  waitFor(method: string, predicate?: (call: ApiCall) => boolean, timeoutMs?: number): Promise<ApiCall>;
  /** Root message first, then its replies (current contents, edits applied). */
  thread(channel: string, ts: string): StoredMessage[];
  message(channel: string, ts: string): StoredMessage | undefined;
  /** Live (not deleted) ephemerals, optionally for one user. */
  ephemerals(user?: string): Ephemeral[];
  /** A fresh response_url on the fake; what is POSTed there lands in the model (see SlackModel.respond). */
  responseUrl(context?: ResponseContext): string;
  /** The next `times` calls of `method` fail with `failure`. */
  failNext(method: string, failure: Failure, times?: number): void;
  setUsergroup(id: string, users: readonly string[]): void;
  setUser(user: FakeUser): void;
  uploads(): UploadedFile[];
  /** Points apps.connections.open at a Socket Mode server (or detaches it). */
  attachSocketMode(server: { readonly url: string } | undefined): void;
  reset(): void;
  close(): Promise<void>;
}

/** Serves one request before the fake's own routes; resolves true when it answered (e.g. the demo's web page). */
export type ExtraRoutes = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export interface FakeSlackOptions {
  readonly identity?: Partial<Identity>;
  readonly routes?: ExtraRoutes;
  /** Port on 127.0.0.1 (default 0: any free port). */
  readonly port?: number;
}

/** Nested Web API arguments the client sends as JSON strings inside a form body. */
const JSON_ARGS = new Set(['blocks', 'attachments', 'view', 'files', 'metadata', 'unfurls']);

function decodeForm(params: URLSearchParams): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [key, value] of params) {
    if (JSON_ARGS.has(key)) {
      try {
        args[key] = JSON.parse(value);
        continue;
      } catch {
        // keep the raw string; Slack would answer invalid_arguments, the model treats it as absent
      }
    }
    args[key] = value;
  }
  return args;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Parses a JSON, form-encoded or multipart body into plain args (multipart files become Buffers). */
async function parseArgs(req: IncomingMessage, raw: Buffer): Promise<Record<string, unknown>> {
  const type = req.headers['content-type'] ?? '';
  if (raw.length === 0) return {};
  if (type.includes('application/json')) return JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  if (type.includes('multipart/form-data')) {
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': type } }).formData();
    const args: Record<string, unknown> = {};
    for (const [key, value] of form) {
      args[key] = typeof value === 'string' ? value : Buffer.from(await value.arrayBuffer());
    }
    return args;
  }
  return decodeForm(new URLSearchParams(raw.toString('utf8')));
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

function describeCall(c: ApiCall): string {
  const a = c.args;
  const bits = ['channel', 'ts', 'thread_ts', 'user', 'user_id', 'text']
    .filter((k) => a[k] !== undefined)
    .map((k) => `${k}=${JSON.stringify(String(a[k])).slice(0, 60)}`);
  return `${c.method}${c.ok ? '' : ` (failed: ${c.error})`} ${bits.join(' ')}`.trim();
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const identity: Identity = {
    teamId: 'T0FAKE',
    botUserId: 'U0BOT',
    botId: 'B0BOT',
    appId: 'A0FAKE',
    ...options.identity,
  };
  const model = new SlackModel(identity);
  const failures = new Map<string, Failure[]>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (options.routes && (await options.routes(req, res, url))) return;
    const path = url.pathname;
    const raw = await readBody(req);
    if (path.startsWith('/api/')) {
      const method = path.slice('/api/'.length);
      const args = await parseArgs(req, raw);
      const failure = failures.get(method)?.shift();
      if (failure) {
        model.record(method, args, { ok: false, error: failure.error });
        if (failure.error === 'ratelimited') {
          const retryAfter =
            'retryAfterSec' in failure && failure.retryAfterSec !== undefined ? failure.retryAfterSec : 1;
          sendJson(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
        } else {
          sendJson(res, 200, { ok: false, error: failure.error });
        }
        return;
      }
      const answer = answerMethod(model, method, args);
      model.record(method, args, answer);
      sendJson(res, 200, answer);
      return;
    }
    if (path.startsWith('/upload/')) {
      const file = model.files.find((f) => f.id === path.slice('/upload/'.length));
      if (!file) {
        res.writeHead(404).end('no such upload');
        return;
      }
      const args = await parseArgs(req, raw);
      const content = Object.values(args).find((v) => Buffer.isBuffer(v));
      file.content = Buffer.isBuffer(content) ? content : raw;
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${file.content.length}`);
      return;
    }
    if (path.startsWith('/response/')) {
      const answer = model.respond(path.slice('/response/'.length), (await parseArgs(req, raw)) as Args);
      sendJson(res, answer.ok ? 200 : 404, answer);
      return;
    }
    if (path.startsWith('/archives/')) {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`permalink ${path}`);
      return;
    }
    res.writeHead(404).end('not found');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'fake_slack_error', detail: String(err) });
    });
  });
  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  model.baseUrl = baseUrl;

  const calls = (method?: string) => model.calls.filter((c) => method === undefined || c.method === method);

  return {
    apiUrl: `${baseUrl}/api/`,
    baseUrl,
    identity,
    model,
    calls,
    async waitFor(method, predicate = () => true, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = calls(method).find((c) => c.ok && predicate(c));
        if (hit) return hit;
        if (Date.now() > deadline) {
          const seen = model.calls.map(describeCall).join('\n  ') || '(none)';
          throw new Error(`No matching ${method} call within ${timeoutMs} ms. Calls seen:\n  ${seen}`);
        }
        await sleep(10);
      }
    },
    thread: (channel, ts) => model.thread(channel, ts),
    message: (channel, ts) => model.message(channel, ts),
    ephemerals: (user) => model.ephemeralMessages.filter((e) => !e.deleted && (user === undefined || e.user === user)),
    responseUrl: (context = {}) => `${baseUrl}/response/${model.newResponseUrl(context)}`,
    failNext(method, failure, times = 1) {
      const queue = failures.get(method) ?? [];
      for (let i = 0; i < times; i++) queue.push(failure);
      failures.set(method, queue);
    },
    setUsergroup: (id, users) => model.usergroups.set(id, [...users]),
    setUser: (user) => model.users.set(user.id, user),
    uploads: () => [...model.files],
    attachSocketMode(sm) {
      model.socketModeUrl = sm?.url;
    },
    reset() {
      model.reset();
      failures.clear();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

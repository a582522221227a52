// HTTP proxy in front of an SQS emulator (AWS JSON protocol) that adds latency and injects faults by rule.

import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import {
  Agent,
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** SQS actions as named in `x-amz-target: AmazonSQS.<Action>`; any other string is accepted too. */
export type SqsAction =
  | 'SendMessage'
  | 'SendMessageBatch'
  | 'ReceiveMessage'
  | 'DeleteMessage'
  | 'DeleteMessageBatch'
  | 'ChangeMessageVisibility'
  | 'ChangeMessageVisibilityBatch'
  | 'GetQueueAttributes'
  | 'GetQueueUrl'
  | 'ListQueues'
  | (string & {});

/**
 * - `http500`: 500 InternalFailure, nothing forwarded.
 * - `throttle`: 400 RequestThrottled (the SDK classifies it as throttling and retries), nothing forwarded.
 * - `drop`: the socket is destroyed, before forwarding or after the emulator carried the action out (`when`).
 * - `partialBatch`: a *Batch call is forwarded without its last entries, which are answered in `Failed`.
 */
export type Fault = 'http500' | 'throttle' | 'drop' | 'partialBatch';

export interface FaultRule {
  /** Only calls of this action; any action when absent (`partialBatch` then applies to batch calls only). */
  readonly action?: SqsAction;
  readonly fault: Fault;
  /** How many calls get the fault; unlimited when only `rate` is given, else 1. */
  readonly times?: number;
  /** Probability that a matching call gets the fault, drawn from the proxy's seeded PRNG (default 1). */
  readonly rate?: number;
  /** For `drop`: destroy the socket before forwarding or after the upstream answered (default `after`). */
  readonly when?: 'before' | 'after';
  /** For `partialBatch`: how many entries, counted from the end, fail (default half, rounded up). */
  readonly failEntries?: number;
}

export interface FaultProxyOptions {
  /** The emulator's endpoint, e.g. `http://127.0.0.1:4566`. */
  readonly upstream: string;
  /** Added to every call before it is answered or forwarded. */
  readonly delayMs?: number;
  /** Seed of the PRNG behind `rate` rules, so runs repeat (default 1). */
  readonly seed?: number;
  readonly rules?: readonly FaultRule[];
}

export interface ProxyStats {
  /** Calls received per action, faulted ones included. */
  readonly calls: Readonly<Record<string, number>>;
  /** Faults injected, keyed `Action:fault`. */
  readonly faults: Readonly<Record<string, number>>;
  readonly total: number;
}

export interface FaultProxy {
  readonly endpoint: string;
  setDelay(ms: number): void;
  addRule(rule: FaultRule): void;
  clearRules(): void;
  stats(): ProxyStats;
  resetStats(): void;
  close(): Promise<void>;
}

interface ActiveRule {
  readonly rule: FaultRule;
  left: number;
}

interface Upstream {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

interface BatchRequest {
  Entries?: { Id: string }[];
}

interface BatchResponse {
  Successful?: unknown[];
  Failed?: unknown[];
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host', 'upgrade']);
const JSON_TYPE = 'application/x-amz-json-1.0';

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.upstream);
  const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  const random = mulberry32(options.seed ?? 1);
  let delayMs = options.delayMs ?? 0;
  let rules: ActiveRule[] = [];
  let calls: Record<string, number> = {};
  let faults: Record<string, number> = {};
  let total = 0;

  const addRule = (rule: FaultRule) => {
    const left = rule.times ?? (rule.rate === undefined ? 1 : Number.POSITIVE_INFINITY);
    rules.push({ rule, left });
  };
  for (const rule of options.rules ?? []) addRule(rule);

  const pickFault = (action: string, batch: boolean): FaultRule | undefined => {
    for (const active of rules) {
      const { rule } = active;
      if (active.left <= 0) continue;
      if (rule.action !== undefined && rule.action !== action) continue;
      if (rule.fault === 'partialBatch' && !batch) continue;
      if (rule.rate !== undefined && random() >= rule.rate) continue;
      active.left -= 1;
      faults[`${action}:${rule.fault}`] = (faults[`${action}:${rule.fault}`] ?? 0) + 1;
      return rule;
    }
    return undefined;
  };

  const forward = async (req: IncomingMessage, body: Buffer): Promise<Upstream> => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    }
    headers['content-length'] = String(body.length);
    const upstreamReq = request({
      agent,
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers,
    });
    upstreamReq.end(body);
    const [res] = (await once(upstreamReq, 'response')) as [IncomingMessage];
    return { status: res.statusCode ?? 502, headers: res.headers, body: await readAll(res) };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readAll(req);
    const action = actionOf(req.headers['x-amz-target']);
    total += 1;
    calls[action] = (calls[action] ?? 0) + 1;
    if (delayMs > 0) await sleep(delayMs);
    const fault = pickFault(action, action.endsWith('Batch'));

    if (fault?.fault === 'http500') return sendError(res, 500, 'InternalFailure', 'Receiver', 'Injected failure');
    if (fault?.fault === 'throttle') {
      return sendError(res, 400, 'com.amazonaws.sqs#RequestThrottled', 'Sender', 'Rate exceeded', 'RequestThrottled');
    }
    if (fault?.fault === 'drop' && fault.when === 'before') return void req.socket.destroy();
    if (fault?.fault === 'partialBatch') return partialBatch(req, res, body, fault);

    const upstream = await forward(req, body);
    if (fault?.fault === 'drop') return void req.socket.destroy();
    reply(res, upstream.status, upstream.headers, upstream.body);
  };

  const partialBatch = async (req: IncomingMessage, res: ServerResponse, body: Buffer, rule: FaultRule) => {
    const input = JSON.parse(body.toString('utf8')) as BatchRequest;
    const entries = input.Entries ?? [];
    const failCount = Math.min(entries.length, rule.failEntries ?? Math.ceil(entries.length / 2));
    const kept = entries.slice(0, entries.length - failCount);
    const failed = entries.slice(kept.length).map((entry) => ({
      Id: entry.Id,
      SenderFault: false,
      Code: 'InternalError',
      Message: 'Injected partial batch failure',
    }));
    let output: BatchResponse = { Successful: [], Failed: [] };
    if (kept.length > 0) {
      const upstream = await forward(req, Buffer.from(JSON.stringify({ ...input, Entries: kept })));
      if (upstream.status !== 200) return reply(res, upstream.status, upstream.headers, upstream.body);
      output = JSON.parse(upstream.body.toString('utf8')) as BatchResponse;
    }
    const merged = { ...output, Successful: output.Successful ?? [], Failed: [...(output.Failed ?? []), ...failed] };
    reply(res, 200, { 'content-type': JSON_TYPE }, Buffer.from(JSON.stringify(merged)));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent || res.destroyed) return void res.destroy();
      sendError(res, 502, 'ProxyError', 'Receiver', err instanceof Error ? err.message : String(err));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    setDelay(ms) {
      delayMs = ms;
    },
    addRule,
    clearRules() {
      rules = [];
    },
    stats() {
      return { calls: { ...calls }, faults: { ...faults }, total };
    },
    resetStats() {
      calls = {};
      faults = {};
      total = 0;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      agent.destroy();
      await closed;
    },
  };
}

function actionOf(target: string | string[] | undefined): string {
  const value = Array.isArray(target) ? target[0] : target;
  if (!value) return 'Unknown';
  const dot = value.lastIndexOf('.');
  return dot >= 0 ? value.slice(dot + 1) : value;
}

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function reply(res: ServerResponse, status: number, headers: IncomingHttpHeaders, body: Buffer): void {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  out['content-length'] = String(body.length);
  res.writeHead(status, out);
  res.end(body);
}

/** An AWS JSON error the way SQS sends one: `__type` in the body, the query-compatible code in a header. */
function sendError(res: ServerResponse, status: number, type: string, kind: string, message: string, code = type) {
  const body = Buffer.from(JSON.stringify({ __type: type, message }));
  reply(
    res,
    status,
    { 'content-type': JSON_TYPE, 'x-amzn-query-error': `${code};${kind}`, 'x-amzn-requestid': randomUUID() },
    body,
  );
}

/** Small seeded PRNG (mulberry32): the same seed gives the same fault pattern. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Benchmark plumbing: fauxqs in this process behind the delaying proxy, seeded queues, timed child movers, checks.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { type FauxqsServer, startFauxqs } from 'fauxqs';
import { type FaultProxy, startFaultProxy } from '../test/support/fault-proxy.ts';
import { onLoopback } from '../test/support/loopback.ts';

export const REPO_ROOT = new URL('..', import.meta.url).pathname;
const TIME_BIN = '/usr/bin/time';

export interface World {
  readonly server: FauxqsServer;
  readonly proxy: FaultProxy;
  /** Environment for a mover child: every SQS call goes through the proxy. */
  readonly env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export interface QueuePair {
  readonly src: string;
  readonly dst: string;
  readonly srcUrl: string;
  readonly dstUrl: string;
}

/** fauxqs in-process, with the proxy in front adding `latencyMs` to every call. */
export async function startWorld(latencyMs: number): Promise<World> {
  const server = await onLoopback(() => startFauxqs({ port: 0, logger: false }));
  const proxy = await startFaultProxy({ upstream: `http://127.0.0.1:${server.port}`, delayMs: latencyMs });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ENDPOINT_URL_SQS: proxy.endpoint,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
  };
  for (const name of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL', 'AWS_DEFAULT_REGION']) delete env[name];
  return {
    server,
    proxy,
    env,
    async close() {
      await proxy.close();
      await server.stop();
    },
  };
}

let pairNo = 0;

/** A fresh source queue holding `count` messages (each with two attributes) and an empty destination. */
export function seedQueues(server: FauxqsServer, count: number): QueuePair {
  pairNo += 1;
  const src = `bench-src-${pairNo}`;
  const dst = `bench-dst-${pairNo}`;
  const srcUrl = server.createQueue(src).queueUrl;
  const dstUrl = server.createQueue(dst).queueUrl;
  for (let i = 0; i < count; i += 1) {
    server.sendMessage(src, bodyOf(i), {
      messageAttributes: {
        source: { DataType: 'String', StringValue: 'orders-service' },
        attempt: { DataType: 'Number', StringValue: String(1 + (i % 3)) },
      },
    });
  }
  return { src, dst, srcUrl, dstUrl };
}

export function dropQueues(server: FauxqsServer, pair: QueuePair): void {
  server.deleteQueue(pair.src);
  server.deleteQueue(pair.dst);
}

/** A ~250-byte JSON body, unique per index, so the destination can be checked message by message. */
export function bodyOf(i: number): string {
  return JSON.stringify({
    orderId: `order-${String(i).padStart(7, '0')}`,
    customer: `customer-${i % 997}`,
    items: [{ sku: `sku-${i % 101}`, qty: 1 + (i % 5) }],
    note: 'benchmark message for sqs-redrive; the payload is opaque to the mover and only has to arrive intact',
  });
}

export interface Verified {
  /** Every destination message kept both seeded attributes. */
  readonly attributesKept: boolean;
}

/** Throws unless the destination holds exactly the `count` seeded bodies and the source is empty. */
export function verifyMoved(server: FauxqsServer, pair: QueuePair, count: number): Verified {
  const src = server.inspectQueue(pair.src);
  const dst = server.inspectQueue(pair.dst);
  if (!src || !dst) throw new Error(`Benchmark queues ${pair.src}/${pair.dst} disappeared`);
  const left = src.messages.ready.length + src.messages.delayed.length + src.messages.inflight.length;
  const dstMessages = [...dst.messages.ready, ...dst.messages.delayed, ...dst.messages.inflight.map((e) => e.message)];
  const problems: string[] = [];
  if (left !== 0) problems.push(`${left} messages still in the source (${JSON.stringify(counts(src.messages))})`);
  if (dstMessages.length !== count) problems.push(`destination holds ${dstMessages.length}, expected ${count}`);
  const bodies = new Set(dstMessages.map((m) => m.body));
  if (bodies.size !== dstMessages.length) problems.push(`${dstMessages.length - bodies.size} duplicate bodies`);
  let missing = 0;
  for (let i = 0; i < count; i += 1) if (!bodies.has(bodyOf(i))) missing += 1;
  if (missing > 0) problems.push(`${missing} seeded messages missing from the destination`);
  if (problems.length > 0) throw new Error(`Move check failed: ${problems.join('; ')}`);
  const attributesKept = dstMessages.every((m) => m.messageAttributes.source && m.messageAttributes.attempt);
  return { attributesKept };
}

function counts(messages: { ready: unknown[]; delayed: unknown[]; inflight: unknown[] }) {
  return { ready: messages.ready.length, delayed: messages.delayed.length, inflight: messages.inflight.length };
}

export interface ChildRun {
  /** Wall time from spawn to exit, start-up included. */
  readonly wallMs: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Peak RSS in KiB when measured (`/usr/bin/time -v`, else the preload's report). */
  readonly maxRssKb?: number;
  readonly rssSource?: 'time -v' | 'preload';
}

export interface ChildOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  readonly measureRss?: boolean;
}

/** Runs `node <script> <args>` from the repo root and times it; fails loudly on a non-zero exit or timeout. */
/** Node flags a script's `#!/usr/bin/env -S node …` line gives it, so it runs here as it runs when executed. */
function shebangFlags(script: string): string[] {
  const first = readFileSync(new URL(script, `file://${REPO_ROOT}`), 'utf8').split('\n', 1)[0] ?? '';
  const match = /^#!\/usr\/bin\/env -S node(.*)$/.exec(first);
  return match?.[1]?.trim().split(/\s+/).filter(Boolean) ?? [];
}

export async function runNode(script: string, args: readonly string[], options: ChildOptions): Promise<ChildRun> {
  const flags = shebangFlags(script);
  const nodeArgs = options.measureRss
    ? [...flags, '--import', './bench/report-rss.ts', script, ...args]
    : [...flags, script, ...args];
  const useTime = options.measureRss === true && existsSync(TIME_BIN);
  const [command, argv] = useTime ? [TIME_BIN, ['-v', process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const started = performance.now();
  const child = spawn(command, argv, { cwd: REPO_ROOT, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c, s) => resolve([c, s]));
  }).finally(() => clearTimeout(timer));
  const wallMs = performance.now() - started;
  if (code !== 0) {
    const why = signal === 'SIGKILL' ? `killed after ${options.timeoutMs} ms` : `exit ${code ?? signal}`;
    throw new Error(`${script} failed (${why}):\n${tail(stderr)}\n${tail(stdout)}`);
  }
  const timeRss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1];
  const preloadRss = /bench-max-rss-kb=(\d+)/.exec(stderr)?.[1];
  const rss = timeRss ?? preloadRss;
  return {
    wallMs,
    stdout,
    stderr,
    ...(rss ? { maxRssKb: Number(rss), rssSource: timeRss ? 'time -v' : 'preload' } : {}),
  };
}

/** The last JSON object a mover printed on stdout, if any. */
export function lastJson(stdout: string): Record<string, unknown> | undefined {
  const lines = stdout.trim().split('\n');
  const candidates = [stdout.trim(), ...lines.reverse().filter((l) => l.trim().startsWith('{'))];
  for (const text of candidates) {
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // not JSON; try the next candidate
    }
  }
  return undefined;
}

function tail(text: string, lines = 20): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

// `npm run bench`: the seed script vs the sqs-redrive CLI through a latency-adding proxy over fauxqs, and peak RSS.
//
// Flags: --messages N (10000) --latencies 0,20 --only seed|mover --skip-rss --skip-ack --rss-messages N (100000)
//        --mover-cmd PATH (the CLI script, default bin/sqs-redrive.js) --cli-args="…" (extra CLI flags; the = is needed)
//        --timeout-s N (per child run, 900)

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { measureAckLatency } from './ack-latency.ts';
import {
  dropQueues,
  lastJson,
  REPO_ROOT,
  runNode,
  seedQueues,
  startWorld,
  verifyMoved,
  type World,
} from './harness.ts';
import {
  compare,
  type MoverKind,
  machine,
  markdown,
  RSS_TARGET_MB,
  type RssRecord,
  type RunRecord,
  type Summary,
} from './report.ts';

const SEED_SCRIPT = 'bench/seed-mover.ts';

interface Options {
  /** Also measure the bot's ack latency during a large move. */
  readonly ack: boolean;
  readonly messages: number;
  readonly latencies: number[];
  readonly movers: MoverKind[];
  readonly rss: boolean;
  readonly rssMessages: number;
  readonly cliScript: string;
  readonly cliArgs: string[];
  readonly timeoutMs: number;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      messages: { type: 'string', default: '10000' },
      latencies: { type: 'string', default: '0,20' },
      only: { type: 'string' },
      'skip-rss': { type: 'boolean', default: false },
      'skip-ack': { type: 'boolean', default: false },
      'rss-messages': { type: 'string', default: '100000' },
      'mover-cmd': { type: 'string', default: 'bin/sqs-redrive.js' },
      'cli-args': { type: 'string', default: '' },
      'timeout-s': { type: 'string', default: '900' },
    },
  });
  const count = (name: string, text: string) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got ${text}`);
    return n;
  };
  if (values.only !== undefined && values.only !== 'seed' && values.only !== 'mover') {
    throw new Error(`--only must be seed or mover, got ${values.only}`);
  }
  const movers: MoverKind[] = values.only === 'seed' ? ['seed'] : values.only === 'mover' ? ['cli'] : ['seed', 'cli'];
  const rss = !values['skip-rss'] && values.only !== 'seed';
  const cliScript = values['mover-cmd'];
  if ((movers.includes('cli') || rss) && !existsSync(join(REPO_ROOT, cliScript))) {
    throw new Error(
      `${cliScript} does not exist; build the CLI, or pass --mover-cmd=${SEED_SCRIPT} to try the harness`,
    );
  }
  return {
    ack: !values['skip-ack'] && values.only === undefined,
    messages: count('messages', values.messages),
    latencies: values.latencies.split(',').map((l) => count('latencies', l.trim())),
    movers,
    rss,
    rssMessages: count('rss-messages', values['rss-messages']),
    cliScript,
    cliArgs: values['cli-args'].split(/\s+/).filter(Boolean),
    timeoutMs: count('timeout-s', values['timeout-s']) * 1000,
  };
}

const log = (line: string) => console.error(line);

async function timedMove(world: World, opts: Options, latencyMs: number, mover: MoverKind): Promise<RunRecord> {
  const script = mover === 'seed' ? SEED_SCRIPT : opts.cliScript;
  const pair = seedQueues(world.server, opts.messages);
  world.proxy.resetStats();
  try {
    const args = [`--src-url=${pair.srcUrl}`, `--dst-url=${pair.dstUrl}`, '--json'];
    const run = await runNode(script, mover === 'cli' ? [...args, ...opts.cliArgs] : args, {
      env: world.env,
      timeoutMs: opts.timeoutMs,
    });
    const { attributesKept } = verifyMoved(world.server, pair, opts.messages);
    const record: RunRecord = {
      latencyMs,
      mover,
      script,
      messages: opts.messages,
      wallMs: run.wallMs,
      ratePerSec: (opts.messages * 1000) / run.wallMs,
      attributesKept,
      proxyCalls: world.proxy.stats().calls,
      ...withReport(lastJson(run.stdout)),
    };
    log(
      `[${latencyMs} ms] ${script}: ${opts.messages} messages in ${(run.wallMs / 1000).toFixed(1)} s → ` +
        `${Math.round(record.ratePerSec)} msg/s, ${world.proxy.stats().total} SQS calls, verified`,
    );
    return record;
  } finally {
    dropQueues(world.server, pair);
  }
}

function withReport(report: Record<string, unknown> | undefined): { report?: Record<string, unknown> } {
  return report ? { report } : {};
}

async function measureRss(opts: Options): Promise<RssRecord> {
  const world = await startWorld(0);
  try {
    log(`[rss] seeding ${opts.rssMessages} messages…`);
    const pair = seedQueues(world.server, opts.rssMessages);
    const args = [`--src-url=${pair.srcUrl}`, `--dst-url=${pair.dstUrl}`, '--json', ...opts.cliArgs];
    const run = await runNode(opts.cliScript, args, { env: world.env, timeoutMs: opts.timeoutMs, measureRss: true });
    verifyMoved(world.server, pair, opts.rssMessages);
    if (run.maxRssKb === undefined) throw new Error('The CLI child did not report its peak RSS');
    const maxRssMb = run.maxRssKb / 1024;
    log(
      `[rss] ${opts.cliScript} moved ${opts.rssMessages} messages, peak RSS ${maxRssMb.toFixed(1)} MB (${run.rssSource})`,
    );
    const source = `${run.rssSource ?? 'unknown'}`;
    return {
      messages: opts.rssMessages,
      maxRssMb,
      source,
      wallMs: run.wallMs,
      targetMb: RSS_TARGET_MB,
      pass: maxRssMb < RSS_TARGET_MB,
    };
  } finally {
    await world.close();
  }
}

async function main(): Promise<void> {
  const opts = options();
  const runs: RunRecord[] = [];
  for (const latencyMs of opts.latencies) {
    const world = await startWorld(latencyMs);
    try {
      for (const mover of opts.movers) runs.push(await timedMove(world, opts, latencyMs, mover));
    } finally {
      await world.close();
    }
  }
  const rss = opts.rss ? await measureRss(opts) : undefined;
  if (opts.ack) log(`[ack] /redrive status while the bot moves ${opts.rssMessages} messages…`);
  const ack = opts.ack ? await measureAckLatency(opts.rssMessages) : undefined;
  const comparisons = compare(runs);
  const pass = comparisons.every((c) => c.pass !== false) && (rss?.pass ?? true) && (ack?.pass ?? true);
  const summary: Summary = {
    date: new Date().toISOString(),
    machine: machine(),
    cliScript: opts.cliScript,
    runs,
    comparisons,
    ...(rss ? { rss } : {}),
    ...(ack ? { ack } : {}),
    pass,
  };
  const dir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(summary, null, 2)}\n`);

  for (const c of comparisons) {
    const verdict = c.pass === undefined ? '(no target)' : `target ≥ ${c.target}× ${c.pass ? 'PASS' : 'FAIL'}`;
    console.log(
      `${c.latencyMs} ms/call: seed ${Math.round(c.seedRate)} msg/s, sqs-redrive ${Math.round(c.cliRate)} msg/s, ` +
        `speed-up ${c.ratio.toFixed(1)}× ${verdict}`,
    );
  }
  if (rss) {
    const verdict = rss.pass ? 'PASS' : 'FAIL';
    console.log(
      `peak RSS moving ${rss.messages}: ${rss.maxRssMb.toFixed(1)} MB, target < ${rss.targetMb} MB ${verdict}`,
    );
  }
  if (ack) {
    console.log(
      `ack latency of /redrive status during a ${ack.messages}-message move: p50 ${ack.p50Ms.toFixed(1)} ms, ` +
        `p99 ${ack.p99Ms.toFixed(1)} ms (${ack.samples} samples), target p99 < ${ack.targetP99Ms} ms ${ack.pass ? 'PASS' : 'FAIL'}`,
    );
  }
  console.log(`\n${markdown(summary)}\n`);
  console.log(`Summary written to bench/results/latest.json${pass ? '' : ' — some targets FAILED'}`);
  if (!pass) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(`\nBenchmark failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});

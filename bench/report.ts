// Benchmark results: the records the harness collects, the targets, and the markdown table for docs/benchmarks.md.

import { cpus, totalmem } from 'node:os';
import type { AckLatency } from './ack-latency.ts';

/** Minimum speed-up of sqs-redrive over the seed script, by added latency per call. */
export const RATIO_TARGETS: Readonly<Record<number, number>> = { 0: 2, 20: 15 };
export const RSS_TARGET_MB = 150;

export type MoverKind = 'seed' | 'cli';

export interface RunRecord {
  readonly latencyMs: number;
  readonly mover: MoverKind;
  readonly script: string;
  readonly messages: number;
  readonly wallMs: number;
  readonly ratePerSec: number;
  readonly attributesKept: boolean;
  readonly proxyCalls: Readonly<Record<string, number>>;
  readonly report?: Record<string, unknown>;
}

export interface Comparison {
  readonly latencyMs: number;
  readonly seedRate: number;
  readonly cliRate: number;
  readonly ratio: number;
  readonly target?: number;
  readonly pass?: boolean;
}

export interface RssRecord {
  readonly messages: number;
  readonly maxRssMb: number;
  readonly source: string;
  readonly wallMs: number;
  readonly targetMb: number;
  readonly pass: boolean;
}

export interface Summary {
  readonly date: string;
  readonly machine: { cpus: number; cpuModel: string; memTotalGiB: number; node: string; platform: string };
  readonly cliScript: string;
  readonly runs: RunRecord[];
  readonly comparisons: Comparison[];
  readonly rss?: RssRecord;
  readonly ack?: AckLatency;
  readonly pass: boolean;
}

export function machine(): Summary['machine'] {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memTotalGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** Pairs the seed and CLI runs of each latency and checks them against the targets. */
export function compare(runs: readonly RunRecord[]): Comparison[] {
  const latencies = [...new Set(runs.map((r) => r.latencyMs))];
  return latencies.flatMap((latencyMs) => {
    const seed = runs.find((r) => r.latencyMs === latencyMs && r.mover === 'seed');
    const cli = runs.find((r) => r.latencyMs === latencyMs && r.mover === 'cli');
    if (!seed || !cli) return [];
    const ratio = cli.ratePerSec / seed.ratePerSec;
    const target = RATIO_TARGETS[latencyMs];
    return [
      {
        latencyMs,
        seedRate: seed.ratePerSec,
        cliRate: cli.ratePerSec,
        ratio,
        ...(target === undefined ? {} : { target, pass: ratio >= target }),
      },
    ];
  });
}

const rate = (n: number) => Math.round(n).toLocaleString('en-US');
const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** Markdown ready to paste into docs/benchmarks.md. */
export function markdown(summary: Summary): string {
  const m = summary.machine;
  const out = [
    `Run ${summary.date} on ${m.cpus} × ${m.cpuModel}, ${m.memTotalGiB} GiB, Node ${m.node} (${m.platform}).`,
    '',
    '| added latency per call | messages | mover | wall time (s, start-up included) | msg/s | SQS calls | attributes kept |',
    '| ---: | ---: | --- | ---: | ---: | ---: | --- |',
    ...summary.runs.map((r) => {
      const calls = Object.values(r.proxyCalls).reduce((a, b) => a + b, 0);
      const name = r.mover === 'seed' ? 'seed script (serial)' : `sqs-redrive (\`${r.script}\`)`;
      const row = [`${r.latencyMs} ms`, rate(r.messages), name, seconds(r.wallMs), rate(r.ratePerSec), rate(calls)];
      return `| ${row.join(' | ')} | ${r.attributesKept ? 'yes' : 'no'} |`;
    }),
  ];
  if (summary.comparisons.length > 0) {
    out.push('', '| added latency per call | seed script msg/s | sqs-redrive msg/s | speed-up | target | result |');
    out.push('| ---: | ---: | ---: | ---: | ---: | --- |');
    for (const c of summary.comparisons) {
      const target = c.target === undefined ? '—' : `≥ ${c.target}×`;
      const result = c.pass === undefined ? '—' : c.pass ? 'PASS' : 'FAIL';
      out.push(
        `| ${c.latencyMs} ms | ${rate(c.seedRate)} | ${rate(c.cliRate)} | ${c.ratio.toFixed(1)}× | ${target} | ${result} |`,
      );
    }
  }
  if (summary.rss) {
    const r = summary.rss;
    out.push(
      '',
      '| peak RSS of the CLI | messages | measured | target | result |',
      '| --- | ---: | ---: | ---: | --- |',
    );
    out.push(
      `| ${r.source}, 0 ms | ${rate(r.messages)} | ${r.maxRssMb.toFixed(1)} MB | < ${r.targetMb} MB | ${r.pass ? 'PASS' : 'FAIL'} |`,
    );
  }
  if (summary.ack) {
    const a = summary.ack;
    out.push(
      '',
      '| bot ack latency, `/redrive status` | during a move of | samples | p50 | p99 | max | target | result |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
      `| signed HTTP, move in a worker thread | ${rate(a.messages)} | ${a.samples} | ${a.p50Ms.toFixed(1)} ms | ${a.p99Ms.toFixed(1)} ms | ${a.maxMs.toFixed(1)} ms | p99 < ${a.targetP99Ms} ms | ${a.pass ? 'PASS' : 'FAIL'} |`,
    );
  }
  return out.join('\n');
}

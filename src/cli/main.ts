// The `sqs-redrive` command: parse flags, plan, move with the same core as the bot, print, exit with a code.

import type { SQSClient } from '@aws-sdk/client-sqs';
import { createSqsClient } from '../aws/sqs-client.ts';
import { BadInputError, RedriveError } from '../core/errors.ts';
import { createEngine } from '../core/mover/engines.ts';
import { planMove } from '../core/mover/plan-move.ts';
import type { MoveProgress, MoveResult } from '../core/mover/types.ts';
import { type CliArgs, parseCliArgs, USAGE } from './args.ts';
import { jsonResult, planLine, progressLine, tallyText } from './render.ts';

export const EXIT = { ok: 0, failed: 1, badInput: 2, cancelled: 130 } as const;

export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted on Ctrl-C. */
  readonly signal?: AbortSignal;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (err) {
    return fail(io, err);
  }
  if (args.help) {
    io.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (args.version) {
    io.stdout.write(`${await version()}\n`);
    return EXIT.ok;
  }
  const sqs = createSqsClient(
    { ...(args.region ? { region: args.region } : {}), ...(args.endpointUrl ? { endpoint: args.endpointUrl } : {}) },
    io.env,
  );
  try {
    await requireRegion(sqs);
    return await move(sqs, args, io);
  } catch (err) {
    return fail(io, err);
  } finally {
    sqs.destroy();
  }
}

async function move(sqs: SQSClient, args: CliArgs, io: CliIo): Promise<number> {
  const options = {
    ...(args.limit !== undefined ? { limit: args.limit } : {}),
    ...(args.ratePerSec !== undefined ? { ratePerSec: args.ratePerSec } : {}),
    ...(args.concurrency !== undefined ? { concurrency: args.concurrency } : {}),
    ...(args.dryRun ? { dryRun: true } : {}),
    ...(args.filter ? { filter: args.filter } : {}),
    ...(args.maxRedrives !== undefined ? { maxRedrives: args.maxRedrives } : {}),
    ...(args.groupId !== undefined ? { groupId: args.groupId } : {}),
    ...(args.visibilityTimeoutSec !== undefined ? { visibilityTimeoutSec: args.visibilityTimeoutSec } : {}),
  };
  const plan = await planMove(sqs, {
    source: args.source,
    destination: args.destination,
    engine: args.engine,
    options,
  });
  const tty = io.stderr.isTTY === true;
  if (!args.json) io.stderr.write(`${planLine(plan)}\n`);
  let lastDraw = 0;
  const result: MoveResult = await createEngine(sqs, plan.engine).move({
    source: plan.source,
    destination: plan.destination,
    ...options,
    ...(io.signal ? { signal: io.signal } : {}),
    // A progress bar on a terminal only; otherwise the final tally says it all.
    ...(tty
      ? {
          onProgress: (progress: MoveProgress) => {
            const now = performance.now();
            if (now - lastDraw < 100) return;
            lastDraw = now;
            io.stderr.write(`\r\x1b[2K${progressLine(progress)}`);
          },
        }
      : {}),
  });
  if (tty) io.stderr.write('\r\x1b[2K');
  if (args.json) io.stdout.write(`${jsonResult(plan, result)}\n`);
  else io.stdout.write(`${tallyText(result)}\n`);
  if (result.stoppedBy === 'cancelled') return EXIT.cancelled;
  return result.failed > 0 || result.error ? EXIT.failed : EXIT.ok;
}

/** The SDK only says "Region is missing" deep inside the first call; say what to do before any call. */
async function requireRegion(sqs: SQSClient): Promise<void> {
  try {
    await sqs.config.region();
  } catch {
    throw new BadInputError('No AWS region: set AWS_REGION (or use a profile with a region), or pass --region.');
  }
}

/** One line on stderr; 2 for what the person can fix in the command, 1 for everything else. */
function fail(io: CliIo, err: unknown): number {
  const message = err instanceof Error ? err.message : String(err);
  io.stderr.write(`sqs-redrive: ${message.split('\n')[0]}\n`);
  if (err instanceof BadInputError) return EXIT.badInput;
  if (err instanceof RedriveError && (err.code === 'QUEUE_NOT_FOUND' || err.code === 'BAD_INPUT')) return EXIT.badInput;
  return EXIT.failed;
}

async function version(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

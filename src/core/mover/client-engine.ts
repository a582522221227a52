// The client engine: concurrent receive → send → delete loops that never delete before the destination confirms.

import { randomUUID } from 'node:crypto';
import { type Message, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { AwsError, BadInputError } from '../errors.ts';
import { getQueueFacts } from '../queues/queue-facts.ts';
import { transferBatch } from './batch-transfer.ts';
import { splitIntoBatches } from './batching.ts';
import { matchesFilter } from './filter.ts';
import { HeldMessages, makeVisible } from './held-messages.ts';
import { MAX_BATCH_ENTRIES, MAX_VISIBILITY_TIMEOUT_SEC } from './limits.ts';
import { redriveCount, toSendEntry } from './message-mapping.ts';
import { MoveTally } from './move-tally.ts';
import { createRateLimiter } from './rate-limiter.ts';
import { backoffMs, isTransient, pause } from './retry.ts';
import { sampleOf } from './samples.ts';
import type { MoveEngine, MoveRequest, MoveResult, SkipReason, StopReason } from './types.ts';

export const DEFAULT_CONCURRENCY = 32;
export const DEFAULT_VISIBILITY_TIMEOUT_SEC = 60;
const MAX_CONCURRENCY = 100;
const SAMPLE_COUNT = 3;
/** A worker stops after this many long polls in a row came back empty. */
const EMPTY_POLLS_TO_STOP = 2;
/** Receive errors in a row (after the SDK's own retries) before the move gives up. */
const RECEIVE_ERRORS_TO_STOP = 5;
/** Batches in a row of which nothing could be sent, even after retries, before the move gives up. */
const FAILED_BATCHES_TO_STOP = 3;

export interface ClientEngineOptions {
  /** Long-poll wait of each receive (seconds, 0–20). */
  readonly waitTimeSec?: number;
}

export function createClientEngine(sqs: SQSClient, options: ClientEngineOptions = {}): MoveEngine {
  return { name: 'client', move: (request) => runClientMove(sqs, request, options) };
}

/** Checks a request before anything is received; throws BadInputError naming the problem. */
export function validateClientRequest(request: MoveRequest): void {
  const { source, destination } = request;
  if (source.arn === destination.arn)
    throw new BadInputError(`Source and destination are the same queue (${source.name}).`);
  if (destination.fifo && !source.fifo && !request.groupId) {
    throw new BadInputError(
      `${destination.name} is a FIFO queue and ${source.name} is not: give --group-id GROUP for the moved messages.`,
    );
  }
  const positive: [string, number | undefined][] = [
    ['--limit', request.limit],
    ['--rate', request.ratePerSec],
    ['--concurrency', request.concurrency],
    ['--visibility-timeout', request.visibilityTimeoutSec],
  ];
  for (const [flag, value] of positive) {
    if (value !== undefined && (!Number.isFinite(value) || value <= 0)) {
      throw new BadInputError(`${flag} must be a positive number (got ${value}).`);
    }
  }
  if (request.concurrency !== undefined && request.concurrency > MAX_CONCURRENCY) {
    throw new BadInputError(`--concurrency must be at most ${MAX_CONCURRENCY} (got ${request.concurrency}).`);
  }
  if (request.visibilityTimeoutSec !== undefined && request.visibilityTimeoutSec > MAX_VISIBILITY_TIMEOUT_SEC) {
    throw new BadInputError(`--visibility-timeout must be at most ${MAX_VISIBILITY_TIMEOUT_SEC} seconds.`);
  }
  if (request.maxRedrives !== undefined && (!Number.isInteger(request.maxRedrives) || request.maxRedrives < 0)) {
    throw new BadInputError(`--max-redrives must be a whole number ≥ 0 (got ${request.maxRedrives}).`);
  }
}

async function runClientMove(sqs: SQSClient, request: MoveRequest, options: ClientEngineOptions): Promise<MoveResult> {
  validateClientRequest(request);
  const { source, destination, signal } = request;
  const startDepth = request.limit === undefined ? (await getQueueFacts(sqs, source)).depth.visible : undefined;
  const target = request.limit ?? startDepth ?? 0;
  const tally = new MoveTally('client', target);
  const held = new HeldMessages();
  const limiter = createRateLimiter(request.ratePerSec);
  const visibility = request.visibilityTimeoutSec ?? DEFAULT_VISIBILITY_TIMEOUT_SEC;
  const waitTimeSec = options.waitTimeSec ?? 2;
  const runId = randomUUID();
  const transferTarget = { sqs, sourceUrl: source.url, destinationUrl: destination.url, signal };
  const report = request.onProgress ? () => request.onProgress?.(tally.progress()) : () => {};

  let unclaimed = target;
  let failedBatchesInRow = 0;
  let stop: StopReason | undefined;
  let fatal: string | undefined;
  const halt = (reason: StopReason, error?: string) => {
    stop ??= reason;
    if (error !== undefined) fatal ??= error;
  };
  const maxPerReceive = Math.min(MAX_BATCH_ENTRIES, Math.max(1, Math.ceil(request.ratePerSec ?? MAX_BATCH_ENTRIES)));

  // Receives are never aborted mid-call: a cancelled long poll could leave messages invisible. A cancel waits
  // for the poll to end (≤ waitTimeSec) and makes what it brought visible again at once.
  const receive = async (count: number): Promise<Message[]> => {
    const out = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: source.url,
        MaxNumberOfMessages: count,
        WaitTimeSeconds: waitTimeSec,
        VisibilityTimeout: visibility,
        MessageAttributeNames: ['All'],
        // Only the system attributes that are sent on: fewer to parse per message.
        MessageSystemAttributeNames: ['MessageGroupId', 'AWSTraceHeader'],
        ...(source.fifo ? { ReceiveRequestAttemptId: randomUUID() } : {}),
      }),
    );
    return out.Messages ?? [];
  };

  /** Decides each message's fate; returns those to send. */
  const triage = (messages: Message[]): Message[] => {
    const toSend: Message[] = [];
    for (const message of messages) {
      if (held.refresh(message)) {
        unclaimed++; // seen before in this move: it does not count twice
        continue;
      }
      const reason = skipReason(message, request);
      if (reason === undefined) {
        toSend.push(message);
        continue;
      }
      held.hold(message);
      tally.skip(reason);
      if (reason === 'dry-run' && tally.samples.length < SAMPLE_COUNT) tally.samples.push(sampleOf(message));
    }
    return toSend;
  };

  /** Deletes under way; each worker overlaps its next receive with its last delete, and the move waits for all. */
  const deletions = new Set<Promise<void>>();
  /** Sends a received batch; returns when every part is sent, with the deletes of this batch still under way. */
  const moveBatch = async (messages: Message[]): Promise<{ deletes: Promise<unknown> }> => {
    const started: Promise<void>[] = [];
    const byId = new Map<string, Message>();
    const entries = messages.map((message, i) => {
      byId.set(`m${i}`, message);
      return toSendEntry(message, `m${i}`, { runId, destinationFifo: destination.fifo, groupId: request.groupId });
    });
    for (const batch of splitIntoBatches(entries)) {
      await limiter.acquire(batch.length);
      const outcome = await transferBatch(transferTarget, batch, byId);
      tally.moved += outcome.sent.length;
      const deletion = outcome.deletion.then((failures) => {
        tally.deleteFailures += failures;
        deletions.delete(deletion);
      });
      deletions.add(deletion);
      started.push(deletion);
      for (const { message, code } of outcome.failed) {
        held.hold(message);
        tally.fail(code);
      }
      if (outcome.unsent.length > 0) {
        unclaimed += outcome.unsent.length;
        await makeVisible(
          sqs,
          source.url,
          outcome.unsent.map((m) => m.ReceiptHandle ?? ''),
        );
      }
      report();
      if (outcome.fatal) halt('failed', `${destination.name} refused the messages: ${outcome.fatal}`);
      failedBatchesInRow = outcome.sent.length === 0 && outcome.failed.length > 0 ? failedBatchesInRow + 1 : 0;
      if (failedBatchesInRow >= FAILED_BATCHES_TO_STOP) {
        const code = outcome.failed[0]?.code ?? 'Error';
        halt(
          'failed',
          `${destination.name} kept failing (${code}) after retries: stopped so the rest stay in ${source.name}`,
        );
      }
    }
    return { deletes: Promise.all(started) }; // wrapped: an async function would otherwise wait for it
  };

  const worker = async () => {
    let previousDeletes: Promise<unknown> = Promise.resolve();
    let empties = 0;
    let errors = 0;
    while (stop === undefined && !signal?.aborted) {
      const want = Math.min(maxPerReceive, unclaimed);
      if (want <= 0) return;
      unclaimed -= want;
      let messages: Message[];
      try {
        messages = await receive(want);
        errors = 0;
      } catch (err) {
        unclaimed += want;
        if (signal?.aborted) return;
        if (!isTransient(err) || ++errors >= RECEIVE_ERRORS_TO_STOP) {
          halt('failed', new AwsError('Cannot receive from', source.name, err).message);
          return;
        }
        await pause(backoffMs(errors), signal);
        continue;
      }
      unclaimed += want - messages.length;
      if (signal?.aborted || stop !== undefined) {
        unclaimed += messages.length;
        await makeVisible(
          sqs,
          source.url,
          messages.map((m) => m.ReceiptHandle ?? ''),
        );
        return;
      }
      if (messages.length === 0) {
        if (++empties >= EMPTY_POLLS_TO_STOP) return;
        continue;
      }
      empties = 0;
      const toSend = triage(messages);
      if (toSend.length > 0) {
        await previousDeletes; // at most one batch's deletes in flight per worker, overlapping this receive
        previousDeletes = (await moveBatch(toSend)).deletes;
      } else report();
    }
  };

  report();
  const workers = Math.min(
    request.concurrency ?? DEFAULT_CONCURRENCY,
    Math.max(1, Math.ceil(target / MAX_BATCH_ENTRIES)),
  );
  try {
    await Promise.all(Array.from({ length: target > 0 ? workers : 0 }, worker));
  } finally {
    await Promise.all(deletions);
    await held.releaseAll(sqs, source.url);
  }
  if (signal?.aborted) halt('cancelled');
  else if (unclaimed <= 0) halt(request.limit === undefined ? 'start-depth' : 'limit');
  else halt('empty');
  return tally.result(stop ?? 'empty', fatal !== undefined ? { error: fatal } : {});
}

function skipReason(message: Message, request: MoveRequest): SkipReason | undefined {
  if (request.maxRedrives !== undefined && redriveCount(message) >= request.maxRedrives) return 'over-redrive-cap';
  if (request.filter && !matchesFilter(message, request.filter)) return 'filtered';
  if (request.dryRun) return 'dry-run';
  return undefined;
}

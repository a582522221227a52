// Sends one batch to the destination and deletes from the source only what the destination confirmed.

import {
  DeleteMessageBatchCommand,
  type Message,
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { awsErrorName } from '../errors.ts';
import { backoffMs, isTransient, pause } from './retry.ts';

/** Tries per batch, counting the first; the SDK retries each call a few times underneath as well. */
export const MAX_TRIES = 5;

export interface TransferOutcome {
  /** Sent and confirmed by the destination. */
  readonly sent: Message[];
  /** Not sent, for good; with the error code that refused them. They are still in the source. */
  readonly failed: { readonly message: Message; readonly code: string }[];
  /** Not sent because the move was cancelled during a retry wait. */
  readonly unsent: Message[];
  /** A non-retryable error refused the whole call (access denied, queue gone…): the move should stop. */
  readonly fatal?: string;
  /**
   * Deleting the sent messages from the source, already under way (the caller may receive the next batch
   * meanwhile). Resolves to how many could not be deleted: they will be delivered again (a duplicate, not a loss).
   */
  readonly deletion: Promise<number>;
}

export interface TransferTarget {
  readonly sqs: SQSClient;
  readonly sourceUrl: string;
  readonly destinationUrl: string;
  readonly signal: AbortSignal | undefined;
}

/** Sends `entries` (each keyed by its message through the entry Id) and starts deleting the confirmed ones. */
export async function transferBatch(
  target: TransferTarget,
  entries: readonly SendMessageBatchRequestEntry[],
  byId: ReadonlyMap<string, Message>,
): Promise<TransferOutcome> {
  const sent: Message[] = [];
  const failed: { message: Message; code: string }[] = [];
  let pending = [...entries];
  let fatal: string | undefined;
  let lastCode = 'Error';

  for (let attempt = 1; pending.length > 0 && attempt <= MAX_TRIES; attempt++) {
    if (attempt > 1 && !(await pause(backoffMs(attempt), target.signal))) break;
    try {
      const out = await target.sqs.send(
        new SendMessageBatchCommand({ QueueUrl: target.destinationUrl, Entries: pending }),
      );
      const ok = new Set((out.Successful ?? []).map((s) => s.Id));
      const retry: SendMessageBatchRequestEntry[] = [];
      const failures = new Map((out.Failed ?? []).map((f) => [f.Id, f]));
      for (const entry of pending) {
        const message = byId.get(entry.Id ?? '');
        if (!message) continue;
        if (ok.has(entry.Id)) {
          sent.push(message);
          continue;
        }
        const failure = failures.get(entry.Id);
        lastCode = failure?.Code ?? 'NotConfirmed';
        if (failure?.SenderFault) failed.push({ message, code: lastCode });
        else retry.push(entry);
      }
      pending = retry;
    } catch (err) {
      lastCode = awsErrorName(err);
      if (!isTransient(err)) {
        fatal = lastCode;
        break;
      }
    }
  }

  const pendingMessages = pending.map((e) => byId.get(e.Id ?? '')).filter((m): m is Message => m !== undefined);
  const gaveUp = fatal !== undefined || !target.signal?.aborted;
  for (const message of gaveUp ? pendingMessages : []) failed.push({ message, code: lastCode });
  return {
    sent,
    failed,
    unsent: gaveUp ? [] : pendingMessages,
    deletion: sent.length > 0 ? deleteConfirmed(target, sent) : Promise.resolve(0),
    ...(fatal !== undefined ? { fatal } : {}),
  };
}

/** Deletes sent messages from the source, retrying what SQS could not delete for transient reasons. */
async function deleteConfirmed(target: TransferTarget, sent: readonly Message[]): Promise<number> {
  let pending = sent.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle ?? '' }));
  let refused = 0;
  for (let attempt = 1; pending.length > 0 && attempt <= MAX_TRIES; attempt++) {
    if (attempt > 1) await pause(backoffMs(attempt));
    try {
      const out = await target.sqs.send(
        new DeleteMessageBatchCommand({ QueueUrl: target.sourceUrl, Entries: pending }),
      );
      const failed = out.Failed ?? [];
      refused += failed.filter((f) => f.SenderFault).length;
      const retry = new Set(failed.filter((f) => !f.SenderFault).map((f) => f.Id));
      pending = pending.filter((e) => retry.has(e.Id));
    } catch (err) {
      if (!isTransient(err)) break;
    }
  }
  return refused + pending.length;
}

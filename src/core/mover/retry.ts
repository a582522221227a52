// Which SQS failures are worth retrying, and how long to wait between tries.

import { setTimeout as sleep } from 'node:timers/promises';
import { awsErrorName } from '../errors.ts';

const TRANSIENT_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'RequestThrottled',
  'ThrottledException',
  'KmsThrottled',
  'ServiceUnavailable',
  'InternalError',
  'InternalFailure',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
]);

/** True for throttling, 5xx and connection failures: not the caller's fault, may work on a later try. */
export function isTransient(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { $retryable?: unknown; $metadata?: { httpStatusCode?: number }; code?: string };
  if (e.$retryable) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return true;
  return TRANSIENT_NAMES.has(awsErrorName(err)) || (e.code !== undefined && TRANSIENT_NAMES.has(e.code));
}

/** Full-jitter exponential backoff: attempt 1 → up to 200 ms, doubling, capped at 5 s. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(5000, 100 * 2 ** attempt));
}

/** Sleeps; resolves false early when the signal aborts. */
export async function pause(ms: number, signal?: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, signal ? { signal } : undefined);
    return true;
  } catch {
    return false;
  }
}

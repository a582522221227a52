// Verifies SNS HTTP(S) message signatures (v1 SHA1, v2 SHA256) with sns-payload-validator, certificates from SNS hosts only.

import type { Agent } from 'node:https';
import Validator from 'sns-payload-validator';

/**
 * SNS endpoints in every partition that publishes to HTTPS: `sns.<region>.amazonaws.com` (aws, aws-us-gov) and
 * `sns.<region>.amazonaws.com.cn` (China) — the pattern AWS's own validators use, and the one sns-payload-validator
 * enforces on SigningCertURL (it also requires the `/SimpleNotificationService-<32 chars>.pem` path).
 */
export const SNS_HOST = /^sns\.[a-zA-Z0-9-]{3,}\.amazonaws\.com(\.cn)?$/;

export type SnsType = 'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';

/** A message whose signature checked out. */
export interface SnsMessage {
  readonly Type: SnsType;
  readonly MessageId: string;
  readonly TopicArn: string;
  readonly Message: string;
  readonly Timestamp: string;
  readonly Subject?: string;
  readonly SubscribeURL?: string;
}

/** Resolves with the verified message; rejects with SnsVerifyError when it is not provably from SNS. */
export type SnsVerifier = (payload: Readonly<Record<string, unknown>>) => Promise<SnsMessage>;

export class SnsVerifyError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SnsVerifyError';
  }
}

/** https, default port, no credentials, host matching `host` (SNS hosts by default). */
export function isSnsUrl(raw: unknown, host: RegExp = SNS_HOST): boolean {
  if (typeof raw !== 'string') return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    url.port === '' &&
    url.username === '' &&
    url.password === '' &&
    host.test(url.hostname)
  );
}

export interface SnsVerifierOptions {
  /** Agent for certificate downloads (a proxy; tests route it to a local server). */
  readonly requestAgent?: Agent;
  /** Certificates kept in memory (LRU). */
  readonly maxCerts?: number;
  /** Give up on a certificate download after this long. */
  readonly timeoutMs?: number;
}

export function createSnsVerifier(options: SnsVerifierOptions = {}): SnsVerifier {
  const { requestAgent, maxCerts = 100, timeoutMs = 5000 } = options;
  const agent = requestAgent ? { requestAgent } : {};
  const caching = () => new Validator({ useCache: true, maxCerts, ...agent });
  let cached = caching();
  // The validator caches whatever a download returned, even an HTTP error page; one fresh download tells a stale
  // or broken cache entry from a forged signature, and a success replaces the poisoned cache.
  const fresh = new Validator({ useCache: false, ...agent });

  return async (payload) => {
    const problem = precheck(payload);
    if (problem) throw new SnsVerifyError(problem);
    // precheck() vouched for the fields the validator reads.
    const sns = payload as unknown as Validator.SnsPayload;
    try {
      return toMessage(await withTimeout(cached.validate(sns), timeoutMs));
    } catch (first) {
      if (!(first instanceof Error) || first.message !== 'Invalid Signature') throw wrap(first);
      try {
        const message = toMessage(await withTimeout(fresh.validate(sns), timeoutMs));
        cached = caching();
        return message;
      } catch (second) {
        throw wrap(second);
      }
    }
  };
}

function precheck(payload: Readonly<Record<string, unknown>>): string | undefined {
  if (payload.SignatureVersion !== '1' && payload.SignatureVersion !== '2') {
    return 'SignatureVersion is neither 1 nor 2';
  }
  if (typeof payload.Signature !== 'string' || payload.Signature === '') return 'no Signature';
  if (!isSnsUrl(payload.SigningCertURL)) return 'SigningCertURL is not an https URL on an SNS host';
  for (const key of ['Type', 'MessageId', 'TopicArn', 'Message', 'Timestamp'] as const) {
    if (typeof payload[key] !== 'string') return `${key} is missing`;
  }
  return undefined;
}

function toMessage(payload: Validator.SnsPayload): SnsMessage {
  const { Type, MessageId, TopicArn, Message, Timestamp, Subject, SubscribeURL } = payload;
  return {
    Type,
    MessageId,
    TopicArn,
    Message,
    Timestamp,
    ...(typeof Subject === 'string' ? { Subject } : {}),
    ...(typeof SubscribeURL === 'string' ? { SubscribeURL } : {}),
  };
}

function wrap(error: unknown): SnsVerifyError {
  if (error instanceof SnsVerifyError) return error;
  const text = error instanceof Error ? error.message : String(error);
  return new SnsVerifyError(`signature check failed: ${text}`, { cause: error });
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SnsVerifyError(`signing certificate not downloaded within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// POST /aws/sns: CloudWatch alarms through an SNS HTTPS subscription — signature, topic and host checks, confirmation, dedup.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { AlarmSink } from '../core/alarms/alarm.ts';
import { parseCloudWatchAlarm } from '../core/alarms/parse-cloudwatch.ts';
import type { Logger } from '../core/job/types.ts';
import { deliverAlarm } from './deliver-alarm.ts';
import { DEFAULT_BODY_LIMIT, parseJsonObject, readBodyOrRefuse } from './read-body.ts';
import { errorText, reply } from './reply.ts';
import { SeenIds } from './seen-ids.ts';
import { createSnsVerifier, isSnsUrl, type SnsMessage, type SnsVerifier, SnsVerifyError } from './sns-verify.ts';

export const SNS_PATH = '/aws/sns';

export interface SnsRouteOptions {
  /** Topic ARNs whose messages are accepted (REDRIVE_SNS_TOPICS). */
  readonly topics: readonly string[];
  readonly sink: AlarmSink;
  readonly logger: Logger;
  readonly verify?: SnsVerifier;
  /** Visits a SubscribeURL (already checked to be on an SNS host). */
  readonly confirm?: (url: string) => Promise<void>;
  /** How many MessageIds to remember against redeliveries. */
  readonly seenCapacity?: number;
  readonly sinkWaitMs?: number;
  readonly bodyLimit?: number;
}

const TYPES = new Set(['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation']);

export function snsRoute(options: SnsRouteOptions): CustomRoute {
  const { logger, sink, sinkWaitMs, bodyLimit = DEFAULT_BODY_LIMIT } = options;
  const topics = new Set(options.topics);
  const verify = options.verify ?? createSnsVerifier();
  const confirm = options.confirm ?? confirmByFetch;
  const seen = new SeenIds(options.seenCapacity);

  const forbid = (res: ServerResponse, reason: string, detail: Record<string, unknown>) => {
    logger.warn('rejected an SNS message', { reason, ...detail });
    reply(res, 403, { error: 'forbidden' });
  };

  const notification = async (res: ServerResponse, message: SnsMessage) => {
    const about = { topic: message.TopicArn, messageId: message.MessageId };
    if (!seen.add(message.MessageId)) {
      logger.info('ignored an SNS redelivery', about);
      reply(res, 200, { status: 'duplicate' });
      return;
    }
    const parsed = parseCloudWatchAlarm(message.Message);
    if (parsed.kind === 'ignored') {
      logger.info('ignored an SNS notification', { ...about, reason: parsed.reason });
      reply(res, 200, { status: 'ignored', reason: parsed.reason });
      return;
    }
    const delivery = await deliverAlarm(sink, parsed.alarm, logger, sinkWaitMs);
    if (delivery === 'failed') {
      seen.delete(message.MessageId);
      reply(res, 500, { error: 'the alarm could not be handed on; SNS will retry' });
      return;
    }
    reply(res, 200, { status: 'accepted' });
  };

  const subscription = async (res: ServerResponse, message: SnsMessage) => {
    const about = { topic: message.TopicArn, messageId: message.MessageId };
    if (!isSnsUrl(message.SubscribeURL)) {
      forbid(res, 'SubscribeURL is not an https URL on an SNS host', about);
      return;
    }
    try {
      await confirm(message.SubscribeURL as string);
    } catch (error) {
      logger.error('could not confirm the SNS subscription', { ...about, error: errorText(error) });
      reply(res, 502, { error: 'subscription not confirmed' });
      return;
    }
    logger.info('confirmed the SNS subscription', about);
    reply(res, 200, { status: 'confirmed' });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBodyOrRefuse(req, res, { limit: bodyLimit, logger, what: 'an SNS request' });
    if (body === undefined) return;
    const payload = parseJsonObject(body);
    if (!payload || typeof payload.Type !== 'string' || !TYPES.has(payload.Type)) {
      logger.warn('refused a request that is not an SNS message', { path: SNS_PATH });
      reply(res, 400, { error: 'not an SNS message' });
      return;
    }
    // Unverified values: clipped, so a forger cannot flood the log.
    const about = { type: payload.Type, topic: clip(payload.TopicArn), messageId: clip(payload.MessageId) };
    if (typeof payload.TopicArn !== 'string' || !topics.has(payload.TopicArn)) {
      forbid(res, 'topic not in REDRIVE_SNS_TOPICS', about);
      return;
    }
    let message: SnsMessage;
    try {
      message = await verify(payload);
    } catch (error) {
      forbid(res, error instanceof SnsVerifyError ? error.message : 'signature check failed', about);
      return;
    }
    if (message.Type === 'Notification') await notification(res, message);
    else if (message.Type === 'SubscriptionConfirmation') await subscription(res, message);
    else {
      logger.warn('SNS unsubscribed this endpoint from the topic', about);
      reply(res, 200, { status: 'unsubscribed' });
    }
  };

  return {
    path: SNS_PATH,
    method: 'POST',
    handler: (req, res) => {
      handle(req, res).catch((error: unknown) => {
        logger.error('the SNS route failed', { error: errorText(error) });
        reply(res, 500, { error: 'internal error' });
      });
    },
  };
}

/** Confirms a subscription the way AWS documents: a GET of the SubscribeURL. */
export async function confirmByFetch(url: string): Promise<void> {
  const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(5000) });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`SubscribeURL answered HTTP ${response.status}`);
}

function clip(value: unknown): string | undefined {
  return typeof value === 'string' ? value.slice(0, 256) : undefined;
}

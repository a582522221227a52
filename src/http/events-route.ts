// POST /aws/events: "CloudWatch Alarm State Change" events from an EventBridge API destination, locked by a shared token.

import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { AlarmSink } from '../core/alarms/alarm.ts';
import { parseEventBridgeAlarm } from '../core/alarms/parse-eventbridge.ts';
import type { Logger } from '../core/job/types.ts';
import { deliverAlarm } from './deliver-alarm.ts';
import { DEFAULT_BODY_LIMIT, parseJsonObject, readBodyOrRefuse } from './read-body.ts';
import { errorText, reply } from './reply.ts';
import { SeenIds } from './seen-ids.ts';

export const EVENTS_PATH = '/aws/events';

export interface EventsRouteOptions {
  /** REDRIVE_EVENTS_TOKEN: the API key value of the EventBridge connection. */
  readonly token: string;
  /** REDRIVE_EVENTS_HEADER: the API key name of the connection (Node presents it lower-cased). */
  readonly header: string;
  readonly sink: AlarmSink;
  readonly logger: Logger;
  readonly seenCapacity?: number;
  readonly sinkWaitMs?: number;
  readonly bodyLimit?: number;
}

/**
 * EventBridge retries an API destination on 401, 407, 409, 429 and 5xx, never on other 4xx: so an ignored event
 * gets 200 (with the reason), a malformed one 400, and an alarm the sink failed to take 500 (retried).
 */
export function eventsRoute(options: EventsRouteOptions): CustomRoute {
  const { logger, sink, sinkWaitMs, bodyLimit = DEFAULT_BODY_LIMIT } = options;
  const header = options.header.toLowerCase();
  const expected = digest(options.token);
  const seen = new SeenIds(options.seenCapacity);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const given = req.headers[header];
    if (typeof given !== 'string' || !timingSafeEqual(digest(given), expected)) {
      logger.warn('rejected an EventBridge request', {
        reason: given === undefined ? `no ${header} header` : `wrong ${header} value`,
      });
      reply(res, 401, { error: 'unauthorized' }, true);
      req.resume();
      return;
    }
    const body = await readBodyOrRefuse(req, res, { limit: bodyLimit, logger, what: 'an EventBridge request' });
    if (body === undefined) return;
    const event = parseJsonObject(body);
    if (!event) {
      logger.warn('refused an EventBridge request that is not a JSON object');
      reply(res, 400, { error: 'body is not a JSON object' });
      return;
    }
    const id = typeof event.id === 'string' ? event.id : undefined;
    const parsed = parseEventBridgeAlarm(event);
    if (parsed.kind === 'ignored') {
      logger.info('ignored an EventBridge event', { eventId: id, reason: parsed.reason });
      reply(res, 200, { status: 'ignored', reason: parsed.reason });
      return;
    }
    if (id !== undefined && !seen.add(id)) {
      logger.info('ignored an EventBridge redelivery', { eventId: id, alarm: parsed.alarm.name });
      reply(res, 200, { status: 'duplicate' });
      return;
    }
    const delivery = await deliverAlarm(sink, parsed.alarm, logger, sinkWaitMs);
    if (delivery === 'failed') {
      if (id !== undefined) seen.delete(id);
      reply(res, 500, { error: 'the alarm could not be handed on; EventBridge will retry' });
      return;
    }
    reply(res, 200, { status: 'accepted' });
  };

  return {
    path: EVENTS_PATH,
    method: 'POST',
    handler: (req, res) => {
      handle(req, res).catch((error: unknown) => {
        logger.error('the EventBridge route failed', { error: errorText(error) });
        reply(res, 500, { error: 'internal error' });
      });
    },
  };
}

/** Equal-length digests, so timingSafeEqual can compare tokens of any length in constant time. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

// Alarm-intake settings (SNS topics, EventBridge token, polling, where alarms go), read from the environment.

import type { Rules } from '../core/permissions/rules.ts';
import { type EnvReader, optional, parseChannelId, parseHeaderName, parseTopicArns } from './checks.ts';

export const ALARM_DEFAULTS = { eventsHeader: 'x-redrive-token', pollSeconds: 0, bounceMinutes: 15 } as const;

export interface AlarmConfig {
  readonly snsTopics: readonly string[];
  readonly eventsToken?: string;
  /** Lower-case header name that must carry eventsToken on EventBridge deliveries. */
  readonly eventsHeader: string;
  /** 0 = polling off. */
  readonly pollSeconds: number;
  readonly prefix?: string;
  readonly channel?: string;
  readonly bounceMinutes: number;
}

/** Reads the REDRIVE_* alarm variables; a rules file with alarmRoutes counts as somewhere for alarms to go. */
export function readAlarms(r: EnvReader, rules: Rules | undefined, rulesGiven: boolean): AlarmConfig {
  const snsTopics = parseTopicArns('REDRIVE_SNS_TOPICS', r.get('REDRIVE_SNS_TOPICS'), r);
  const eventsToken = r.secret('REDRIVE_EVENTS_TOKEN', (v) =>
    v.length < 16 ? 'must be at least 16 characters (it is the only lock on the EventBridge route)' : undefined,
  );
  const eventsHeader = parseHeaderName(
    'REDRIVE_EVENTS_HEADER',
    r.get('REDRIVE_EVENTS_HEADER'),
    ALARM_DEFAULTS.eventsHeader,
    r,
  );
  const pollSeconds = r.int(
    'REDRIVE_POLL_SECONDS',
    ALARM_DEFAULTS.pollSeconds,
    0,
    Number.MAX_SAFE_INTEGER,
    ' (0 = off)',
  );
  if (pollSeconds > 0 && pollSeconds < 10) {
    r.problem(
      `REDRIVE_POLL_SECONDS must be 0 (off) or at least 10, to keep CloudWatch API calls low (got "${pollSeconds}")`,
    );
  }
  const prefix = r.get('REDRIVE_ALARM_PREFIX');
  const channel = parseChannelId('REDRIVE_ALARM_CHANNEL', r.get('REDRIVE_ALARM_CHANNEL'), r);
  const bounceMinutes = r.int('REDRIVE_BOUNCE_MINUTES', ALARM_DEFAULTS.bounceMinutes, 1);
  const intake = snsTopics.length > 0 || r.get('REDRIVE_EVENTS_TOKEN') !== undefined || pollSeconds > 0;
  const routes = (rules?.alarmRoutes.length ?? 0) > 0;
  if (intake && r.get('REDRIVE_ALARM_CHANNEL') === undefined && !routes && (rules || !rulesGiven)) {
    r.problem(
      'Alarm intake is on (REDRIVE_SNS_TOPICS, REDRIVE_EVENTS_TOKEN or REDRIVE_POLL_SECONDS) but alarms have ' +
        'nowhere to go: set REDRIVE_ALARM_CHANNEL or add alarmRoutes to the rules file',
    );
  }
  return {
    snsTopics,
    eventsHeader,
    pollSeconds,
    bounceMinutes,
    ...optional('eventsToken', eventsToken),
    ...optional('prefix', prefix),
    ...optional('channel', channel),
  };
}

// The alarm intake routes that are switched on by the config: SNS with REDRIVE_SNS_TOPICS, EventBridge with a token.

import type { CustomRoute } from '@slack/bolt';
import type { AlarmConfig } from '../config/alarms.ts';
import type { AlarmSink } from '../core/alarms/alarm.ts';
import type { Logger } from '../core/job/types.ts';
import { eventsRoute } from './events-route.ts';
import { snsRoute } from './sns-route.ts';

/** Routes to pass to the Bolt app as `customRoutes`; empty when no HTTP intake is configured. */
export function alarmRoutes(
  config: Pick<AlarmConfig, 'snsTopics' | 'eventsToken' | 'eventsHeader'>,
  sink: AlarmSink,
  logger: Logger,
): CustomRoute[] {
  const routes: CustomRoute[] = [];
  if (config.snsTopics.length > 0) routes.push(snsRoute({ topics: config.snsTopics, sink, logger }));
  if (config.eventsToken !== undefined) {
    routes.push(eventsRoute({ token: config.eventsToken, header: config.eventsHeader, sink, logger }));
  }
  return routes;
}

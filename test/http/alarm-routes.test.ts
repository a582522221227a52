// Tests that each alarm intake route exists only when its setting is there.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alarmRoutes } from '../../src/http/alarm-routes.ts';
import { createLogger } from '../../src/logger.ts';

const sink = async () => {};
const logger = createLogger('error', () => {});
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:dlq-alarms';

describe('alarmRoutes', () => {
  it('registers /aws/sns only with topics and /aws/events only with a token', () => {
    const paths = (config: Parameters<typeof alarmRoutes>[0]) => alarmRoutes(config, sink, logger).map((r) => r.path);
    assert.deepEqual(paths({ snsTopics: [], eventsHeader: 'x-redrive-token' }), []);
    assert.deepEqual(paths({ snsTopics: [TOPIC], eventsHeader: 'x-redrive-token' }), ['/aws/sns']);
    assert.deepEqual(paths({ snsTopics: [], eventsHeader: 'x-redrive-token', eventsToken: 't'.repeat(20) }), [
      '/aws/events',
    ]);
    assert.deepEqual(paths({ snsTopics: [TOPIC], eventsHeader: 'x-redrive-token', eventsToken: 't'.repeat(20) }), [
      '/aws/sns',
      '/aws/events',
    ]);
  });
});

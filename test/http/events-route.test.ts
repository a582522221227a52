// Tests for POST /aws/events on a real Bolt app: the token header, alarms to the sink, ignored and malformed events.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Alarm } from '../../src/core/alarms/alarm.ts';
import { parseEventBridgeAlarm } from '../../src/core/alarms/parse-eventbridge.ts';
import { EVENTS_PATH, eventsRoute } from '../../src/http/events-route.ts';
import { createLogger } from '../../src/logger.ts';
import { eventBridgeAlarm } from '../support/aws-samples.ts';
import { type RoutesServer, startRoutes } from '../support/bolt-routes.ts';

const TOKEN = 'a-long-shared-secret-0123456789';
const HEADER = 'x-redrive-token';
const EXPECTED = (parseEventBridgeAlarm(eventBridgeAlarm()) as { alarm: Alarm }).alarm;

let server: RoutesServer;
const alarms: Alarm[] = [];
const logs: string[] = [];
let sinkFailures = 0;

before(async () => {
  const route = eventsRoute({
    token: TOKEN,
    header: 'X-Redrive-Token',
    sink: async (alarm) => {
      if (sinkFailures > 0) {
        sinkFailures -= 1;
        throw new Error('Slack is down');
      }
      alarms.push(alarm);
    },
    logger: createLogger('debug', (line) => logs.push(line)),
  });
  server = await startRoutes([route]);
});

after(() => server?.close());

beforeEach(() => {
  alarms.length = 0;
  logs.length = 0;
});

function event(changes: Record<string, unknown> = {}) {
  return JSON.stringify({ ...eventBridgeAlarm(), id: randomUUID(), ...changes });
}

/** `token: null` sends no token header. */
function send(body: string, token: string | null = TOKEN) {
  return server.post(EVENTS_PATH, body, {
    'content-type': 'application/json',
    ...(token === null ? {} : { [HEADER]: token }),
  });
}

describe('POST /aws/events', () => {
  it('hands the alarm to the sink when the token is right', async () => {
    assert.deepEqual(await send(event()), { status: 200, json: { status: 'accepted' } });
    assert.deepEqual(alarms, [EXPECTED]);
  });

  it('answers 401 without the token header or with a wrong token, logging why but never the token', async () => {
    const missing = await send(event(), null);
    const wrong = await send(event(), `${TOKEN}x`);
    const shorter = await send(event(), 'short');
    assert.deepEqual([missing.status, wrong.status, shorter.status], [401, 401, 401]);
    assert.deepEqual(alarms, []);
    const reasons = logs.map((l) => JSON.parse(l)).filter((l) => l.msg === 'rejected an EventBridge request');
    assert.deepEqual(
      reasons.map((r) => r.reason),
      ['no x-redrive-token header', 'wrong x-redrive-token value', 'wrong x-redrive-token value'],
    );
    assert.doesNotMatch(logs.join('\n'), /a-long-shared-secret|short/);
  });

  it('answers 200 with the reason to an alarm that is not on SQS, and does not call the sink', async () => {
    const ec2 = eventBridgeAlarm() as { detail: { configuration: { metrics: unknown[] } } };
    ec2.detail.configuration.metrics = [
      { id: 'm1', metricStat: { metric: { namespace: 'AWS/EC2', name: 'CPUUtilization', dimensions: {} } } },
    ];
    const answer = await send(JSON.stringify(ec2));
    assert.deepEqual(answer, {
      status: 200,
      json: { status: 'ignored', reason: 'not an SQS alarm (namespace AWS/EC2)' },
    });
    assert.deepEqual(alarms, []);
  });

  it('answers 400 to a malformed body', async () => {
    assert.equal((await send('{"detail-type": ')).status, 400);
    assert.equal((await send('[1, 2]')).status, 400);
    assert.deepEqual(alarms, []);
  });

  it('answers 413 to a body over the limit, also when it arrives without a length', async () => {
    assert.equal((await send(`"${'x'.repeat(300 * 1024)}"`)).status, 413);
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 40; i += 1) controller.enqueue(new Uint8Array(16 * 1024).fill(32));
        controller.close();
      },
    });
    const streamed = await fetch(`${server.url}${EVENTS_PATH}`, {
      method: 'POST',
      headers: { [HEADER]: TOKEN },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    await streamed.body?.cancel();
    assert.equal(streamed.status, 413);
  });

  it('drops a redelivery of the same event id, and takes the retry after a failed hand-off', async () => {
    const body = event();
    sinkFailures = 1;
    const failed = await send(body);
    const retried = await send(body);
    const duplicate = await send(body);
    assert.deepEqual([failed.status, retried.status, duplicate.status], [500, 200, 200]);
    assert.deepEqual(duplicate.json, { status: 'duplicate' });
    assert.deepEqual(alarms, [EXPECTED]);
  });

  it('answers before a slow sink finishes, and the sink still gets the alarm', async () => {
    let release = () => {};
    const slow: Alarm[] = [];
    const routes = await startRoutes([
      eventsRoute({
        token: TOKEN,
        header: HEADER,
        sinkWaitMs: 20,
        logger: createLogger('error', () => {}),
        sink: async (alarm) => {
          await new Promise<void>((resolve) => {
            release = resolve;
          });
          slow.push(alarm);
        },
      }),
    ]);
    try {
      const answer = await routes.post(EVENTS_PATH, event(), { [HEADER]: TOKEN });
      assert.deepEqual([answer.status, slow.length], [200, 0]);
      release();
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(slow, [EXPECTED]);
    } finally {
      await routes.close();
    }
  });
});

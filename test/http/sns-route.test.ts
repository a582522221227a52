// Tests for POST /aws/sns on a real Bolt app: signed v1/v2 alarms, forgeries, topics, confirmations, redeliveries.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Alarm } from '../../src/core/alarms/alarm.ts';
import { parseCloudWatchAlarm } from '../../src/core/alarms/parse-cloudwatch.ts';
import { SNS_PATH, snsRoute } from '../../src/http/sns-route.ts';
import { createSnsVerifier } from '../../src/http/sns-verify.ts';
import { createLogger } from '../../src/logger.ts';
import { cloudWatchAlarmMessage, snsNotification, snsSubscriptionConfirmation } from '../support/aws-samples.ts';
import { type RoutesServer, startRoutes } from '../support/bolt-routes.ts';
import { type SnsSigner, startSnsSigner } from '../support/sns-signer.ts';

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:dlq-alarms';
const OTHER_TOPIC = 'arn:aws:sns:us-east-1:123456789012:someone-elses-topic';
const EXPECTED = (parseCloudWatchAlarm(snsNotification().Message as string) as { alarm: Alarm }).alarm;

let signer: SnsSigner;
let server: RoutesServer;
const alarms: Alarm[] = [];
const confirmed: string[] = [];
const logs: string[] = [];
let sinkFailures = 0;

before(async () => {
  signer = await startSnsSigner();
  const route = snsRoute({
    topics: [TOPIC],
    sink: async (alarm) => {
      if (sinkFailures > 0) {
        sinkFailures -= 1;
        throw new Error('Slack is down');
      }
      alarms.push(alarm);
    },
    logger: createLogger('debug', (line) => logs.push(line)),
    verify: createSnsVerifier({ requestAgent: signer.agent }),
    confirm: async (url) => {
      confirmed.push(url);
    },
  });
  server = await startRoutes([route]);
});

after(async () => {
  await server?.close();
  await signer?.close();
});

beforeEach(() => {
  alarms.length = 0;
  confirmed.length = 0;
  logs.length = 0;
});

/** The sample notification with a fresh MessageId (and any changes), unsigned. */
function notification(changes: Record<string, unknown> = {}) {
  return { ...snsNotification(), MessageId: randomUUID(), ...changes };
}

function post(message: unknown) {
  return server.post(SNS_PATH, JSON.stringify(message), { 'x-amz-sns-message-type': 'Notification' });
}

/** Log lines at warn level or above saying a message was rejected. */
function rejections(): { reason: string }[] {
  return logs.map((l) => JSON.parse(l)).filter((l) => l.msg === 'rejected an SNS message');
}

describe('POST /aws/sns', () => {
  for (const version of ['1', '2'] as const) {
    it(`hands a signed SignatureVersion ${version} alarm to the sink once`, async () => {
      const answer = await post(signer.sign(notification(), version));
      assert.deepEqual(answer, { status: 200, json: { status: 'accepted' } });
      assert.deepEqual(alarms, [EXPECTED]);
    });
  }

  it('refuses a message whose Message was changed after signing, and keeps it out of the log', async () => {
    const signed = signer.sign(notification(), '2');
    const tampered = { ...signed, Message: (signed.Message as string).replace('orders-dlq', 'payments-dlq') };
    const answer = await post(tampered);
    assert.deepEqual(answer, { status: 403, json: { error: 'forbidden' } });
    assert.deepEqual(alarms, []);
    assert.equal(rejections().length, 1);
    assert.match(rejections()[0]?.reason ?? '', /Invalid Signature/);
    assert.doesNotMatch(logs.join('\n'), /payments-dlq|Threshold Crossed/);
  });

  it('refuses a message signed with a valid certificate served from a host that is not SNS, without fetching it', async () => {
    const before = signer.certRequests().length;
    const answer = await post(signer.sign(notification(), '2', signer.localCertUrl));
    assert.equal(answer.status, 403);
    assert.deepEqual(alarms, []);
    assert.equal(signer.certRequests().length, before);
    assert.match(rejections()[0]?.reason ?? '', /not an https URL on an SNS host/);
  });

  it('refuses an http:// certificate URL on an SNS host', async () => {
    const answer = await post(signer.sign(notification(), '2', signer.certUrl.replace('https:', 'http:')));
    assert.equal(answer.status, 403);
    assert.deepEqual(alarms, []);
  });

  it('refuses a correctly signed message from a topic not in REDRIVE_SNS_TOPICS', async () => {
    const answer = await post(signer.sign(notification({ TopicArn: OTHER_TOPIC }), '2'));
    assert.equal(answer.status, 403);
    assert.deepEqual(alarms, []);
    assert.match(rejections()[0]?.reason ?? '', /topic not in REDRIVE_SNS_TOPICS/);
  });

  it('confirms the subscription of an allowed topic by fetching its SubscribeURL', async () => {
    const confirmation = signer.sign({ ...snsSubscriptionConfirmation(), MessageId: randomUUID() }, '2');
    const answer = await post(confirmation);
    assert.deepEqual(answer, { status: 200, json: { status: 'confirmed' } });
    assert.deepEqual(confirmed, [confirmation.SubscribeURL]);
  });

  it('does not confirm a subscription of another topic, or one whose SubscribeURL is not on an SNS host', async () => {
    const base = { ...snsSubscriptionConfirmation(), MessageId: randomUUID() };
    const otherTopic = await post(signer.sign({ ...base, TopicArn: OTHER_TOPIC }, '2'));
    const elsewhere = await post(signer.sign({ ...base, SubscribeURL: 'https://attacker.example/confirm' }, '1'));
    assert.deepEqual([otherTopic.status, elsewhere.status], [403, 403]);
    assert.deepEqual(confirmed, []);
  });

  it('answers a redelivery (same MessageId) with 200 and does not call the sink again', async () => {
    const signed = signer.sign(notification(), '2');
    const first = await post(signed);
    const again = await post(signed);
    assert.deepEqual([first.status, again.status], [200, 200]);
    assert.deepEqual(again.json, { status: 'duplicate' });
    assert.equal(alarms.length, 1);
  });

  it('answers 500 when the sink fails, and takes SNS retry of the same message', async () => {
    sinkFailures = 1;
    const signed = signer.sign(notification(), '1');
    const failed = await post(signed);
    const retried = await post(signed);
    assert.deepEqual([failed.status, retried.status], [500, 200]);
    assert.deepEqual(alarms, [EXPECTED]);
  });

  it('acknowledges a notification that is not an SQS alarm without calling the sink', async () => {
    const message = { ...cloudWatchAlarmMessage(), Trigger: { MetricName: 'Errors', Namespace: 'AWS/Lambda' } };
    const answer = await post(signer.sign(notification({ Message: JSON.stringify(message) }), '2'));
    assert.deepEqual(answer, {
      status: 200,
      json: { status: 'ignored', reason: 'not an SQS alarm (namespace AWS/Lambda)' },
    });
    assert.deepEqual(alarms, []);
  });

  it('acknowledges an UnsubscribeConfirmation with a log line', async () => {
    const unsubscribe = { ...snsSubscriptionConfirmation(), Type: 'UnsubscribeConfirmation', MessageId: randomUUID() };
    const answer = await post(signer.sign(unsubscribe, '2'));
    assert.equal(answer.status, 200);
    assert.ok(logs.some((l) => JSON.parse(l).msg === 'SNS unsubscribed this endpoint from the topic'));
    assert.deepEqual(confirmed, []);
  });

  it('answers 400 to a body that is not an SNS message and 413 to an oversized one', async () => {
    assert.equal((await server.post(SNS_PATH, '{"Type": "Notific')).status, 400);
    assert.equal((await server.post(SNS_PATH, '{"Type": "Hello"}')).status, 400);
    assert.equal((await server.post(SNS_PATH, 'x'.repeat(300 * 1024))).status, 413);
    assert.deepEqual(alarms, []);
  });
});

describe('POST /aws/sns certificate downloads', () => {
  it('caches the certificate, and does not keep a failed download (an HTTP error page) cached', async () => {
    const local = await startSnsSigner();
    const seen: Alarm[] = [];
    const routes = await startRoutes([
      snsRoute({
        topics: [TOPIC],
        sink: async (alarm) => {
          seen.push(alarm);
        },
        logger: createLogger('error', () => {}),
        verify: createSnsVerifier({ requestAgent: local.agent }),
      }),
    ]);
    try {
      local.failNextDownloads(1);
      const answers = [];
      for (let i = 0; i < 4; i += 1) {
        const signed = local.sign(notification(), i % 2 === 0 ? '2' : '1');
        answers.push((await routes.post(SNS_PATH, JSON.stringify(signed))).status);
      }
      assert.deepEqual(answers, [200, 200, 200, 200]);
      assert.equal(seen.length, 4);
      // The error page, one fresh download to tell it from a forgery, then the new cache's one download.
      assert.equal(local.certRequests().length, 3);
    } finally {
      await routes.close();
      await local.close();
    }
  });
});

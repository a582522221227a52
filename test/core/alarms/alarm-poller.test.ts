// The polling intake against the CloudWatch stand-in with the real SDK: which alarms reach the sink, and when.

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { Alarm } from '../../../src/core/alarms/alarm.ts';
import {
  type AlarmPollerOptions,
  createAlarmPoller,
  createMemoryPollState,
  type PollState,
} from '../../../src/core/alarms/alarm-poller.ts';
import { type FakeCloudWatch, queueDepthAlarm, startFakeCloudWatch } from '../../support/fake-cloudwatch.ts';

interface LogLine {
  level: string;
  message: string;
  detail?: Record<string, unknown>;
}

function recordingLogger(lines: LogLine[]): AlarmPollerOptions['logger'] {
  const at = (level: string) => (message: string, detail?: Record<string, unknown>) =>
    void lines.push({ level, message, ...(detail ? { detail } : {}) });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('alarm poller', () => {
  let cw: FakeCloudWatch;
  let client: CloudWatchClient;
  let heard: Alarm[];
  let logs: LogLine[];
  let store: PollState;
  let n = 0;
  /** Alarm names unique to each test, so tests never see each other's alarms (they share one stand-in). */
  let prefix: string;

  const poller = (overrides: Partial<AlarmPollerOptions> = {}) =>
    createAlarmPoller({
      cloudwatch: client,
      intervalSec: 60,
      prefix,
      sink: async (alarm) => void heard.push(alarm),
      logger: recordingLogger(logs),
      store,
      ...overrides,
    });
  const heardNames = () => heard.map((a) => `${a.name.slice(prefix.length)}=${a.state}`);

  before(async () => {
    cw = await startFakeCloudWatch();
    client = cw.client();
  });
  after(() => cw.stop());
  beforeEach(() => {
    n += 1;
    prefix = `t${n}-`;
    heard = [];
    logs = [];
    store = createMemoryPollState();
  });

  test('the first poll reports the alarms in ALARM, not the OK ones', async () => {
    cw.setAlarm(queueDepthAlarm(`${prefix}orders`, 'orders-dlq'));
    cw.setAlarm(queueDepthAlarm(`${prefix}payments`, 'payments-dlq', { Threshold: 10 }));
    cw.setState(`${prefix}payments`, 'ALARM', 'Threshold Crossed: 1 datapoint [42.0] was greater than 10.0');
    assert.equal(await poller().pollOnce(), 1);
    assert.deepEqual(heardNames(), ['payments=ALARM']);
    const [alarm] = heard;
    assert.equal(alarm?.queueName, 'payments-dlq');
    assert.equal(alarm?.threshold, 10);
    assert.equal(alarm?.source, 'poll');
    assert.match(alarm?.reason ?? '', /42\.0/);
    const describe = cw.calls.filter((c) => c.operation === 'DescribeAlarms').at(-1);
    assert.deepEqual(describe?.input, { AlarmNamePrefix: prefix, AlarmTypes: ['MetricAlarm'], MaxRecords: 100 });
  });

  test('a state change between polls reaches the sink once; no change, no call', async () => {
    cw.setAlarm(queueDepthAlarm(`${prefix}orders`, 'orders-dlq'));
    const p = poller();
    assert.equal(await p.pollOnce(), 0);
    cw.setState(`${prefix}orders`, 'ALARM');
    assert.equal(await p.pollOnce(), 1);
    assert.equal(await p.pollOnce(), 0);
    cw.setState(`${prefix}orders`, 'OK');
    assert.equal(await p.pollOnce(), 1);
    assert.equal(await p.pollOnce(), 0);
    assert.deepEqual(heardNames(), ['orders=ALARM', 'orders=OK']);
    assert.equal(heard[1]?.previousState, 'ALARM');
  });

  test('a re-fire between two polls (ALARM → OK → ALARM) is reported again', async () => {
    cw.setAlarm(queueDepthAlarm(`${prefix}orders`, 'orders-dlq'));
    cw.setState(`${prefix}orders`, 'ALARM');
    const p = poller();
    await p.pollOnce();
    cw.setState(`${prefix}orders`, 'OK');
    cw.setState(`${prefix}orders`, 'ALARM');
    assert.equal(await p.pollOnce(), 1);
    assert.deepEqual(heardNames(), ['orders=ALARM', 'orders=ALARM']);
    assert.ok((heard[1]?.changedAt ?? 0) > (heard[0]?.changedAt ?? 0));
  });

  test('a reason update without a state change is not a change', async () => {
    cw.setAlarm(queueDepthAlarm(`${prefix}orders`, 'orders-dlq'));
    cw.setState(`${prefix}orders`, 'ALARM', 'Threshold Crossed: 5');
    const p = poller();
    await p.pollOnce();
    cw.setState(`${prefix}orders`, 'ALARM', 'Threshold Crossed: 9');
    assert.equal(await p.pollOnce(), 0);
  });

  test('an alarm listed without state times is compared by its state alone', async () => {
    const noTimes = {
      StateValue: 'ALARM' as const,
      StateUpdatedTimestamp: undefined,
      StateTransitionedTimestamp: undefined,
    };
    cw.setAlarm(queueDepthAlarm(`${prefix}orders`, 'orders-dlq', noTimes));
    const p = poller();
    assert.equal(await p.pollOnce(), 1);
    assert.equal(await p.pollOnce(), 0);
  });

  test('changes that happened while the bot was down are reported by the next poller sharing the state', async () => {
    cw.setAlarm(queueDepthAlarm(`${prefix}orders`, 'orders-dlq'));
    cw.setAlarm(queueDepthAlarm(`${prefix}payments`, 'payments-dlq'));
    cw.setState(`${prefix}payments`, 'ALARM');
    const before = poller();
    await before.pollOnce();
    await before.stop();
    cw.setState(`${prefix}orders`, 'ALARM');
    cw.setState(`${prefix}payments`, 'OK');
    heard = [];
    assert.equal(await poller().pollOnce(), 2);
    assert.deepEqual(heardNames().sort(), ['orders=ALARM', 'payments=OK']);
    assert.equal(heard.find((a) => a.state === 'OK')?.previousState, 'ALARM');
  });

  test('the prefix is honoured: other alarms are neither listed nor reported', async () => {
    cw.setAlarm(queueDepthAlarm(`${prefix}orders`, 'orders-dlq'));
    cw.setState(`${prefix}orders`, 'ALARM');
    cw.setAlarm(queueDepthAlarm(`other-${prefix}orders`, 'orders-dlq'));
    cw.setState(`other-${prefix}orders`, 'ALARM');
    assert.equal(await poller().pollOnce(), 1);
    assert.deepEqual(
      heard.map((a) => a.name),
      [`${prefix}orders`],
    );
  });

  test('non-SQS alarms, other SQS metrics and queue-less metric math are skipped; only the last is a warning', async () => {
    cw.setAlarm({ AlarmName: `${prefix}api-5xx`, Namespace: 'AWS/ApiGateway', MetricName: '5XXError' });
    cw.setAlarm(queueDepthAlarm(`${prefix}age`, 'orders-dlq', { MetricName: 'ApproximateAgeOfOldestMessage' }));
    const math = {
      Id: 'm1',
      MetricStat: { Metric: { Namespace: 'AWS/SQS', MetricName: 'NumberOfMessagesSent' }, Period: 60, Stat: 'Sum' },
    };
    cw.setAlarm({ AlarmName: `${prefix}math`, Metrics: [{ Id: 'e1', Expression: 'm1 * 2' }, math] });
    for (const name of ['api-5xx', 'age', 'math']) cw.setState(`${prefix}${name}`, 'ALARM');
    const p = poller();
    assert.equal(await p.pollOnce(), 0);
    assert.deepEqual(heard, []);
    const warnings = logs.filter((l) => l.level === 'warn');
    assert.equal(warnings.length, 1);
    assert.match(String(warnings[0]?.detail?.reason), new RegExp(`^${prefix}math: .*QueueName`));
    assert.equal(logs.filter((l) => l.level === 'debug').length, 2);
    await p.pollOnce();
    assert.equal(logs.filter((l) => l.level !== 'info').length, 3, 'each skipped alarm is logged once per run');
  });

  test('a metric-math alarm on a queue depth is reported with its queue', async () => {
    const visible = {
      Id: 'visible',
      ReturnData: false,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/SQS',
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [{ Name: 'QueueName', Value: 'orders-dlq' }],
        },
        Period: 60,
        Stat: 'Maximum',
      },
    };
    cw.setAlarm({
      AlarmName: `${prefix}math`,
      Metrics: [{ Id: 'e1', Expression: 'visible', ReturnData: true }, visible],
    });
    cw.setState(`${prefix}math`, 'ALARM');
    assert.equal(await poller().pollOnce(), 1);
    assert.equal(heard[0]?.queueName, 'orders-dlq');
  });

  test('every page is read when there are more alarms than one page holds', async () => {
    for (let i = 0; i < 230; i++) {
      cw.setAlarm(queueDepthAlarm(`${prefix}q${String(i).padStart(3, '0')}`, `q${i}-dlq`));
      if (i % 50 === 7) cw.setState(`${prefix}q${String(i).padStart(3, '0')}`, 'ALARM');
    }
    const callsBefore = cw.calls.length;
    assert.equal(await poller().pollOnce(), 5);
    assert.deepEqual(heard.map((a) => a.queueName).sort(), ['q107-dlq', 'q157-dlq', 'q207-dlq', 'q57-dlq', 'q7-dlq']);
    const pages = cw.calls.slice(callsBefore);
    assert.equal(pages.length, 3);
    assert.equal(pages[0]?.input.NextToken, undefined);
    assert.equal(typeof pages[2]?.input.NextToken, 'string');
  });

  test('a throttled or failing DescribeAlarms is logged; the next poll works and reports what changed', async () => {
    cw.setAlarm(queueDepthAlarm(`${prefix}orders`, 'orders-dlq'));
    const p = poller();
    await p.pollOnce();
    cw.setState(`${prefix}orders`, 'ALARM');
    cw.failNext('throttle', { operation: 'DescribeAlarms' });
    assert.equal(await p.pollOnce(), 0);
    cw.failNext('http500', { operation: 'DescribeAlarms' });
    assert.equal(await p.pollOnce(), 0);
    assert.deepEqual(
      logs.filter((l) => l.level === 'warn').map((l) => l.detail?.error),
      ['Throttling', 'InternalServiceFault'],
    );
    assert.deepEqual(heard, []);
    assert.equal(await p.pollOnce(), 1);
    assert.deepEqual(heardNames(), ['orders=ALARM']);
  });

  test('a failing sink leaves the change unseen, so the next poll offers it again', async () => {
    cw.setAlarm(queueDepthAlarm(`${prefix}orders`, 'orders-dlq'));
    cw.setState(`${prefix}orders`, 'ALARM');
    let fail = true;
    const p = poller({
      sink: async (alarm) => {
        if (fail) throw new Error('Slack is down');
        heard.push(alarm);
      },
    });
    assert.equal(await p.pollOnce(), 0);
    assert.match(logs.find((l) => l.level === 'error')?.message ?? '', /sink failed/);
    fail = false;
    assert.equal(await p.pollOnce(), 1);
    assert.equal(await p.pollOnce(), 0);
  });

  test('polls never overlap, and stop() waits for the poll in flight', async () => {
    cw.setAlarm(queueDepthAlarm(`${prefix}orders`, 'orders-dlq'));
    cw.setState(`${prefix}orders`, 'ALARM');
    let release = () => {};
    let inSink = false;
    const p = poller({
      sink: async (alarm) => {
        inSink = true;
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        heard.push(alarm);
      },
    });
    const describes = () => cw.calls.filter((c) => c.input.AlarmNamePrefix === prefix).length;
    const first = p.pollOnce();
    const second = p.pollOnce();
    while (!inSink) await new Promise((resolve) => setImmediate(resolve));
    let stopped = false;
    const stopping = p.stop().then(() => {
      stopped = true;
    });
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(stopped, false, 'stop() must wait for the poll in flight');
    assert.equal(describes(), 1, 'the second poll must not start while the first runs');
    release();
    await stopping;
    assert.equal(await first, 1);
    assert.equal(await second, 0, 'the second poll runs after the first and sees nothing new');
    assert.equal(describes(), 2);
    assert.deepEqual(heardNames(), ['orders=ALARM']);
  });

  test('start() polls at once and on every interval until stop()', async () => {
    cw.setAlarm(queueDepthAlarm(`${prefix}orders`, 'orders-dlq'));
    cw.setState(`${prefix}orders`, 'ALARM');
    const describes = () => cw.calls.filter((c) => c.input.AlarmNamePrefix === prefix).length;
    const p = poller({ intervalSec: 0 });
    p.start();
    while (describes() < 3) await new Promise((resolve) => setImmediate(resolve));
    await p.stop();
    const after = describes();
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(describes(), after, 'no poll after stop()');
    assert.deepEqual(heardNames(), ['orders=ALARM']);
  });
});

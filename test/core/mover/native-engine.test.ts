// Tests of the native engine against local-aws-sqs (real move tasks) and fauxqs (an endpoint without them).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { BadInputError, BusyError, QueueNotFoundError, UnsupportedError } from '../../../src/core/errors.ts';
import { createNativeEngine, followMoveTask } from '../../../src/core/mover/native-engine.ts';
import type { MoveProgress } from '../../../src/core/mover/types.ts';
import type { QueueRef } from '../../../src/core/queues/queue-ref.ts';
import { resolveQueue } from '../../../src/core/queues/resolve.ts';
import { type LocalAwsSqs, startFauxqsPeer, startLocalAwsSqsPeer } from '../../support/sqs-peers.ts';

let peer: LocalAwsSqs;
const POLL = { pollIntervalMs: 50 };
const engine = () => createNativeEngine(peer.sqs, POLL);

before(async () => {
  peer = await startLocalAwsSqsPeer();
});
after(() => peer.stop());

/** `name-dlq` holding `count` messages, and `name` whose RedrivePolicy names it (`name-dlq` is its DLQ). */
async function dlqWithSource(
  name: string,
  count: number,
): Promise<{ dlq: QueueRef; source: QueueRef; bodies: string[] }> {
  const dlq = await createQueue(`${name}-dlq`);
  const RedrivePolicy = JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 3 });
  const source = await createQueue(name, { RedrivePolicy });
  const bodies = Array.from({ length: count }, (_, i) => `${name}-${i}`);
  for (let i = 0; i < count; i += 10) {
    const Entries = bodies.slice(i, i + 10).map((MessageBody, k) => ({ Id: `m${k}`, MessageBody }));
    await peer.sqs.send(new SendMessageBatchCommand({ QueueUrl: dlq.url, Entries }));
  }
  return { dlq, source, bodies };
}

async function createQueue(name: string, Attributes?: Record<string, string>): Promise<QueueRef> {
  const { QueueUrl } = await peer.sqs.send(
    new CreateQueueCommand({ QueueName: name, ...(Attributes ? { Attributes } : {}) }),
  );
  return resolveQueue(peer.sqs, QueueUrl ?? assert.fail('no queue URL'));
}

/** Messages in a queue, visible or not. */
async function depth(queue: QueueRef): Promise<number> {
  const { Attributes = {} } = await peer.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queue.url,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible);
}

/** Receives every message of a queue (hiding them for a minute) and returns the bodies, sorted. */
async function drain(queue: QueueRef): Promise<string[]> {
  const bodies: string[] = [];
  for (;;) {
    const { Messages = [] } = await peer.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, VisibilityTimeout: 60 }),
    );
    if (Messages.length === 0) return bodies.sort();
    bodies.push(...Messages.map((m) => m.Body ?? ''));
  }
}

async function tasksOf(queue: QueueRef) {
  return (await peer.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: queue.arn, MaxResults: 10 }))).Results ?? [];
}

function rejectsWith<T extends Error>(type: new (...args: never[]) => T, message: RegExp) {
  return (err: unknown) => {
    assert.ok(err instanceof type, `expected ${type.name}, got ${String(err)}`);
    assert.match(err.message, message);
    return true;
  };
}

describe('native engine on local-aws-sqs', { concurrency: true }, () => {
  test('moves every message from the DLQ back to its source, reporting progress', async () => {
    const { dlq, source, bodies } = await dlqWithSource('orders', 20);
    const progress: MoveProgress[] = [];
    const started: string[] = [];
    const native = createNativeEngine(peer.sqs, { ...POLL, onTaskStarted: (t) => started.push(t.taskHandle) });
    const result = await native.move({
      source: dlq,
      destination: source,
      ratePerSec: 10,
      onProgress: (p) => progress.push(p),
    });
    assert.equal(result.engine, 'native');
    assert.equal(result.stoppedBy, 'done');
    assert.equal(result.moved, 20);
    assert.equal(result.failed, 0);
    assert.equal(result.error, undefined);
    assert.ok(result.taskHandle);
    assert.deepEqual(started, [result.taskHandle]);
    assert.ok(result.durationMs >= 1000, `took ${result.durationMs} ms`);
    assert.ok(result.ratePerSec > 0 && result.ratePerSec <= 20, `rate ${result.ratePerSec}`);
    assert.equal(await depth(dlq), 0);
    assert.deepEqual(await drain(source), [...bodies].sort());

    assert.ok(progress.length >= 2, 'progress while moving');
    assert.ok(progress.every((p) => p.engine === 'native' && p.total === 20));
    assert.ok(
      progress.some((p) => p.moved > 0 && p.moved < 20),
      `an intermediate count among ${progress.map((p) => p.moved)}`,
    );
    assert.deepEqual(
      progress.map((p) => p.moved),
      progress.map((p) => p.moved).sort((a, b) => a - b),
    );
    assert.equal(progress.at(-1)?.moved, 20);
    const middle = progress.find((p) => p.moved > 0 && p.moved < 20);
    assert.ok(middle?.etaSec !== undefined && middle.etaSec > 0 && middle.ratePerSec > 0);
  });

  test('a rate above 500 is refused before anything starts', async () => {
    const { dlq, source } = await dlqWithSource('fast', 3);
    await assert.rejects(
      engine().move({ source: dlq, destination: source, ratePerSec: 501 }),
      rejectsWith(BadInputError, /above the 500\/s a move task allows/),
    );
    assert.deepEqual(await tasksOf(dlq), []);
    assert.equal(await depth(dlq), 3);
  });

  test('client-only options are refused by name before anything starts', async () => {
    const { dlq, source } = await dlqWithSource('picky', 3);
    const filter = { kind: 'substring', text: 'x' } as const;
    await assert.rejects(
      engine().move({ source: dlq, destination: source, limit: 2, filter, dryRun: true }),
      rejectsWith(BadInputError, /cannot do --limit, --dry-run, --filter: use --engine client/),
    );
    await assert.rejects(
      engine().move({ source: dlq, destination: source, maxRedrives: 1, groupId: 'g' }),
      rejectsWith(BadInputError, /--max-redrives, --group-id/),
    );
    assert.deepEqual(await tasksOf(dlq), []);
  });

  test('a source that is not a dead-letter queue is refused with the reason', async () => {
    const plain = await createQueue('plain');
    const other = await createQueue('plain-target');
    await assert.rejects(
      engine().move({ source: plain, destination: other }),
      rejectsWith(BadInputError, /^Cannot start a move task from plain: it is not a dead-letter queue/),
    );
  });

  test('a destination that does not exist is named', async () => {
    const { dlq, source } = await dlqWithSource('lost', 2);
    const ghost = { ...source, name: 'ghost', arn: source.arn.replace(/lost$/, 'ghost') };
    await assert.rejects(engine().move({ source: dlq, destination: ghost }), rejectsWith(QueueNotFoundError, /ghost/));
    assert.equal(await depth(dlq), 2);
  });

  test('standard → FIFO is refused before AWS is asked', async () => {
    const { dlq } = await dlqWithSource('typed', 1);
    const fifo = { ...dlq, name: 'typed.fifo', arn: `${dlq.arn}.fifo`, fifo: true };
    await assert.rejects(
      engine().move({ source: dlq, destination: fifo }),
      rejectsWith(BadInputError, /typed-dlq is standard while typed.fifo is FIFO/),
    );
  });

  test('a second move while a task runs for the source is refused, naming the running task', async () => {
    const { dlq, source } = await dlqWithSource('busy', 10);
    const running = new AbortController();
    const first = engine().move({ source: dlq, destination: source, ratePerSec: 1, signal: running.signal });
    await waitFor(async () => (await tasksOf(dlq)).some((t) => t.Status === 'RUNNING'));
    const [task] = await tasksOf(dlq);
    const taskId = JSON.parse(Buffer.from(task?.TaskHandle ?? '', 'base64').toString()).taskId as string;
    await assert.rejects(
      engine().move({ source: dlq, destination: source }),
      rejectsWith(
        BusyError,
        new RegExp(`from busy-dlq: another move task is already running for it \\(task ${taskId}`),
      ),
    );
    running.abort();
    assert.equal((await first).stoppedBy, 'cancelled');
  });

  test('abort cancels the task in SQS and reports what had moved; nothing is lost', async () => {
    const { dlq, source, bodies } = await dlqWithSource('halt', 30);
    const controller = new AbortController();
    const progress: MoveProgress[] = [];
    const result = await engine().move({
      source: dlq,
      destination: source,
      ratePerSec: 5,
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p);
        if (p.moved >= 5) controller.abort();
      },
    });
    assert.equal(result.stoppedBy, 'cancelled');
    assert.ok(result.moved >= 5 && result.moved < 30, `moved ${result.moved}`);
    assert.equal(result.error, undefined);
    assert.deepEqual(
      (await tasksOf(dlq)).map((t) => t.Status),
      ['CANCELLED'],
    );
    const moved = await drain(source);
    assert.equal(moved.length, result.moved);
    assert.deepEqual([...moved, ...(await drain(dlq))].sort(), [...bodies].sort());
  });

  test('a signal aborted before the start starts nothing', async () => {
    const { dlq, source } = await dlqWithSource('early', 2);
    const result = await engine().move({ source: dlq, destination: source, signal: AbortSignal.abort() });
    assert.equal(result.stoppedBy, 'cancelled');
    assert.equal(result.moved, 0);
    assert.deepEqual(await tasksOf(dlq), []);
  });

  test('a task that fails in SQS ends the move as failed with its reason', async () => {
    const { dlq, source } = await dlqWithSource('doomed', 20);
    let deleted: Promise<unknown> | undefined;
    const result = await engine().move({
      source: dlq,
      destination: source,
      ratePerSec: 5,
      onProgress: (p) => {
        if (p.moved >= 5) deleted ??= peer.sqs.send(new DeleteQueueCommand({ QueueUrl: source.url }));
      },
    });
    await deleted;
    assert.equal(result.stoppedBy, 'failed');
    assert.equal(result.failed, 0);
    assert.ok(result.moved >= 5 && result.moved < 20);
    assert.match(
      result.error ?? '',
      /^AWS\.SimpleQueueService\.NonExistentQueue: the destination queue does not exist/,
    );
  });

  test('followMoveTask follows a task started elsewhere (e.g. before a restart) to its end', async () => {
    const { dlq, source, bodies } = await dlqWithSource('restart', 15);
    const { TaskHandle } = await peer.sqs.send(
      new StartMessageMoveTaskCommand({
        SourceArn: dlq.arn,
        DestinationArn: source.arn,
        MaxNumberOfMessagesPerSecond: 10,
      }),
    );
    const taskHandle = TaskHandle ?? assert.fail('no handle');
    const progress: MoveProgress[] = [];
    const result = await followMoveTask(
      peer.sqs,
      { source: dlq, taskHandle, onProgress: (p) => progress.push(p) },
      POLL,
    );
    assert.equal(result.stoppedBy, 'done');
    assert.equal(result.moved, 15);
    assert.equal(result.taskHandle, taskHandle);
    assert.equal(progress.at(-1)?.moved, 15);
    assert.deepEqual(await drain(source), [...bodies].sort());
  });

  test('followMoveTask on a task that already ended reports how it ended', async () => {
    const { dlq, source } = await dlqWithSource('ended', 4);
    const first = await engine().move({ source: dlq, destination: source });
    const again = await followMoveTask(peer.sqs, { source: dlq, taskHandle: first.taskHandle ?? '' }, POLL);
    assert.equal(again.stoppedBy, 'done');
    assert.equal(again.moved, 4);
  });
});

describe('native engine on an endpoint without move tasks (fauxqs)', () => {
  test('move() says the endpoint has no message move tasks', async () => {
    const fauxqs = await startFauxqsPeer();
    try {
      fauxqs.server.createQueue('jobs-dlq');
      fauxqs.server.createQueue('jobs');
      fauxqs.server.sendMessage('jobs-dlq', 'kept');
      const [dlq, source] = await Promise.all([resolveQueue(fauxqs.sqs, 'jobs-dlq'), resolveQueue(fauxqs.sqs, 'jobs')]);
      await assert.rejects(
        createNativeEngine(fauxqs.sqs, POLL).move({ source: dlq, destination: source }),
        rejectsWith(
          UnsupportedError,
          /^Cannot start a move task from jobs-dlq: this SQS endpoint has no message move tasks \(InvalidAction\)/,
        ),
      );
      assert.deepEqual(fauxqs.bodies('jobs-dlq'), ['kept']);
    } finally {
      await fauxqs.stop();
    }
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

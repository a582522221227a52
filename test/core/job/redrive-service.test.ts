import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateQueueCommand, SendMessageBatchCommand, StartMessageMoveTaskCommand } from '@aws-sdk/client-sqs';
import { RedriveService } from '../../../src/core/job/redrive-service.ts';
import type { RedriveReporter } from '../../../src/core/job/types.ts';
import { createEngine } from '../../../src/core/mover/engines.ts';
import { followMoveTask } from '../../../src/core/mover/native-engine.ts';
import { planMove } from '../../../src/core/mover/plan-move.ts';
import { resolveQueue } from '../../../src/core/queues/resolve.ts';
import { createLogger } from '../../../src/logger.ts';
import { openSqliteStore } from '../../../src/store/sqlite-store.ts';
import type { RedriveRecord } from '../../../src/store/types.ts';
import { type LocalAwsSqs, startLocalAwsSqsPeer } from '../../support/sqs-peers.ts';

// The service against local-aws-sqs (it has SQS's move tasks): the one-move-per-queue lock, and what a restart does.
let peer: LocalAwsSqs;
const logger = createLogger('error', () => {});
before(async () => {
  peer = await startLocalAwsSqsPeer();
});
after(() => peer.stop());

/** Records what a reporter was told. */
function recordingReporter() {
  const seen: string[] = [];
  const reporter: RedriveReporter = {
    started: async () => {
      seen.push('started');
      return { rootTs: '1.1' };
    },
    progress: async (_r, p) => void seen.push(`progress ${p.moved}`),
    finished: async (_r, result) => void seen.push(`finished ${result.stoppedBy} ${result.moved}`),
    interrupted: async (r) => void seen.push(`interrupted ${r.moved}`),
  };
  return { seen, reporter };
}

async function dlqWithSource(name: string, count: number) {
  const dlqUrl = (await peer.sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }))).QueueUrl ?? '';
  const dlq = await resolveQueue(peer.sqs, dlqUrl);
  const RedrivePolicy = JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 3 });
  await peer.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { RedrivePolicy } }));
  for (let i = 0; i < count; i += 10) {
    const Entries = Array.from({ length: Math.min(10, count - i) }, (_, k) => ({
      Id: `m${k}`,
      MessageBody: `${i + k}`,
    }));
    await peer.sqs.send(new SendMessageBatchCommand({ QueueUrl: dlq.url, Entries }));
  }
  return { dlq, source: await resolveQueue(peer.sqs, name) };
}

function runningRecord(partial: Partial<RedriveRecord> & Pick<RedriveRecord, 'id' | 'engine'>): RedriveRecord {
  return {
    sourceName: 'x-dlq',
    sourceArn: 'arn:aws:sqs:us-east-1:123456789012:x-dlq',
    destinationName: 'x',
    destinationArn: 'arn:aws:sqs:us-east-1:123456789012:x',
    requestedBy: 'U0ALICE',
    channel: 'C0OPS',
    rootTs: '1.1',
    options: {},
    status: 'running',
    startedAt: Date.now(),
    moved: 7,
    failed: 0,
    skipped: 0,
    ...partial,
  };
}

describe('RedriveService', () => {
  test('one move per source queue: a second start is refused while the first runs', async () => {
    const store = openSqliteStore(':memory:');
    const service = new RedriveService({ store, logger, engineFor: (plan) => createEngine(peer.sqs, plan.engine) });
    await dlqWithSource('lock', 30);
    const plan = await planMove(peer.sqs, { source: 'lock-dlq', engine: 'client', options: { ratePerSec: 20 } });
    const first = await service.start({
      plan,
      requestedBy: 'U0A',
      channel: 'C0',
      reporter: recordingReporter().reporter,
    });
    await assert.rejects(
      service.start({ plan, requestedBy: 'U0B', channel: 'C0', reporter: recordingReporter().reporter }),
      /already being redriven/,
    );
    assert.equal(service.holder(plan.source.arn)?.id, first.id);
    service.cancel(first.id, 'U0A');
    assert.equal((await service.finished(first.id))?.stoppedBy, 'cancelled');
    assert.equal((await store.getRedrive(first.id))?.cancelledBy, 'U0A');
    assert.equal(service.holder(plan.source.arn), undefined, 'free again');
  });

  test('after a restart: a client move is marked interrupted; a native move task is followed to the end', async () => {
    const store = openSqliteStore(':memory:');
    const { dlq, source } = await dlqWithSource('restart', 12);
    const { TaskHandle } = await peer.sqs.send(
      new StartMessageMoveTaskCommand({ SourceArn: dlq.arn, DestinationArn: source.arn }),
    );
    await store.insertRedrive(runningRecord({ id: 'r-client', engine: 'client' }));
    await store.insertRedrive(
      runningRecord({
        id: 'r-native',
        engine: 'native',
        sourceName: dlq.name,
        sourceArn: dlq.arn,
        destinationName: source.name,
        destinationArn: source.arn,
        ...(TaskHandle ? { taskHandle: TaskHandle } : {}),
      }),
    );
    const service = new RedriveService({ store, logger, engineFor: (plan) => createEngine(peer.sqs, plan.engine) });
    const reporters = new Map<string, ReturnType<typeof recordingReporter>>();
    await service.recover(
      (record) => {
        const recording = recordingReporter();
        reporters.set(record.id, recording);
        return recording.reporter;
      },
      async (record, signal, onProgress) =>
        followMoveTask(
          peer.sqs,
          { source: dlq, taskHandle: record.taskHandle ?? '', signal, onProgress },
          { pollIntervalMs: 50 },
        ),
    );
    assert.deepEqual(reporters.get('r-client')?.seen, ['interrupted 7']);
    assert.equal((await store.getRedrive('r-client'))?.status, 'interrupted');
    const result = await service.finished('r-native');
    assert.equal(result?.stoppedBy, 'done');
    assert.equal((await store.getRedrive('r-native'))?.status, 'succeeded');
    assert.equal((await store.getRedrive('r-native'))?.moved, 12);
    assert.match(reporters.get('r-native')?.seen.at(-1) ?? '', /^finished done 12$/);
  });
});

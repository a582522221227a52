// Tests of the engine choice: every branch of decideEngine, the client-only flags, and the probe against real peers.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { BadInputError } from '../../../src/core/errors.ts';
import {
  clientOnlyOptions,
  decideEngine,
  type EngineDecisionInput,
  nativeRateProblem,
  probeNativeSupport,
} from '../../../src/core/mover/choose-engine.ts';
import { resolveQueue } from '../../../src/core/queues/resolve.ts';
import { startFauxqsPeer, startLocalAwsSqsPeer } from '../../support/sqs-peers.ts';

/** A move native can do: DLQ back to its only source, nothing client-only, on an endpoint with the API. */
const nativeCase: EngineDecisionInput = {
  requested: 'auto',
  clientOnlyOptions: [],
  sourceIsDlq: true,
  destinationIsASource: true,
  destinationGiven: false,
  nativeSupported: true,
};

describe('decideEngine with auto', () => {
  const cases: [string, Partial<EngineDecisionInput>, 'client' | 'native', RegExp][] = [
    ['DLQ back to its inferred source', {}, 'native', /^native: SQS moves the messages itself/],
    ['DLQ back to a named source', { destinationGiven: true }, 'native', /^native:/],
    [
      'one client-only flag',
      { clientOnlyOptions: ['--filter'] },
      'client',
      /^client: --filter needs the client engine$/,
    ],
    [
      'several client-only flags',
      { clientOnlyOptions: ['--limit', '--dry-run', '--filter'] },
      'client',
      /^client: --limit, --dry-run and --filter need the client engine$/,
    ],
    ['source is not a DLQ', { sourceIsDlq: false }, 'client', /^client: the source is not a dead-letter queue/],
    [
      'destination is another queue',
      { destinationGiven: true, destinationIsASource: false },
      'client',
      /^client: the destination is not one of the queues that feed this DLQ$/,
    ],
    [
      'endpoint lacks the API',
      { nativeSupported: false },
      'client',
      /^client: this endpoint has no StartMessageMoveTask$/,
    ],
    [
      'standard ↔ FIFO',
      { fifoMismatch: true },
      'client',
      /^client: SQS move tasks only move between queues of the same type/,
    ],
    ['rate above 500', { ratePerSec: 800 }, 'client', /^client: --rate 800 is above the 500\/s a move task allows$/],
    ['fractional rate', { ratePerSec: 2.5 }, 'client', /^client: --rate 2.5 is not a whole number from 1 to 500/],
    ['rate of exactly 500', { ratePerSec: 500 }, 'native', /^native:/],
    [
      'client-only flag wins over the rest',
      { clientOnlyOptions: ['--limit'], sourceIsDlq: false },
      'client',
      /--limit/,
    ],
  ];
  for (const [name, change, engine, reason] of cases) {
    test(name, () => {
      const decision = decideEngine({ ...nativeCase, ...change });
      assert.equal(decision.engine, engine);
      assert.match(decision.reason, reason);
    });
  }
});

describe('decideEngine with an explicit engine', () => {
  test('client is taken as asked, even when native could do it', () => {
    assert.deepEqual(decideEngine({ ...nativeCase, requested: 'client' }), {
      engine: 'client',
      reason: 'client: asked for with --engine client',
    });
  });

  test('native is taken as asked, also to a destination that is not a source of the DLQ', () => {
    const decision = decideEngine({
      ...nativeCase,
      requested: 'native',
      destinationGiven: true,
      destinationIsASource: false,
    });
    assert.deepEqual(decision, { engine: 'native', reason: 'native: asked for with --engine native' });
  });

  const refusals: [string, Partial<EngineDecisionInput>, RegExp][] = [
    ['a client-only flag', { clientOnlyOptions: ['--dry-run'] }, /--dry-run needs the client engine/],
    ['a source that is not a DLQ', { sourceIsDlq: false }, /the source is not a dead-letter queue/],
    ['an endpoint without the API', { nativeSupported: false }, /this endpoint has no StartMessageMoveTask/],
    ['standard ↔ FIFO', { fifoMismatch: true }, /same type/],
    ['a rate above 500', { ratePerSec: 501 }, /--rate 501 is above the 500\/s/],
    [
      'several problems at once, all named',
      { clientOnlyOptions: ['--filter'], nativeSupported: false },
      /--filter needs the client engine; this endpoint has no StartMessageMoveTask/,
    ],
  ];
  for (const [name, change, message] of refusals) {
    test(`native is refused, not silently swapped, for ${name}`, () => {
      assert.throws(
        () => decideEngine({ ...nativeCase, requested: 'native', ...change }),
        (err: unknown) => {
          assert.ok(err instanceof BadInputError);
          assert.match(err.message, /^Cannot use --engine native: /);
          assert.match(err.message, message);
          assert.match(err.message, /Use --engine client instead\.$/);
          return true;
        },
      );
    });
  }
});

describe('clientOnlyOptions', () => {
  test('names each client-only option as its CLI flag', () => {
    const filter = { kind: 'substring', text: 'x' } as const;
    const all = clientOnlyOptions({ limit: 5, dryRun: true, filter, maxRedrives: 2, groupId: 'g' });
    assert.deepEqual(all, ['--limit', '--dry-run', '--filter', '--max-redrives', '--group-id']);
  });

  test('tuning options both engines accept, and an explicit --dry-run false, are not client-only', () => {
    assert.deepEqual(
      clientOnlyOptions({ ratePerSec: 50, concurrency: 4, visibilityTimeoutSec: 30, dryRun: false }),
      [],
    );
    assert.deepEqual(clientOnlyOptions({ maxRedrives: 0 }), ['--max-redrives']);
  });
});

describe('nativeRateProblem', () => {
  test('accepts whole numbers from 1 to 500 and no rate at all', () => {
    for (const rate of [undefined, 1, 250, 500]) assert.equal(nativeRateProblem(rate), undefined);
  });
  test('refuses the rest', () => {
    for (const rate of [0, 0.5, 12.5, 501, 10_000]) assert.ok(nativeRateProblem(rate), `rate ${rate}`);
  });
});

describe('probeNativeSupport', () => {
  test('false on fauxqs, which answers InvalidAction for ListMessageMoveTasks', async () => {
    const peer = await startFauxqsPeer();
    try {
      peer.server.createQueue('probe-dlq');
      const queue = await resolveQueue(peer.sqs, 'probe-dlq');
      assert.equal(await probeNativeSupport(peer.sqs, queue), false);
    } finally {
      await peer.stop();
    }
  });

  test('true on local-aws-sqs, and true when the real call will report the error itself', async () => {
    const peer = await startLocalAwsSqsPeer();
    try {
      await peer.sqs.send(new CreateQueueCommand({ QueueName: 'probe-dlq' }));
      const queue = await resolveQueue(peer.sqs, 'probe-dlq');
      assert.equal(await probeNativeSupport(peer.sqs, queue), true);
      // A queue that does not exist: ResourceNotFoundException is not "unsupported".
      const ghost = { ...queue, name: 'ghost', arn: queue.arn.replace(/probe-dlq$/, 'ghost') };
      assert.equal(await probeNativeSupport(peer.sqs, ghost), true);
    } finally {
      await peer.stop();
    }
  });
});

// Plans a move before anything is touched: resolves both queues, infers the destination, picks the engine.

import type { SQSClient } from '@aws-sdk/client-sqs';
import { RedriveError } from '../errors.ts';
import { findSourceQueues, getQueueFacts, type QueueDepth } from '../queues/queue-facts.ts';
import type { QueueRef } from '../queues/queue-ref.ts';
import { resolveQueue } from '../queues/resolve.ts';
import { clientOnlyOptions, decideEngine, probeNativeSupport } from './choose-engine.ts';
import { validateClientRequest } from './client-engine.ts';
import type { EngineChoice, EngineName, MoveRequest } from './types.ts';

/** Options of a move as a person gives them (CLI flags, /redrive flags). */
export type MoveOptions = Pick<
  MoveRequest,
  'limit' | 'ratePerSec' | 'concurrency' | 'dryRun' | 'filter' | 'maxRedrives' | 'groupId' | 'visibilityTimeoutSec'
>;

export interface MovePlanInput {
  readonly source: string;
  readonly destination?: string | undefined;
  readonly engine: EngineChoice;
  readonly options: MoveOptions;
}

export interface MovePlan {
  readonly source: QueueRef;
  readonly destination: QueueRef;
  /** The source queue's depth when planned. */
  readonly depth: QueueDepth;
  /** Queues that use the source as their DLQ. */
  readonly sourcesOfDlq: readonly QueueRef[];
  readonly engine: EngineName;
  /** Why this engine (shown to the person). */
  readonly engineReason: string;
  /** How many messages the move aims for: the limit, else the depth now. */
  readonly expected: number;
  readonly options: MoveOptions;
}

/** The destination was omitted and the DLQ feeds several queues (or none): the person must choose. */
export class DestinationNeededError extends RedriveError {
  readonly source: QueueRef;
  readonly candidates: readonly QueueRef[];
  constructor(source: QueueRef, candidates: readonly QueueRef[]) {
    super(
      'BAD_INPUT',
      candidates.length === 0
        ? `${source.name} is not the dead-letter queue of any queue: name the destination queue.`
        : `${source.name} is the dead-letter queue of ${candidates.length} queues (${candidates
            .map((c) => c.name)
            .join(', ')}): name the destination queue.`,
    );
    this.source = source;
    this.candidates = candidates;
  }
}

export async function planMove(sqs: SQSClient, input: MovePlanInput): Promise<MovePlan> {
  const source = await resolveQueue(sqs, input.source);
  const [facts, sourcesOfDlq, destination] = await Promise.all([
    getQueueFacts(sqs, source),
    findSourceQueues(sqs, source),
    input.destination ? resolveQueue(sqs, input.destination) : Promise.resolve(undefined),
  ]);
  const target = destination ?? onlySource(source, sourcesOfDlq);
  validateClientRequest({ source, destination: target, ...input.options });
  const nativeSupported = input.engine === 'client' ? false : await probeNativeSupport(sqs, source);
  const { engine, reason } = decideEngine({
    requested: input.engine,
    clientOnlyOptions: clientOnlyOptions(input.options),
    sourceIsDlq: sourcesOfDlq.length > 0,
    destinationIsASource: sourcesOfDlq.some((q) => q.arn === target.arn),
    destinationGiven: input.destination !== undefined,
    nativeSupported,
    fifoMismatch: source.fifo !== target.fifo,
    ratePerSec: input.options.ratePerSec,
  });
  const expected = Math.min(input.options.limit ?? Number.POSITIVE_INFINITY, facts.depth.visible);
  return {
    source,
    destination: target,
    depth: facts.depth,
    sourcesOfDlq,
    engine,
    engineReason: reason,
    expected,
    options: input.options,
  };
}

function onlySource(source: QueueRef, sources: readonly QueueRef[]): QueueRef {
  const [only, ...others] = sources;
  if (!only || others.length > 0) throw new DestinationNeededError(source, sources);
  return only;
}

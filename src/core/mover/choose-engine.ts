// Which engine moves the messages: the pure `auto` decision, and one probe for the native move-task API.

import { ListMessageMoveTasksCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { awsErrorName, BadInputError } from '../errors.ts';
import { isUnsupportedAction } from '../queues/queue-facts.ts';
import type { QueueRef } from '../queues/queue-ref.ts';
import { MAX_NATIVE_RATE } from './limits.ts';
import type { EngineChoice, EngineName, MoveRequest } from './types.ts';

export interface EngineDecisionInput {
  readonly requested: EngineChoice;
  /** Client-only options the person asked for, as CLI flags (see clientOnlyOptions). */
  readonly clientOnlyOptions: readonly string[];
  /** Some queue names the source as its dead-letter queue. */
  readonly sourceIsDlq: boolean;
  /** The destination is one of the queues that feed the source DLQ. */
  readonly destinationIsASource: boolean;
  /** The person named the destination (otherwise it was inferred as the DLQ's only source). */
  readonly destinationGiven: boolean;
  /** The endpoint answers the message-move-task API (see probeNativeSupport). */
  readonly nativeSupported: boolean;
  /** Source and destination differ in type (standard vs FIFO); move tasks need the same type. */
  readonly fifoMismatch?: boolean | undefined;
  /** The asked rate; move tasks take whole numbers from 1 to 500. */
  readonly ratePerSec?: number | undefined;
}

export interface EngineDecision {
  readonly engine: EngineName;
  /** For the person, e.g. "client: --filter needs the client engine". */
  readonly reason: string;
}

/**
 * `client` is taken as asked. `native` is taken as asked or refused with BadInputError saying why it cannot work.
 * `auto` picks native only for a DLQ going back to one of its own sources, with no client-only option, on an
 * endpoint that has the API; anything else goes to the client engine, with the reason.
 */
export function decideEngine(input: EngineDecisionInput): EngineDecision {
  if (input.requested === 'client') return { engine: 'client', reason: 'client: asked for with --engine client' };
  const blockers = nativeBlockers(input);
  if (input.requested === 'native') {
    if (blockers.length > 0) {
      throw new BadInputError(`Cannot use --engine native: ${blockers.join('; ')}. Use --engine client instead.`);
    }
    return { engine: 'native', reason: 'native: asked for with --engine native' };
  }
  const [first] = blockers;
  if (first !== undefined) return { engine: 'client', reason: `client: ${first}` };
  if (input.destinationGiven && !input.destinationIsASource) {
    return { engine: 'client', reason: 'client: the destination is not one of the queues that feed this DLQ' };
  }
  return { engine: 'native', reason: 'native: SQS moves the messages itself (DLQ back to its source queue)' };
}

/** Why a move task cannot do this move; empty when it can. */
function nativeBlockers(input: EngineDecisionInput): string[] {
  const blockers: string[] = [];
  const flags = input.clientOnlyOptions;
  if (flags.length > 0) {
    blockers.push(`${joinWords(flags)} ${flags.length === 1 ? 'needs' : 'need'} the client engine`);
  }
  if (input.fifoMismatch) blockers.push('SQS move tasks only move between queues of the same type (standard or FIFO)');
  const rate = nativeRateProblem(input.ratePerSec);
  if (rate) blockers.push(rate);
  if (!input.sourceIsDlq) {
    blockers.push('the source is not a dead-letter queue of any queue, and SQS move tasks only start from one');
  }
  if (!input.nativeSupported) blockers.push('this endpoint has no StartMessageMoveTask');
  return blockers;
}

/** Why a move task cannot take this rate (it takes whole numbers from 1 to 500 per second); undefined if it can. */
export function nativeRateProblem(ratePerSec: number | undefined): string | undefined {
  if (ratePerSec === undefined) return undefined;
  if (ratePerSec > MAX_NATIVE_RATE) return `--rate ${ratePerSec} is above the ${MAX_NATIVE_RATE}/s a move task allows`;
  if (!Number.isInteger(ratePerSec) || ratePerSec < 1) {
    return `--rate ${ratePerSec} is not a whole number from 1 to ${MAX_NATIVE_RATE}, which a move task needs`;
  }
  return undefined;
}

/** The options of a request only the client engine can do, named as CLI flags. */
export function clientOnlyOptions(request: Partial<MoveRequest>): string[] {
  const flags: string[] = [];
  if (request.limit !== undefined) flags.push('--limit');
  if (request.dryRun === true) flags.push('--dry-run');
  if (request.filter !== undefined) flags.push('--filter');
  if (request.maxRedrives !== undefined) flags.push('--max-redrives');
  if (request.groupId !== undefined) flags.push('--group-id');
  return flags;
}

/**
 * Whether the endpoint offers the message-move-task API, asked with one ListMessageMoveTasks on the source.
 * Only an "unknown/unsupported action" answer means no; any other error means yes, and the real call reports it.
 */
export async function probeNativeSupport(sqs: SQSClient, source: QueueRef): Promise<boolean> {
  try {
    await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: source.arn, MaxResults: 1 }));
    return true;
  } catch (err) {
    return !isNativeUnsupported(err);
  }
}

/** The endpoint lacks the move-task API (fauxqs: InvalidAction; local-aws-sqs: AWS.SimpleQueueService.UnsupportedOperation). */
export function isNativeUnsupported(err: unknown): boolean {
  return (
    isUnsupportedAction(err) || awsErrorName(err).replace(/^AWS\.SimpleQueueService\./, '') === 'UnsupportedOperation'
  );
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

// The contract shared by both engines (client mover, native move task): what to move, progress, result.

import type { QueueRef } from '../queues/queue-ref.ts';

export type EngineName = 'client' | 'native';
export type EngineChoice = EngineName | 'auto';

/** Which messages a client move takes; the others stay in the source. */
export type MessageFilter =
  | { readonly kind: 'substring'; readonly text: string }
  | { readonly kind: 'regex'; readonly pattern: RegExp }
  | { readonly kind: 'attribute'; readonly name: string; readonly value: string };

export interface MoveRequest {
  readonly source: QueueRef;
  readonly destination: QueueRef;
  /** Most messages to take off the source. Default: the source's visible depth when the move starts. */
  readonly limit?: number;
  /** Messages per second, at most. Native engine: ≤ 500. */
  readonly ratePerSec?: number;
  /** Client engine: concurrent receive/send/delete loops. */
  readonly concurrency?: number;
  /** Client engine: count what would move and keep a few samples; moves nothing. */
  readonly dryRun?: boolean;
  /** Client engine: only matching messages move. */
  readonly filter?: MessageFilter;
  /** Client engine: messages already redriven this many times stay in the source. */
  readonly maxRedrives?: number;
  /** Client engine: MessageGroupId for messages going from a standard queue into a FIFO queue. */
  readonly groupId?: string;
  /** Client engine: seconds a received message stays invisible while it is being moved. */
  readonly visibilityTimeoutSec?: number;
  /** Stops the move; what was received but not sent is made visible again at once. */
  readonly signal?: AbortSignal;
  /** Called on every change of the counts (callers throttle their own rendering). */
  readonly onProgress?: (progress: MoveProgress) => void;
}

export interface MoveProgress {
  readonly engine: EngineName;
  readonly moved: number;
  readonly failed: number;
  readonly skipped: number;
  /** How many the move aims for, when known. */
  readonly total: number | undefined;
  readonly elapsedMs: number;
  readonly ratePerSec: number;
  /** Seconds left at the current rate, when total is known and rate > 0. */
  readonly etaSec: number | undefined;
}

/** Why the move ended. */
export type StopReason = 'done' | 'limit' | 'start-depth' | 'empty' | 'cancelled' | 'failed';

export type SkipReason = 'filtered' | 'over-redrive-cap' | 'dry-run';

export interface MessageSample {
  readonly messageId: string;
  /** The body cut to a few hundred characters. */
  readonly body: string;
  readonly attributes: Readonly<Record<string, string>>;
}

export interface MoveResult {
  readonly engine: EngineName;
  readonly moved: number;
  readonly failed: number;
  readonly skipped: number;
  readonly durationMs: number;
  readonly ratePerSec: number;
  /** Failed messages by error code (e.g. { InvalidParameterValue: 2 }); they stay in the source. */
  readonly failures: Readonly<Record<string, number>>;
  readonly skippedBy: Readonly<Partial<Record<SkipReason, number>>>;
  readonly stoppedBy: StopReason;
  /** Sent but not deleted from the source (it may be delivered again: a duplicate, never a loss). */
  readonly deleteFailures: number;
  /** Dry run only: how many would move, and a few of them. */
  readonly dryRun?: { readonly wouldMove: number; readonly samples: readonly MessageSample[] };
  /** Native engine: the SQS move task handle. */
  readonly taskHandle?: string;
  /** Set when the move as a whole failed (e.g. the destination kept refusing). */
  readonly error?: string;
}

export interface MoveEngine {
  readonly name: EngineName;
  move(request: MoveRequest): Promise<MoveResult>;
}

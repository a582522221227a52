// Messages between the bot and a move running in a worker thread.

import type { EngineName, MoveProgress, MoveRequest, MoveResult } from '../core/mover/types.ts';

/** What the worker needs to start: the request without its callbacks, and which engine. */
export interface MoveJob {
  readonly engine: EngineName;
  readonly request: Omit<MoveRequest, 'signal' | 'onProgress'>;
  /** Least time between two progress messages, ms. */
  readonly progressIntervalMs: number;
}

export type FromWorker =
  | { readonly type: 'progress'; readonly progress: MoveProgress }
  | { readonly type: 'result'; readonly result: MoveResult }
  | { readonly type: 'error'; readonly name: string; readonly code: string | undefined; readonly message: string };

export type ToWorker = { readonly type: 'cancel' };

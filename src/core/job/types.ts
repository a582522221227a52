// What a redrive job needs from the outside: where to report (the Slack thread) and how to log.

import type { RedrivePatch, RedriveRecord } from '../../store/types.ts';
import type { MoveProgress, MoveResult } from '../mover/types.ts';

/** Receives a redrive's life: the Slack thread reporter implements it; tests may record it. */
export interface RedriveReporter {
  /** The move is about to start; returns where it reported (root/progress message ts, permalink) to store. */
  started(record: RedriveRecord): Promise<RedrivePatch>;
  /** Counts changed (already throttled by the job). */
  progress(record: RedriveRecord, progress: MoveProgress): Promise<void>;
  /** The move ended, whatever the outcome. */
  finished(record: RedriveRecord, result: MoveResult): Promise<void>;
  /** The bot restarted while this client move ran: it is not running any more (record holds what had moved). */
  interrupted(record: RedriveRecord): Promise<void>;
}

export interface Logger {
  debug(message: string, detail?: Record<string, unknown>): void;
  info(message: string, detail?: Record<string, unknown>): void;
  warn(message: string, detail?: Record<string, unknown>): void;
  error(message: string, detail?: Record<string, unknown>): void;
}

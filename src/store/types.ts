// The history store's contract: redrive records and audit events, behind an interface so stores can change.

import type { EngineName } from '../core/mover/types.ts';

export type RedriveStatus = 'running' | 'succeeded' | 'partial' | 'failed' | 'cancelled' | 'interrupted';

/** One redrive, as the channel and `/redrive history` know it. */
export interface RedriveRecord {
  /** Short id people type: `/redrive cancel r-7f3k2a`. */
  readonly id: string;
  readonly sourceName: string;
  readonly sourceArn: string;
  readonly destinationName: string;
  readonly destinationArn: string;
  /** Slack user id of who started it. */
  readonly requestedBy: string;
  readonly channel: string;
  /** ts of the root message whose thread holds the progress and tally. */
  readonly rootTs?: string;
  readonly progressTs?: string;
  readonly permalink?: string;
  readonly engine: EngineName;
  /** The options it ran with (limit, rate, dryRun, filter, …) as plain JSON. */
  readonly options: Readonly<Record<string, unknown>>;
  readonly status: RedriveStatus;
  readonly startedAt: number;
  readonly finishedAt?: number;
  /** How many it aimed to move, when known. */
  readonly total?: number;
  readonly moved: number;
  readonly failed: number;
  readonly skipped: number;
  /** Failed messages by error code. */
  readonly failures?: Readonly<Record<string, number>>;
  /** Native engine: SQS move task handle, so a restart can follow the task. */
  readonly taskHandle?: string;
  readonly cancelledBy?: string;
  readonly error?: string;
}

export type RedrivePatch = Partial<Omit<RedriveRecord, 'id'>>;

export type AuditKind = 'redrive.start' | 'redrive.finish' | 'redrive.cancel' | 'peek' | 'denied' | 'alarm';

/** An audit-trail line: who did (or was refused) what, where. Never holds message bodies. */
export interface AuditEvent {
  readonly at: number;
  readonly kind: AuditKind;
  /** Slack user id, or `system`. */
  readonly actor: string;
  readonly channel?: string;
  readonly queue?: string;
  readonly redriveId?: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface RedriveStore {
  insertRedrive(record: RedriveRecord): Promise<void>;
  updateRedrive(id: string, patch: RedrivePatch): Promise<void>;
  getRedrive(id: string): Promise<RedriveRecord | undefined>;
  /** Newest first; `queue` matches the source or destination by name or ARN. */
  listRedrives(query: { readonly queue?: string; readonly limit: number }): Promise<RedriveRecord[]>;
  listByStatus(statuses: readonly RedriveStatus[]): Promise<RedriveRecord[]>;
  appendAudit(event: AuditEvent): Promise<void>;
  /** Newest first. */
  listAudit(query: { readonly limit: number; readonly kind?: AuditKind }): Promise<AuditEvent[]>;
  /** Small JSON state by key (alarm posts, alarm polling): the latest value wins. Never message bodies. */
  getState<T>(key: string): Promise<T | undefined>;
  setState(key: string, value: unknown): Promise<void>;
  close(): Promise<void>;
}

// The history store on node:sqlite: redrive records and the audit trail in one local file (never message bodies).

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue, type SQLOutputValue } from 'node:sqlite';
import { BadInputError, RedriveError } from '../core/errors.ts';
import type { EngineName } from '../core/mover/types.ts';
import type { AuditEvent, AuditKind, RedrivePatch, RedriveRecord, RedriveStatus, RedriveStore } from './types.ts';

/** Schema changes, applied in order once each; the version table records how many have run. Append only. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE redrives (
    id TEXT PRIMARY KEY,
    source_name TEXT NOT NULL, source_arn TEXT NOT NULL,
    destination_name TEXT NOT NULL, destination_arn TEXT NOT NULL,
    requested_by TEXT NOT NULL, channel TEXT NOT NULL,
    root_ts TEXT, progress_ts TEXT, permalink TEXT,
    engine TEXT NOT NULL, options TEXT NOT NULL, status TEXT NOT NULL,
    started_at INTEGER NOT NULL, finished_at INTEGER, total INTEGER,
    moved INTEGER NOT NULL, failed INTEGER NOT NULL, skipped INTEGER NOT NULL,
    failures TEXT, task_handle TEXT, cancelled_by TEXT, error TEXT
  );
  CREATE INDEX redrives_by_source_name ON redrives (source_name, started_at);
  CREATE INDEX redrives_by_source_arn ON redrives (source_arn, started_at);
  CREATE INDEX redrives_by_destination_name ON redrives (destination_name, started_at);
  CREATE INDEX redrives_by_destination_arn ON redrives (destination_arn, started_at);
  CREATE INDEX redrives_by_status ON redrives (status, started_at);
  CREATE INDEX redrives_by_started ON redrives (started_at);
  CREATE TABLE audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL, kind TEXT NOT NULL, actor TEXT NOT NULL,
    channel TEXT, queue TEXT, redrive_id TEXT, detail TEXT NOT NULL
  );
  CREATE INDEX audit_by_at ON audit (at);
  CREATE INDEX audit_by_kind ON audit (kind, at);`,
  `CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at INTEGER NOT NULL);`,
];

/** Record field → column, with how it is stored. The only names ever spliced into SQL. */
const COLUMNS = {
  id: ['id', 'text'],
  sourceName: ['source_name', 'text'],
  sourceArn: ['source_arn', 'text'],
  destinationName: ['destination_name', 'text'],
  destinationArn: ['destination_arn', 'text'],
  requestedBy: ['requested_by', 'text'],
  channel: ['channel', 'text'],
  rootTs: ['root_ts', 'text'],
  progressTs: ['progress_ts', 'text'],
  permalink: ['permalink', 'text'],
  engine: ['engine', 'text'],
  options: ['options', 'json'],
  status: ['status', 'text'],
  startedAt: ['started_at', 'int'],
  finishedAt: ['finished_at', 'int'],
  total: ['total', 'int'],
  moved: ['moved', 'int'],
  failed: ['failed', 'int'],
  skipped: ['skipped', 'int'],
  failures: ['failures', 'json'],
  taskHandle: ['task_handle', 'text'],
  cancelledBy: ['cancelled_by', 'text'],
  error: ['error', 'text'],
} as const satisfies Record<keyof RedriveRecord, readonly [string, 'text' | 'int' | 'json']>;

type Field = keyof typeof COLUMNS;
const FIELDS = Object.keys(COLUMNS) as Field[];
type Row = Record<string, SQLOutputValue>;

/** Opens (creating if needed) the store at `path`, or an in-memory one for `':memory:'`; migrates the schema. */
export function openSqliteStore(path: string): RedriveStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const db = new DatabaseSync(path);
  try {
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;');
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return new SqliteStore(db);
}

function migrate(db: DatabaseSync): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const row = db.prepare('SELECT version FROM schema_version').get();
    const current = typeof row?.version === 'number' ? row.version : 0;
    if (current > MIGRATIONS.length) {
      throw new RedriveError(
        'CONFIG',
        `The history database was written by a newer sqs-redrive (schema v${current}; this version knows v${MIGRATIONS.length}). Upgrade sqs-redrive or point REDRIVE_DB at another file.`,
      );
    }
    for (const sql of MIGRATIONS.slice(current)) db.exec(sql);
    if (!row) db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(MIGRATIONS.length);
    else if (current < MIGRATIONS.length) db.prepare('UPDATE schema_version SET version = ?').run(MIGRATIONS.length);
    db.exec('COMMIT');
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}

class SqliteStore implements RedriveStore {
  readonly #db: DatabaseSync;
  #open = true;
  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  async insertRedrive(record: RedriveRecord): Promise<void> {
    const present = FIELDS.filter((f) => record[f] !== undefined);
    const sql = `INSERT INTO redrives (${present.map((f) => COLUMNS[f][0]).join(', ')}) VALUES (${present.map(() => '?').join(', ')})`;
    try {
      this.#db.prepare(sql).run(...present.map((f) => toColumn(f, record[f])));
    } catch (err) {
      if ((err as { errcode?: number }).errcode === 1555) {
        throw new BadInputError(`A redrive with id ${record.id} is already in the history.`, { cause: err });
      }
      throw err;
    }
  }

  async updateRedrive(id: string, patch: RedrivePatch): Promise<void> {
    const present = FIELDS.filter((f) => f !== 'id' && patch[f as keyof RedrivePatch] !== undefined);
    if (present.length === 0) {
      if (!(await this.getRedrive(id))) throw notFound(id);
      return;
    }
    const sets = present.map((f) => `${COLUMNS[f][0]} = ?`).join(', ');
    const values = present.map((f) => toColumn(f, patch[f as keyof RedrivePatch]));
    const result = this.#db.prepare(`UPDATE redrives SET ${sets} WHERE id = ?`).run(...values, id);
    if (result.changes === 0) throw notFound(id);
  }

  async getRedrive(id: string): Promise<RedriveRecord | undefined> {
    const row = this.#db.prepare('SELECT * FROM redrives WHERE id = ?').get(id);
    return row ? toRecord(row) : undefined;
  }

  async listRedrives(query: { readonly queue?: string; readonly limit: number }): Promise<RedriveRecord[]> {
    const limit = Math.max(0, Math.floor(query.limit));
    const rows =
      query.queue === undefined
        ? this.#db.prepare('SELECT * FROM redrives ORDER BY started_at DESC, rowid DESC LIMIT ?').all(limit)
        : this.#db
            .prepare(
              `SELECT * FROM redrives WHERE source_name = $q OR source_arn = $q OR destination_name = $q
               OR destination_arn = $q ORDER BY started_at DESC, rowid DESC LIMIT $limit`,
            )
            .all({ q: query.queue, limit });
    return rows.map(toRecord);
  }

  async listByStatus(statuses: readonly RedriveStatus[]): Promise<RedriveRecord[]> {
    if (statuses.length === 0) return [];
    const marks = statuses.map(() => '?').join(', ');
    const sql = `SELECT * FROM redrives WHERE status IN (${marks}) ORDER BY started_at DESC, rowid DESC`;
    return this.#db
      .prepare(sql)
      .all(...statuses)
      .map(toRecord);
  }

  async appendAudit(event: AuditEvent): Promise<void> {
    this.#db
      .prepare('INSERT INTO audit (at, kind, actor, channel, queue, redrive_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(
        event.at,
        event.kind,
        event.actor,
        event.channel ?? null,
        event.queue ?? null,
        event.redriveId ?? null,
        JSON.stringify(withoutBodies(event.detail)),
      );
  }

  async listAudit(query: { readonly limit: number; readonly kind?: AuditKind }): Promise<AuditEvent[]> {
    const limit = Math.max(0, Math.floor(query.limit));
    const rows =
      query.kind === undefined
        ? this.#db.prepare('SELECT * FROM audit ORDER BY at DESC, seq DESC LIMIT ?').all(limit)
        : this.#db
            .prepare('SELECT * FROM audit WHERE kind = ? ORDER BY at DESC, seq DESC LIMIT ?')
            .all(query.kind, limit);
    return rows.map(toAudit);
  }

  async getState<T>(key: string): Promise<T | undefined> {
    const row = this.#db.prepare('SELECT value FROM state WHERE key = ?').get(key);
    return typeof row?.value === 'string' ? (JSON.parse(row.value) as T) : undefined;
  }

  async setState(key: string, value: unknown): Promise<void> {
    this.#db
      .prepare(
        'INSERT INTO state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
      )
      .run(key, JSON.stringify(value), Date.now());
  }

  async close(): Promise<void> {
    if (!this.#open) return;
    this.#open = false;
    this.#db.close();
  }
}

function notFound(id: string): BadInputError {
  return new BadInputError(`No redrive with id ${id} in the history.`);
}

function toColumn(field: Field, value: unknown): SQLInputValue {
  if (value === undefined) return null;
  return COLUMNS[field][1] === 'json' ? JSON.stringify(value) : (value as SQLInputValue);
}

function toRecord(row: Row): RedriveRecord {
  const out: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const [column, kind] = COLUMNS[field];
    const value = row[column];
    if (value === null || value === undefined) continue;
    out[field] = kind === 'json' && typeof value === 'string' ? JSON.parse(value) : value;
  }
  out.engine = out.engine as EngineName;
  return out as unknown as RedriveRecord;
}

function toAudit(row: Row): AuditEvent {
  const text = (v: SQLOutputValue | undefined) => (typeof v === 'string' ? v : undefined);
  const channel = text(row.channel);
  const queue = text(row.queue);
  const redriveId = text(row.redrive_id);
  return {
    at: Number(row.at),
    kind: text(row.kind) as AuditKind,
    actor: text(row.actor) ?? '',
    ...(channel !== undefined ? { channel } : {}),
    ...(queue !== undefined ? { queue } : {}),
    ...(redriveId !== undefined ? { redriveId } : {}),
    detail: JSON.parse(text(row.detail) ?? '{}') as Record<string, unknown>,
  };
}

const BODY_KEY = /^(body|messageBody|messageBodies|bodies)$/i;

/** Defence in depth: audit detail never keeps message bodies, even if a caller passes one. */
function withoutBodies(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutBodies);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, BODY_KEY.test(k) ? '[omitted]' : withoutBodies(v)]),
    );
  }
  return value;
}

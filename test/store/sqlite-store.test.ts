// Tests for the SQLite history store on a real temp file: records, queries, audit, persistence and migrations.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import { MIGRATIONS, openSqliteStore } from '../../src/store/sqlite-store.ts';
import type { RedriveRecord } from '../../src/store/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'redrive-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const arn = (name: string) => `arn:aws:sqs:us-east-1:123456789012:${name}`;

function record(id: string, over: Partial<RedriveRecord> = {}): RedriveRecord {
  return {
    id,
    sourceName: 'orders-dlq',
    sourceArn: arn('orders-dlq'),
    destinationName: 'orders',
    destinationArn: arn('orders'),
    requestedBy: 'U0123ABC',
    channel: 'C0789GHI',
    engine: 'client',
    options: { limit: 500, rate: 100, dryRun: false, filter: { attribute: 'kind', equals: 'retry' } },
    status: 'running',
    startedAt: 1_700_000_000_000,
    moved: 0,
    failed: 0,
    skipped: 0,
    ...over,
  };
}

describe('openSqliteStore', () => {
  it('inserts, updates and reads back a redrive with its JSON fields', async () => {
    const store = openSqliteStore(':memory:');
    try {
      const rec = record('r-aaaaaa', { rootTs: '1700000000.000100', total: 1200 });
      await store.insertRedrive(rec);
      assert.deepEqual(await store.getRedrive('r-aaaaaa'), rec);
      await store.updateRedrive('r-aaaaaa', {
        status: 'partial',
        moved: 1190,
        failed: 10,
        failures: { KMS_ACCESS_DENIED: 7, InvalidParameterValue: 3 },
        finishedAt: 1_700_000_060_000,
        progressTs: '1700000000.000200',
        error: '10 messages could not be sent',
      });
      assert.deepEqual(await store.getRedrive('r-aaaaaa'), {
        ...rec,
        status: 'partial',
        moved: 1190,
        failed: 10,
        failures: { KMS_ACCESS_DENIED: 7, InvalidParameterValue: 3 },
        finishedAt: 1_700_000_060_000,
        progressTs: '1700000000.000200',
        error: '10 messages could not be sent',
      });
      assert.equal(await store.getRedrive('r-nothere'), undefined);
    } finally {
      await store.close();
    }
  });

  it('refuses duplicate ids and updates of unknown ids with readable errors', async () => {
    const store = openSqliteStore(':memory:');
    try {
      await store.insertRedrive(record('r-dup'));
      await assert.rejects(store.insertRedrive(record('r-dup')), {
        code: 'BAD_INPUT',
        message: 'A redrive with id r-dup is already in the history.',
      });
      await assert.rejects(store.updateRedrive('r-ghost', { status: 'failed' }), {
        code: 'BAD_INPUT',
        message: 'No redrive with id r-ghost in the history.',
      });
      await assert.rejects(store.updateRedrive('r-ghost', {}), { code: 'BAD_INPUT' });
    } finally {
      await store.close();
    }
  });

  it('lists newest first, by source or destination name or ARN, and by status', async () => {
    const store = openSqliteStore(':memory:');
    try {
      await store.insertRedrive(record('r-1', { startedAt: 1000, status: 'succeeded' }));
      await store.insertRedrive(
        record('r-2', {
          startedAt: 3000,
          sourceName: 'payments-dlq',
          sourceArn: arn('payments-dlq'),
          destinationName: 'payments',
          destinationArn: arn('payments'),
        }),
      );
      await store.insertRedrive(record('r-3', { startedAt: 2000, status: 'interrupted', taskHandle: 'handle-1' }));
      await store.insertRedrive(
        record('r-4', { startedAt: 2000, destinationName: 'orders-retry', destinationArn: arn('orders-retry') }),
      );
      const ids = (rs: RedriveRecord[]) => rs.map((r) => r.id);
      assert.deepEqual(ids(await store.listRedrives({ limit: 10 })), ['r-2', 'r-4', 'r-3', 'r-1']);
      assert.deepEqual(ids(await store.listRedrives({ limit: 2 })), ['r-2', 'r-4']);
      assert.deepEqual(ids(await store.listRedrives({ queue: 'orders-dlq', limit: 10 })), ['r-4', 'r-3', 'r-1']);
      assert.deepEqual(ids(await store.listRedrives({ queue: arn('orders-dlq'), limit: 10 })), ['r-4', 'r-3', 'r-1']);
      assert.deepEqual(ids(await store.listRedrives({ queue: 'orders', limit: 10 })), ['r-3', 'r-1']);
      assert.deepEqual(ids(await store.listRedrives({ queue: arn('orders-retry'), limit: 10 })), ['r-4']);
      assert.deepEqual(ids(await store.listRedrives({ queue: 'payments', limit: 10 })), ['r-2']);
      assert.deepEqual(ids(await store.listRedrives({ queue: 'orders-%', limit: 10 })), []);
      assert.deepEqual(ids(await store.listByStatus(['running', 'interrupted'])), ['r-2', 'r-4', 'r-3']);
      assert.deepEqual(ids(await store.listByStatus(['cancelled'])), []);
      assert.deepEqual(ids(await store.listByStatus([])), []);
      assert.equal((await store.listByStatus(['interrupted']))[0]?.taskHandle, 'handle-1');
    } finally {
      await store.close();
    }
  });

  it('keeps the audit trail newest first, filtered by kind, without message bodies', async () => {
    const store = openSqliteStore(':memory:');
    try {
      await store.appendAudit({
        at: 1,
        kind: 'redrive.start',
        actor: 'U1',
        channel: 'C1',
        queue: 'q',
        redriveId: 'r-1',
        detail: { limit: 5 },
      });
      await store.appendAudit({ at: 2, kind: 'denied', actor: 'U2', detail: { reason: 'not admitted' } });
      await store.appendAudit({
        at: 3,
        kind: 'peek',
        actor: 'U1',
        queue: 'q',
        detail: { count: 2, body: 'card=4111', messages: [{ id: 'm1', Body: 'secret' }] },
      });
      const all = await store.listAudit({ limit: 10 });
      assert.deepEqual(
        all.map((e) => e.kind),
        ['peek', 'denied', 'redrive.start'],
      );
      assert.deepEqual(all[2], {
        at: 1,
        kind: 'redrive.start',
        actor: 'U1',
        channel: 'C1',
        queue: 'q',
        redriveId: 'r-1',
        detail: { limit: 5 },
      });
      assert.deepEqual(all[1], { at: 2, kind: 'denied', actor: 'U2', detail: { reason: 'not admitted' } });
      assert.deepEqual(all[0]?.detail, { count: 2, body: '[omitted]', messages: [{ id: 'm1', Body: '[omitted]' }] });
      assert.deepEqual(
        (await store.listAudit({ limit: 10, kind: 'denied' })).map((e) => e.actor),
        ['U2'],
      );
      assert.equal((await store.listAudit({ limit: 1 })).length, 1);
    } finally {
      await store.close();
    }
  });

  it('keeps small JSON state by key, the latest value winning, across reopen', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'redrive-state-')), 'state.db');
    const store = openSqliteStore(path);
    assert.equal(await store.getState('alarm-post:x'), undefined);
    await store.setState('alarm-post:x', { ts: '1.1', state: 'ALARM' });
    await store.setState('alarm-post:x', { ts: '1.1', state: 'OK' });
    await store.close();
    const again = openSqliteStore(path);
    try {
      assert.deepEqual(await again.getState('alarm-post:x'), { ts: '1.1', state: 'OK' });
    } finally {
      await again.close();
    }
  });

  it('persists to a file in a new folder, migrates once, and reopens with the data', async () => {
    const path = join(dir, 'nested', 'data', 'redrive.db');
    const first = openSqliteStore(path);
    await first.insertRedrive(record('r-keep', { status: 'succeeded', moved: 42 }));
    await first.appendAudit({ at: 5, kind: 'redrive.finish', actor: 'system', redriveId: 'r-keep', detail: {} });
    await first.close();
    await first.close();
    assert.ok(existsSync(path));

    const second = openSqliteStore(path);
    try {
      assert.equal((await second.getRedrive('r-keep'))?.moved, 42);
      assert.equal((await second.listAudit({ limit: 5 }))[0]?.redriveId, 'r-keep');
    } finally {
      await second.close();
    }

    const raw = new DatabaseSync(path);
    try {
      assert.deepEqual(
        raw
          .prepare('SELECT version FROM schema_version')
          .all()
          .map((r) => r.version),
        [MIGRATIONS.length],
      );
      assert.equal(raw.prepare('PRAGMA journal_mode').get()?.journal_mode, 'wal');
      const indexes = raw
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'redrives_by_%'")
        .all();
      assert.ok(indexes.some((i) => i.name === 'redrives_by_status'));
      const columns = raw
        .prepare("SELECT name FROM pragma_table_info('redrives')")
        .all()
        .map((c) => String(c.name));
      assert.ok(!columns.some((c) => /body/i.test(c)), 'no column holds message bodies');
      raw.prepare('UPDATE schema_version SET version = ?').run(MIGRATIONS.length + 1);
    } finally {
      raw.close();
    }
    assert.throws(() => openSqliteStore(path), { code: 'CONFIG', message: /written by a newer sqs-redrive/ });
  });
});

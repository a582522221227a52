// Redrive records for tests: a running orders-dlq → orders redrive, with any field overridden or removed.

import type { RedriveRecord } from '../../src/store/types.ts';

export const ARN = 'arn:aws:sqs:us-east-1:123456789012';
export const STARTED = Date.UTC(2026, 10, 29, 8, 0, 0);

/** Fields set to undefined are left out (how a record without `total` looks). */
export type RecordOverrides = { [K in keyof RedriveRecord]?: RedriveRecord[K] | undefined };

export function redriveRecord(over: RecordOverrides = {}): RedriveRecord {
  const merged = {
    id: 'r-7f3k2a',
    sourceName: 'orders-dlq',
    sourceArn: `${ARN}:orders-dlq`,
    destinationName: 'orders',
    destinationArn: `${ARN}:orders`,
    requestedBy: 'U123',
    channel: 'C1',
    engine: 'client',
    options: {},
    status: 'running',
    startedAt: STARTED,
    total: 1234,
    moved: 0,
    failed: 0,
    skipped: 0,
    ...over,
  };
  return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)) as unknown as RedriveRecord;
}

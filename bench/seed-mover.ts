// Baseline for the benchmark: the seed's redrive script (receive → send batch → delete, one batch at a time) in TS.
//
// Usage: node bench/seed-mover.ts --src-url=URL --dst-url=URL [--json]
// Honors AWS_ENDPOINT_URL_SQS / AWS_REGION / the SDK credential chain with the SDK's default client.
//
// Faithful to the seed script: strictly serial, ReceiveMessage of up to 10 with a short poll and no attribute
// names (so message attributes are not carried over), SendMessageBatch of the bodies, DeleteMessageBatch, and it
// stops at the first empty receive. One deliberate difference: the script's generator deleted a received batch
// before that batch's SendMessageBatch was known to have succeeded, so a failed send lost messages. Here only
// the entries the destination confirmed are deleted; anything else stays in the source (and the run fails, as
// the script raised on a partial batch).

import { parseArgs } from 'node:util';
import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';

export interface SeedMoveResult {
  readonly moved: number;
  readonly durationMs: number;
  readonly ratePerSec: number;
}

/** Moves every message from `srcUrl` to `dstUrl`, one batch of up to 10 at a time. */
export async function seedMove(sqs: SQSClient, srcUrl: string, dstUrl: string): Promise<SeedMoveResult> {
  const started = performance.now();
  let moved = 0;
  for (;;) {
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: srcUrl, MaxNumberOfMessages: 10 }));
    const messages = received.Messages ?? [];
    if (messages.length === 0) break;

    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: dstUrl,
        Entries: messages.map((m, i) => ({ Id: String(i), MessageBody: m.Body ?? '' })),
      }),
    );
    const confirmed = new Set((sent.Successful ?? []).map((s) => s.Id));
    const toDelete = messages.flatMap((m, i) =>
      confirmed.has(String(i)) && m.ReceiptHandle ? [{ Id: String(i), ReceiptHandle: m.ReceiptHandle }] : [],
    );
    if (toDelete.length > 0) {
      const deleted = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: srcUrl, Entries: toDelete }));
      if ((deleted.Successful ?? []).length !== toDelete.length) {
        throw new Error(`Could not delete ${deleted.Failed?.length ?? 0} moved messages from the source`);
      }
    }
    moved += toDelete.length;
    if (toDelete.length !== messages.length) {
      throw new Error(`${messages.length - toDelete.length} messages were not sent; they stay in the source`);
    }
  }
  const durationMs = performance.now() - started;
  return { moved, durationMs, ratePerSec: durationMs > 0 ? (moved * 1000) / durationMs : 0 };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'src-url': { type: 'string' },
      'dst-url': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const srcUrl = values['src-url'];
  const dstUrl = values['dst-url'];
  if (!srcUrl || !dstUrl) {
    console.error('Usage: node bench/seed-mover.ts --src-url=URL --dst-url=URL [--json]');
    process.exitCode = 2;
    return;
  }
  // SDK defaults, as the seed used boto3's; the SDK reads AWS_ENDPOINT_URL_SQS itself. Queue URLs may name a host
  // that only the endpoint serves (emulators), so requests go to the endpoint.
  const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
  try {
    const result = await seedMove(sqs, srcUrl, dstUrl);
    if (values.json) console.log(JSON.stringify({ ...result, failed: 0, engine: 'seed-script' }));
    else console.error(`Moved ${result.moved} messages in ${(result.durationMs / 1000).toFixed(1)} s`);
  } finally {
    sqs.destroy();
  }
}

if (import.meta.main) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
    process.exitCode = 1;
  });
}

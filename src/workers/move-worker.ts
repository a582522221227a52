// Worker thread entry: runs one move off the bot's main thread (so Slack is always acked fast), reports progress,
// obeys cancel. Builds its own SQS client from the same environment as the bot.

import { parentPort, workerData } from 'node:worker_threads';
import { createSqsClient } from '../aws/sqs-client.ts';
import { RedriveError } from '../core/errors.ts';
import { createEngine } from '../core/mover/engines.ts';
import type { FromWorker, MoveJob, ToWorker } from './move-protocol.ts';

const port = parentPort;
if (!port) throw new Error('move-worker.ts runs only as a worker thread');
const job = workerData as MoveJob;
const controller = new AbortController();
const send = (message: FromWorker) => port.postMessage(message);
port.on('message', (message: ToWorker) => {
  if (message.type === 'cancel') controller.abort();
});

const sqs = createSqsClient();
let lastProgress = 0;
try {
  const result = await createEngine(sqs, job.engine).move({
    ...job.request,
    signal: controller.signal,
    onProgress: (progress) => {
      const now = performance.now();
      if (now - lastProgress < job.progressIntervalMs) return;
      lastProgress = now;
      send({ type: 'progress', progress });
    },
  });
  send({ type: 'result', result });
} catch (err) {
  const error = err instanceof Error ? err : new Error(String(err));
  send({
    type: 'error',
    name: error.name,
    code: err instanceof RedriveError ? err.code : undefined,
    message: error.message,
  });
} finally {
  sqs.destroy();
  port.close();
}

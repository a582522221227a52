// A MoveEngine that runs each move in a worker thread: the bot's event loop stays free for Slack while it moves.

import { Worker } from 'node:worker_threads';
import { type ErrorCode, RedriveError } from '../core/errors.ts';
import type { EngineName, MoveEngine, MoveRequest, MoveResult } from '../core/mover/types.ts';
import type { FromWorker, MoveJob, ToWorker } from './move-protocol.ts';

const WORKER = new URL('./move-worker.ts', import.meta.url);
/** Progress messages from the worker at most this often. */
const PROGRESS_INTERVAL_MS = 250;

export function createThreadedEngine(name: EngineName): MoveEngine {
  return { name, move: (request) => moveInWorker(name, request) };
}

function moveInWorker(engine: EngineName, request: MoveRequest): Promise<MoveResult> {
  const { signal, onProgress, ...plain } = request;
  const job: MoveJob = { engine, request: plain, progressIntervalMs: PROGRESS_INTERVAL_MS };
  const worker = new Worker(WORKER, { workerData: job });
  const cancel = () => worker.postMessage({ type: 'cancel' } satisfies ToWorker);
  if (signal?.aborted) cancel();
  signal?.addEventListener('abort', cancel, { once: true });
  return new Promise<MoveResult>((resolve, reject) => {
    let settled = false;
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'progress') onProgress?.(message.progress);
      else if (message.type === 'result') {
        settled = true;
        resolve(message.result);
      } else {
        settled = true;
        reject(new RedriveError((message.code as ErrorCode | undefined) ?? 'AWS_ERROR', message.message));
      }
    });
    worker.on('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`the move's worker thread stopped (exit ${code}) before it reported a result`));
    });
  }).finally(() => signal?.removeEventListener('abort', cancel));
}

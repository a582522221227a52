// The native engine: an SQS message move task (DLQ → queue) started, followed to its end, cancelled on abort.

import {
  CancelMessageMoveTaskCommand,
  ListMessageMoveTasksCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
  type ListMessageMoveTasksResultEntry as TaskEntry,
} from '@aws-sdk/client-sqs';
import {
  AwsError,
  awsErrorName,
  BadInputError,
  BusyError,
  QueueNotFoundError,
  RedriveError,
  UnsupportedError,
} from '../errors.ts';
import type { QueueRef } from '../queues/queue-ref.ts';
import { clientOnlyOptions, isNativeUnsupported, nativeRateProblem } from './choose-engine.ts';
import { isTransient, pause } from './retry.ts';
import type { MoveEngine, MoveProgress, MoveRequest, MoveResult, StopReason } from './types.ts';

export interface NativeLogger {
  debug(message: string, detail?: Record<string, unknown>): void;
  warn(message: string, detail?: Record<string, unknown>): void;
}

export interface NativeEngineOptions {
  /** How often ListMessageMoveTasks is asked for the task's counts (default 2000 ms). */
  readonly pollIntervalMs?: number;
  /** After a cancel, how long to wait for SQS to report the task CANCELLED (default 60 s). */
  readonly cancelWaitMs?: number;
  readonly logger?: NativeLogger;
  /** Called once SQS accepted the task: store the handle, so a restarted bot can follow it (followMoveTask). */
  readonly onTaskStarted?: (task: { readonly source: QueueRef; readonly taskHandle: string }) => void;
}

export interface FollowTarget {
  readonly source: QueueRef;
  readonly taskHandle: string;
  /** Aborting cancels the task in SQS; the follow then waits (bounded) for SQS to confirm. */
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((progress: MoveProgress) => void) | undefined;
}

/** Poll errors in a row (after the SDK's own retries) before the follow gives up. */
const POLL_ERRORS_TO_STOP = 5;
/** How long our task may be missing from ListMessageMoveTasks (eventual consistency) before the follow gives up. */
const MISSING_WAIT_MS = 60_000;
const TERMINAL: Readonly<Record<string, StopReason>> = { COMPLETED: 'done', CANCELLED: 'cancelled', FAILED: 'failed' };
const FAILURE_HINTS: Readonly<Record<string, string>> = {
  'AWS.SimpleQueueService.NonExistentQueue': 'the destination queue does not exist any more',
  CouldNotDetermineMessageSource: 'SQS could not tell which queue a message came from',
};
const quiet: NativeLogger = { debug() {}, warn() {} };

export function createNativeEngine(sqs: SQSClient, options: NativeEngineOptions = {}): MoveEngine {
  return { name: 'native', move: (request) => startMoveTask(sqs, request, options) };
}

/** Follows a move task already running in SQS (e.g. after a bot restart) to its end. */
export function followMoveTask(
  sqs: SQSClient,
  target: FollowTarget,
  options: NativeEngineOptions = {},
): Promise<MoveResult> {
  return follow(sqs, target, options, {});
}

/** The task now running for a source queue (at most one runs at a time), if any. */
export async function findRunningMoveTask(sqs: SQSClient, source: QueueRef): Promise<TaskEntry | undefined> {
  return (await listTasks(sqs, source)).find((t) => t.Status === 'RUNNING' && t.TaskHandle);
}

/** Checks what only the client engine can do and what SQS would refuse; throws BadInputError naming it. */
export function validateNativeRequest(request: MoveRequest): void {
  const flags = clientOnlyOptions(request);
  if (flags.length > 0) {
    throw new BadInputError(`The native engine (SQS move task) cannot do ${flags.join(', ')}: use --engine client.`);
  }
  const rate = nativeRateProblem(request.ratePerSec);
  if (rate) throw new BadInputError(`The native engine cannot move at this rate: ${rate}.`);
  const { source, destination } = request;
  if (source.arn === destination.arn)
    throw new BadInputError(`Source and destination are the same queue (${source.name}).`);
  if (source.fifo !== destination.fifo) {
    throw new BadInputError(
      `SQS move tasks only move between queues of the same type, and ${source.name} is ${kind(source)} while ${destination.name} is ${kind(destination)}: use --engine client.`,
    );
  }
}

async function startMoveTask(sqs: SQSClient, request: MoveRequest, options: NativeEngineOptions): Promise<MoveResult> {
  validateNativeRequest(request);
  const { source, destination, signal } = request;
  const startedAt = Date.now();
  if (signal?.aborted) return resultOf(undefined, 'cancelled', startedAt);
  const refused = async (err: unknown): Promise<never> => {
    throw await startError(sqs, request, err);
  };
  // Listing first tells an endpoint without the API apart, and which tasks are not ours.
  const earlier = await listTasks(sqs, source).catch(refused);
  const rate = request.ratePerSec !== undefined ? { MaxNumberOfMessagesPerSecond: request.ratePerSec } : {};
  const { TaskHandle: taskHandle } = await sqs
    .send(new StartMessageMoveTaskCommand({ SourceArn: source.arn, DestinationArn: destination.arn, ...rate }))
    .catch(refused);
  if (!taskHandle) throw new RedriveError('AWS_ERROR', `SQS started a move task from ${source.name} without a handle.`);
  (options.logger ?? quiet).debug('move task started', { source: source.arn, task: taskLabel(taskHandle) });
  options.onTaskStarted?.({ source, taskHandle });
  const target = { source, taskHandle, signal, onProgress: request.onProgress };
  return follow(sqs, target, options, { startedAt, earlier: new Set(earlier.map((t) => t.StartedTimestamp)) });
}

/**
 * Polls until the task ends. `startedAt`: the move's local start (a follow after a restart uses the task's
 * StartedTimestamp); `earlier`: StartedTimestamps of the tasks listed before ours began.
 */
async function follow(
  sqs: SQSClient,
  target: FollowTarget,
  options: NativeEngineOptions,
  context: { readonly startedAt?: number; readonly earlier?: ReadonlySet<number | undefined> },
): Promise<MoveResult> {
  const { source, taskHandle, signal } = target;
  const logger = options.logger ?? quiet;
  const pollMs = options.pollIntervalMs ?? 2000;
  const cancelWaitMs = options.cancelWaitMs ?? 60_000;
  const missingWaitMs = Math.max(MISSING_WAIT_MS, 3 * pollMs);
  const followedAt = Date.now();
  let seen: TaskEntry | undefined;
  let lastKey = '';
  let missingSince: number | undefined;
  let pollErrors = 0;
  let cancelledAt: number | undefined;
  let cancelDone = false;
  const startedAt = () => {
    const taskStart = seen?.StartedTimestamp;
    return context.startedAt ?? (taskStart && taskStart <= Date.now() ? taskStart : followedAt);
  };
  for (;;) {
    if (signal?.aborted) cancelledAt ??= Date.now();
    if (cancelledAt !== undefined && !cancelDone) cancelDone = await cancelTask(sqs, target, logger);
    let tasks: TaskEntry[] | undefined;
    try {
      tasks = await listTasks(sqs, source);
      pollErrors = 0;
    } catch (err) {
      pollErrors++;
      logger.warn('could not read the move task', { source: source.arn, error: awsErrorName(err) });
      const lost = `Lost track of move task ${taskLabel(taskHandle)} (it may still be running in SQS) from`;
      if (!isTransient(err) || pollErrors >= POLL_ERRORS_TO_STOP) throw new AwsError(lost, source.name, err);
    }
    const task = tasks && pickTask(tasks, taskHandle, seen, context.earlier);
    if (task) {
      seen = task;
      missingSince = undefined;
      const key = `${task.Status}/${task.ApproximateNumberOfMessagesMoved}/${task.ApproximateNumberOfMessagesToMove}`;
      if (key !== lastKey) {
        lastKey = key;
        target.onProgress?.(progressOf(task, startedAt()));
      }
      const stoppedBy = TERMINAL[task.Status ?? ''];
      if (stoppedBy) return resultOf(task, stoppedBy, startedAt(), taskHandle);
    } else if (tasks) {
      missingSince ??= Date.now();
      const missing = `SQS does not list move task ${taskLabel(taskHandle)} of ${source.name}: check the SQS console.`;
      if (Date.now() - missingSince >= missingWaitMs) throw new RedriveError('AWS_ERROR', missing);
    }
    if (cancelledAt !== undefined && Date.now() - cancelledAt >= cancelWaitMs) {
      const error = `SQS had not confirmed the cancel after ${Math.round(cancelWaitMs / 1000)} s: the task may still be moving messages.`;
      return resultOf(seen, 'cancelled', startedAt(), taskHandle, error);
    }
    await pause(pollMs, cancelledAt === undefined ? signal : undefined);
  }
}

/**
 * Our task in a listing. SQS shows a task's handle only while it is RUNNING, so an ended task is known by the
 * StartedTimestamp seen while it ran; one never seen running is the newest ended task not listed before it began.
 */
function pickTask(
  tasks: readonly TaskEntry[],
  handle: string,
  seen: TaskEntry | undefined,
  earlier: ReadonlySet<number | undefined> | undefined,
): TaskEntry | undefined {
  const byHandle = tasks.find((t) => t.TaskHandle === handle);
  if (byHandle) return byHandle;
  const ended = tasks.filter((t) => !t.TaskHandle && t.Status !== 'RUNNING');
  if (seen) return ended.find((t) => t.StartedTimestamp === seen.StartedTimestamp);
  return ended.find((t) => !earlier?.has(t.StartedTimestamp));
}

/** Asks SQS to cancel; true when there is nothing left to ask (cancelled, or the task had already ended). */
async function cancelTask(sqs: SQSClient, target: FollowTarget, logger: NativeLogger): Promise<boolean> {
  try {
    await sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle: target.taskHandle }));
    return true;
  } catch (err) {
    const ended = awsErrorName(err) === 'InvalidParameterValue' || awsErrorName(err) === 'ResourceNotFoundException';
    logger.warn(ended ? 'move task had already ended when cancelled' : 'could not cancel the move task, will retry', {
      source: target.source.arn,
      error: awsErrorName(err),
    });
    return ended || !isTransient(err);
  }
}

async function listTasks(sqs: SQSClient, source: QueueRef): Promise<TaskEntry[]> {
  const out = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: source.arn, MaxResults: 10 }));
  return out.Results ?? [];
}

/** Turns SQS's refusal of a move task into an error that says what happened and what to do. */
async function startError(sqs: SQSClient, request: MoveRequest, err: unknown): Promise<Error> {
  const { source, destination } = request;
  const from = `Cannot start a move task from ${source.name}`;
  const name = awsErrorName(err);
  const detail = err instanceof Error ? err.message : '';
  const useClient = (why: string) => new BadInputError(`${from}${why} Use --engine client.`, { cause: err });
  if (isNativeUnsupported(err)) {
    const message = `${from}: this SQS endpoint has no message move tasks (${name}). Use --engine client.`;
    return new UnsupportedError(message, { cause: err });
  }
  if (name === 'ResourceNotFoundException' || /NonExistentQueue|QueueDoesNotExist/.test(name)) {
    const queue = /DestinationArn/i.test(detail) ? destination : source;
    return new QueueNotFoundError(queue.name, `SQS says it does not exist (${queue.region}, ${queue.account}).`);
  }
  if (name !== 'InvalidParameterValue') return new AwsError('Cannot start a move task from', source.name, err);
  if (/dead.letter queue/i.test(detail)) {
    return useClient(
      ': it is not a dead-letter queue (no queue names it in its RedrivePolicy), and SQS move tasks only start from one.',
    );
  }
  if (/same queue type/i.test(detail))
    return useClient(` to ${destination.name}: SQS moves only between queues of the same type.`);
  if (/already a task running|only one active task/i.test(detail)) {
    const running = await findRunningMoveTask(sqs, source).catch(() => undefined);
    const holder = running?.TaskHandle ?? 'unknown';
    const since = running?.StartedTimestamp ? `, started ${new Date(running.StartedTimestamp).toISOString()}` : '';
    const what = `another move task is already running for it (task ${taskLabel(holder)}${since})`;
    return new BusyError(`${from}: ${what}. Wait for it to end, or cancel it.`, holder);
  }
  return new AwsError('Cannot start a move task from', source.name, err);
}

function progressOf(task: TaskEntry, startedAt: number): MoveProgress {
  const moved = task.ApproximateNumberOfMessagesMoved ?? 0;
  const total = task.ApproximateNumberOfMessagesToMove;
  const elapsedMs = Math.max(0, Date.now() - startedAt);
  const ratePerSec = elapsedMs > 0 ? (moved * 1000) / elapsedMs : 0;
  const left = total === undefined ? undefined : Math.max(0, total - moved);
  const etaSec = left !== undefined && ratePerSec > 0 ? left / ratePerSec : undefined;
  return { engine: 'native', moved, failed: 0, skipped: 0, total, elapsedMs, ratePerSec, etaSec };
}

function resultOf(
  task: TaskEntry | undefined,
  stoppedBy: StopReason,
  startedAt: number,
  taskHandle?: string,
  error?: string,
): MoveResult {
  const moved = task?.ApproximateNumberOfMessagesMoved ?? 0;
  const durationMs = Math.max(0, Date.now() - startedAt);
  const reason = stoppedBy === 'failed' ? (task?.FailureReason ?? 'the move task failed') : undefined;
  const message = error ?? (reason && (FAILURE_HINTS[reason] ? `${reason}: ${FAILURE_HINTS[reason]}` : reason));
  const ratePerSec = durationMs > 0 ? Math.round((moved * 10_000) / durationMs) / 10 : 0;
  const counts = { moved, failed: 0, skipped: 0, failures: {}, skippedBy: {}, deleteFailures: 0 };
  const extra = { ...(taskHandle !== undefined ? { taskHandle } : {}), ...(message ? { error: message } : {}) };
  return { engine: 'native', ...counts, durationMs, ratePerSec, stoppedBy, ...extra };
}

/** A short name for a task handle: its taskId when the handle is SQS's base64 JSON, else its last characters. */
export function taskLabel(handle: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(handle, 'base64').toString('utf8')) as { taskId?: unknown };
    if (typeof parsed.taskId === 'string' && parsed.taskId) return parsed.taskId;
  } catch {
    // not SQS's usual form
  }
  return handle.length > 16 ? `…${handle.slice(-12)}` : handle;
}

function kind(queue: QueueRef): string {
  return queue.fifo ? 'FIFO' : 'standard';
}

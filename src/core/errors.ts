// Error types shared by every layer: one base with a machine-readable code, subclasses callers branch on.

export type ErrorCode =
  | 'BAD_INPUT'
  | 'QUEUE_NOT_FOUND'
  | 'QUEUE_MISMATCH'
  | 'AWS_ERROR'
  | 'UNSUPPORTED'
  | 'BUSY'
  | 'DENIED'
  | 'CONFIG';

/** Base error: `code` for branching, `message` written for the person who will read it. */
export class RedriveError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The user asked for something that cannot work (bad flag, same queue twice, FIFO mismatch…). */
export class BadInputError extends RedriveError {
  constructor(message: string, options?: ErrorOptions) {
    super('BAD_INPUT', message, options);
  }
}

/** A queue named by the user does not exist (or the caller may not see it). */
export class QueueNotFoundError extends RedriveError {
  readonly queue: string;
  constructor(queue: string, detail: string, options?: ErrorOptions) {
    super('QUEUE_NOT_FOUND', `Queue ${queue} not found: ${detail}`, options);
    this.queue = queue;
  }
}

/** The endpoint does not offer an API this path needs (e.g. an emulator without StartMessageMoveTask). */
export class UnsupportedError extends RedriveError {
  constructor(message: string, options?: ErrorOptions) {
    super('UNSUPPORTED', message, options);
  }
}

/** Another move already holds the source queue. */
export class BusyError extends RedriveError {
  readonly holder: string;
  constructor(message: string, holder: string) {
    super('BUSY', message);
    this.holder = holder;
  }
}

interface AwsLikeError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

/** An AWS call failed; keeps the SDK's error name, HTTP status and the queue it concerned. */
export class AwsError extends RedriveError {
  readonly awsName: string;
  readonly httpStatusCode: number | undefined;
  readonly queue: string;
  constructor(action: string, queue: string, cause: unknown, where?: string) {
    const err = (cause ?? {}) as AwsLikeError;
    const awsName = err.name ?? err.code ?? 'Error';
    const status = err.$metadata?.httpStatusCode;
    const detail = err.message && err.message !== awsName ? ` — ${err.message}` : '';
    super('AWS_ERROR', `${action} ${queue}: ${awsName}${where ? ` (${where})` : ''}${detail}`, { cause });
    this.awsName = awsName;
    this.httpStatusCode = status;
    this.queue = queue;
  }
}

/** The SDK error's name (e.g. `QueueDoesNotExist`), or `Error` for anything else. */
export function awsErrorName(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as AwsLikeError;
    return e.name ?? e.code ?? 'Error';
  }
  return 'Error';
}

// Reads an HTTP request body as UTF-8 text, refusing more than a limit (413) so no caller can be made to buffer a flood.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../core/job/types.ts';
import { errorText, reply } from './reply.ts';

/** SNS messages are at most 256 KiB; alarm payloads are a few KiB. */
export const DEFAULT_BODY_LIMIT = 256 * 1024;

/** The body could not be read: `status` is what to answer (413 too large, 400 broken upload). */
export class BodyError extends Error {
  readonly status: 400 | 413;
  constructor(status: 400 | 413, message: string) {
    super(message);
    this.name = 'BodyError';
    this.status = status;
  }
}

export function readBody(req: IncomingMessage, limit = DEFAULT_BODY_LIMIT): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(new BodyError(413, `body of ${declared} bytes is over the ${limit}-byte limit`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        // Keep draining (discarding) so the 413 can still be written; the caller closes the connection.
        req.resume();
        reject(new BodyError(413, `body is over the ${limit}-byte limit`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size).toString('utf8'));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new BodyError(400, `body could not be read: ${error.message}`));
    };
    const onAborted = () => {
      cleanup();
      reject(new BodyError(400, 'the client aborted the upload'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}

/** The body as a JSON object; undefined for anything else (malformed JSON, arrays, scalars) — answer 400. */
export function parseJsonObject(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the body of an intake request; when it cannot (too large, broken upload) answers 413/400 itself, logs
 * why (never the body), and returns undefined.
 */
export async function readBodyOrRefuse(
  req: IncomingMessage,
  res: ServerResponse,
  options: { readonly limit: number; readonly logger: Pick<Logger, 'warn'>; readonly what: string },
): Promise<string | undefined> {
  try {
    return await readBody(req, options.limit);
  } catch (error) {
    const status = error instanceof BodyError ? error.status : 400;
    options.logger.warn(`refused ${options.what} body`, { error: errorText(error) });
    reply(res, status, { error: status === 413 ? 'body too large' : 'unreadable body' }, true);
    return undefined;
  }
}

// Short JSON answers for the AWS intake routes (AWS reads only the status; people debugging read the body).

import type { ServerResponse } from 'node:http';

/** Writes one JSON answer unless one was sent already; `close` drops the connection (after a refused upload). */
export function reply(res: ServerResponse, status: number, body: Record<string, unknown>, close = false): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', ...(close ? { connection: 'close' } : {}) });
  res.end(JSON.stringify(body));
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

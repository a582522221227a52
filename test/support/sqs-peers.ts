// Real SQS emulators for tests: fauxqs in-process (primary) and local-aws-sqs (DLQ-move APIs).

import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type FauxqsServer, startFauxqs } from 'fauxqs';
import { onLoopback } from './loopback.ts';

export const TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' } as const;

/** An SDK client pointed at a local endpoint, the way the app builds one when AWS_ENDPOINT_URL_SQS is set. */
export function sqsClientFor(endpoint: string, maxAttempts = 3): SQSClient {
  return new SQSClient({
    endpoint,
    region: 'us-east-1',
    credentials: TEST_CREDENTIALS,
    useQueueUrlAsEndpoint: false,
    maxAttempts,
  });
}

export interface Fauxqs {
  readonly server: FauxqsServer;
  readonly endpoint: string;
  readonly sqs: SQSClient;
  /** Bodies of every message in a queue, in any state (ready, delayed, in flight). */
  bodies(queue: string): string[];
  /** Counts by state, without touching the queue. */
  counts(queue: string): { ready: number; delayed: number; inflight: number };
  stop(): Promise<void>;
}

export async function startFauxqsPeer(): Promise<Fauxqs> {
  const server = await onLoopback(() => startFauxqs({ port: 0, logger: false }));
  const endpoint = `http://127.0.0.1:${server.port}`;
  const sqs = sqsClientFor(endpoint);
  const inspect = (queue: string) => {
    const q = server.inspectQueue(queue);
    if (!q) throw new Error(`fauxqs has no queue ${queue}`);
    return q;
  };
  return {
    server,
    endpoint,
    sqs,
    bodies(queue) {
      const { messages } = inspect(queue);
      return [
        ...messages.ready.map((m) => m.body),
        ...messages.delayed.map((m) => m.body),
        ...messages.inflight.map((e) => e.message.body),
      ];
    },
    counts(queue) {
      const { messages } = inspect(queue);
      return { ready: messages.ready.length, delayed: messages.delayed.length, inflight: messages.inflight.length };
    },
    async stop() {
      sqs.destroy();
      await server.stop();
    },
  };
}

export interface LocalAwsSqs {
  readonly endpoint: string;
  readonly sqs: SQSClient;
  stop(): Promise<void>;
}

/** local-aws-sqs on 127.0.0.1: has ListDeadLetterSourceQueues and the message-move-task APIs. */
export async function startLocalAwsSqsPeer(): Promise<LocalAwsSqs> {
  const { createSqsServer } = await import('local-aws-sqs');
  const server = (await createSqsServer({ port: 0, hostname: '127.0.0.1' })) as Server;
  if (!server.listening) await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const sqs = sqsClientFor(endpoint);
  return {
    endpoint,
    sqs,
    async stop() {
      sqs.destroy();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

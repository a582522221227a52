// A fauxqs server in its own process (so it does not share the measured process's event loop), seeded with
// `--messages N` in queue ack-src; prints {"endpoint": …} on stdout and runs until killed.

import { parseArgs } from 'node:util';
import { startFauxqs } from 'fauxqs';
import { onLoopback } from '../test/support/loopback.ts';
import { bodyOf } from './harness.ts';

const { values } = parseArgs({ options: { messages: { type: 'string', default: '100000' } } });
const count = Number(values.messages);
const server = await onLoopback(() => startFauxqs({ port: 0, logger: false }));
server.createQueue('ack-src');
server.createQueue('ack-dst');
for (let i = 0; i < count; i++) server.sendMessage('ack-src', bodyOf(i));
process.stdout.write(`${JSON.stringify({ endpoint: `http://127.0.0.1:${server.port}` })}\n`);
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));

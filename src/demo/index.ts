// `npm run demo`: the whole bot working offline on 127.0.0.1 (no Slack workspace, no AWS account) in a Slack-like page.

import { parseArgs } from 'node:util';
import { startDemo } from './start-demo.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.DEMO_PORT ?? '0' },
    verbose: { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`--port must be a port number (got "${values.port}")\n`);
  process.exit(2);
}

const demo = await startDemo({ port, logLevel: values.verbose ? 'info' : 'warn' });
process.stdout.write(
  [
    '',
    'sqs-redrive demo: the real bot, an SQS emulator and a Slack-like page, all on this machine (127.0.0.1).',
    '',
    `  Open ${demo.url}`,
    '',
    '  orders-dlq holds 300 failed orders; its CloudWatch alarm fires in a second and the bot posts it.',
    '  Click [Redrive → orders] on the post, watch the thread, and see the post resolve when the DLQ is empty.',
    '  Then try /redrive history, /redrive peek orders-dlq, and the Home tab (sqs-redrive in the sidebar).',
    '',
    '  Ctrl-C stops everything. --verbose shows the bot’s log.',
    '',
  ].join('\n'),
);

let stopping = false;
const stop = async () => {
  if (stopping) process.exit(1);
  stopping = true;
  process.stdout.write('\nstopping the demo…\n');
  await demo.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

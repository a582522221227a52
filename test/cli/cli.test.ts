import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { assertNothingLost, seedPair } from '../support/queues.ts';
import { cliEnv, runCli, startCli } from '../support/run-cli.ts';
import { type Fauxqs, startFauxqsPeer } from '../support/sqs-peers.ts';

let peer: Fauxqs;
let env: NodeJS.ProcessEnv;
let n = 0;
const names = () => {
  n++;
  return { src: `cli-src-${n}`, dst: `cli-dst-${n}` };
};

before(async () => {
  peer = await startFauxqsPeer();
  env = cliEnv(peer.endpoint);
});
after(() => peer.stop());

const oneLine = (text: string) => text.trim().split('\n').length === 1;

describe('sqs-redrive CLI', () => {
  test('--help prints usage and exits 0', async () => {
    const run = await runCli(['--help'], env);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /Usage: sqs-redrive --src-url=SRC/);
    assert.match(run.stdout, /--dry-run/);
  });

  test('bad input: one line on stderr, exit 2, nothing moved', async () => {
    const pair = await seedPair(peer, names(), 5);
    const fifoDst = `${pair.destination.name}.fifo`;
    peer.server.createQueue(fifoDst, { attributes: { FifoQueue: 'true' } });
    const cases: [string[], RegExp][] = [
      [[], /--src-url is required/],
      [['--src-url', pair.source.url, '--bogus'], /Unknown option '--bogus'/],
      [['--src-url', pair.source.url, '--limit', 'lots'], /--limit must be a whole number/],
      [['--src-url', pair.source.url, '--engine', 'warp'], /--engine must be auto, client or native/],
      [['--src-url', 'no-such-queue', '--dst-url', pair.destination.url], /Queue no-such-queue not found/],
      [['--src-url', pair.source.url, '--dst-url', pair.source.arn], /same queue/],
      [['--src-url', pair.source.name, '--dst-url', fifoDst], /FIFO queue .* give --group-id/],
      [['--src-url', pair.source.name], /not the dead-letter queue of any queue: name the destination/],
      [['--src-url', pair.source.name, '--dst-url', pair.destination.name, '--filter', '/[/'], /not a valid regular/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args, env);
      assert.equal(run.code, 2, `${args.join(' ')} → ${run.stderr}`);
      assert.match(run.stderr, message);
      assert.ok(oneLine(run.stderr), `one line: ${run.stderr}`);
      assert.equal(run.stdout, '');
    }
    assert.equal(peer.counts(pair.source.name).ready, 5, 'nothing moved');
  });

  test('no AWS region configured: one clear line, exit 2', async () => {
    // No endpoint either (with a local endpoint the CLI assumes us-east-1): it must stop before any AWS call.
    const { AWS_REGION: _r, AWS_ENDPOINT_URL_SQS: _e, ...noRegion } = env;
    const run = await runCli(['--src-url', 'q1', '--dst-url', 'q2'], { ...noRegion, HOME: '/nonexistent' });
    assert.equal(run.code, 2);
    assert.equal(
      run.stderr,
      'sqs-redrive: No AWS region: set AWS_REGION (or use a profile with a region), or pass --region.\n',
    );
  });

  test('seed-compatible flags; --json prints exactly one JSON object', async () => {
    const pair = await seedPair(peer, names(), 42);
    const run = await runCli([`--src-url=${pair.source.url}`, `--dst-url=${pair.destination.url}`, '--json'], env);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.length, 1);
    const result = JSON.parse(lines[0] ?? '');
    assert.equal(result.moved, 42);
    assert.equal(result.failed, 0);
    assert.equal(result.skipped, 0);
    assert.equal(result.engine, 'client');
    assert.equal(typeof result.durationMs, 'number');
    assert.equal(typeof result.ratePerSec, 'number');
    assert.deepEqual(result.failures, {});
    assertNothingLost(peer, pair);
    assert.equal(peer.bodies(pair.destination.name).length, 42);
  });

  test('infers the destination from the DLQ and prints a tally', async () => {
    const nm = names();
    const dlq = peer.server.createQueue(nm.src);
    peer.server.createQueue(nm.dst, {
      attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.queueArn, maxReceiveCount: 3 }) },
    });
    const pair = await seedPair(peer, nm, 12);
    const run = await runCli(['--src-url', nm.src, '--engine', 'client'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, new RegExp(`Moving ${nm.src} → ${nm.dst}: 12 messages, engine client`));
    assert.match(run.stdout, /^Moved 12 message\(s\) in /);
    assertNothingLost(peer, pair);
    assert.equal(peer.bodies(nm.dst).length, 12);
  });

  test('exit 1 when some messages failed; they stay in the source', async () => {
    const nm = names();
    peer.server.createQueue(nm.src);
    peer.server.createQueue(nm.dst, { attributes: { MaximumMessageSize: '1024' } });
    peer.server.sendMessage(nm.src, `big-${'z'.repeat(4000)}`);
    peer.server.sendMessage(nm.src, 'small');
    const run = await runCli(['--src-url', nm.src, '--dst-url', nm.dst, '--json'], env);
    assert.equal(run.code, 1);
    const result = JSON.parse(run.stdout);
    assert.equal(result.moved, 1);
    assert.equal(result.failed, 1);
    assert.equal(Object.values(result.failures)[0], 1);
    assert.equal(peer.counts(nm.src).ready, 1);
  });

  test('dry run exits 0 and moves nothing', async () => {
    const pair = await seedPair(peer, names(), 7);
    const run = await runCli(['--src-url', pair.source.name, '--dst-url', pair.destination.name, '--dry-run'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Dry run: 7 message\(s\) would move; nothing was moved\./);
    assert.equal(peer.counts(pair.source.name).ready, 7);
  });

  test('Ctrl-C cancels cleanly: exit 130, nothing left invisible, nothing lost', async () => {
    const pair = await seedPair(peer, names(), 600);
    const child = startCli(['--src-url', pair.source.name, '--dst-url', pair.destination.name, '--rate', '100'], env);
    while (peer.bodies(pair.destination.name).length < 30) await sleep(20);
    child.kill('SIGINT');
    await once(child, 'close');
    const run = child.output();
    assert.equal(run.code, 130, run.stderr);
    assert.match(run.stdout, /Cancelled/);
    assert.equal(peer.counts(pair.source.name).inflight, 0);
    assertNothingLost(peer, pair);
  });

  test('killed with SIGKILL mid-move: nothing lost, all visible again after the visibility timeout', async () => {
    const pair = await seedPair(peer, names(), 600);
    const args = ['--src-url', pair.source.name, '--dst-url', pair.destination.name, '--rate', '150'];
    const child = startCli([...args, '--visibility-timeout', '2'], env);
    while (peer.bodies(pair.destination.name).length < 50) await sleep(10);
    child.kill('SIGKILL');
    await once(child, 'close');
    assert.equal(child.output().signal, 'SIGKILL');
    // A batch sent but not yet deleted when the process died is in both queues: a duplicate, never a loss.
    assertNothingLost(peer, pair, { allowInBoth: true, allowDuplicates: true });
    await sleep(2500);
    // Visible again: everything still in the source can be received now.
    const left = new Set(peer.bodies(pair.source.name));
    const received = new Set<string>();
    for (let empty = 0; empty < 2; ) {
      const out = await peer.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: pair.source.url, MaxNumberOfMessages: 10, VisibilityTimeout: 60 }),
      );
      for (const m of out.Messages ?? []) received.add(m.Body ?? '');
      empty = out.Messages?.length ? 0 : empty + 1;
    }
    assert.ok(left.size > 0, 'the kill left messages in the source');
    assert.deepEqual([...received].sort(), [...left].sort(), 'every message left in the source is visible again');
  });
});

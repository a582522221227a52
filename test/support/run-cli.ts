// Runs the real `sqs-redrive` launcher in a child process against a local SQS endpoint.

import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../bin/sqs-redrive.js', import.meta.url));

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function cliEnv(endpoint: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    AWS_ENDPOINT_URL_SQS: endpoint,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
  };
}

export function startCli(args: readonly string[], env: NodeJS.ProcessEnv): ChildProcess & { output: () => CliRun } {
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d;
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d;
  });
  return Object.assign(child, {
    output: () => ({ code: child.exitCode, signal: child.signalCode, stdout, stderr }),
  });
}

export async function runCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const child = startCli(args, env);
  await once(child, 'close');
  return child.output();
}

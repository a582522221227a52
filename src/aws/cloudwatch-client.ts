// Builds the CloudWatch client (alarm polling, depth charts) from the SDK's standard configuration; only the bot
// loads it, so the CLI starts without it.

import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { type ClientOptions, regionOption } from './sqs-client.ts';

type Env = Readonly<Record<string, string | undefined>>;

export function createCloudWatchClient(options: ClientOptions = {}, env: Env = process.env): CloudWatchClient {
  const endpoint = options.endpoint ?? (env.AWS_ENDPOINT_URL_CLOUDWATCH || env.AWS_ENDPOINT_URL || undefined);
  return new CloudWatchClient({
    ...regionOption(options, endpoint, env),
    ...(endpoint ? { endpoint } : {}),
    maxAttempts: options.maxAttempts ?? 4,
  });
}

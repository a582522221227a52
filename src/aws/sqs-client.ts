// Builds the SQS client from the SDK's standard configuration (credential chain, AWS_REGION,
// AWS_PROFILE, AWS_ENDPOINT_URL_SQS / AWS_ENDPOINT_URL). Only edges build clients; the core receives them.

import { SQSClient } from '@aws-sdk/client-sqs';

export interface ClientOptions {
  /** Overrides the SDK's own endpoint resolution (tests, emulators). */
  readonly endpoint?: string;
  readonly region?: string;
  readonly maxAttempts?: number;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The SQS endpoint configured in the environment, if any. */
export function sqsEndpointFromEnv(env: Env = process.env): string | undefined {
  return env.AWS_ENDPOINT_URL_SQS || env.AWS_ENDPOINT_URL || undefined;
}

/**
 * An SQS client. When an endpoint is configured, every request goes to it even though queue URLs name
 * another host (`useQueueUrlAsEndpoint: false`), so emulators and VPC endpoints work with real queue URLs.
 */
export function createSqsClient(options: ClientOptions = {}, env: Env = process.env): SQSClient {
  const endpoint = options.endpoint ?? sqsEndpointFromEnv(env);
  return new SQSClient({
    ...regionOption(options, endpoint, env),
    ...(endpoint ? { endpoint, useQueueUrlAsEndpoint: false } : {}),
    maxAttempts: options.maxAttempts ?? 4,
    md5: false,
  });
}

/** The SDK finds the region itself (AWS_REGION, profile); a local endpoint without one gets us-east-1. */
export function regionOption(options: ClientOptions, endpoint: string | undefined, env: Env): { region?: string } {
  if (options.region) return { region: options.region };
  if (endpoint && !env.AWS_REGION && !env.AWS_DEFAULT_REGION && !env.AWS_PROFILE) return { region: 'us-east-1' };
  return {};
}

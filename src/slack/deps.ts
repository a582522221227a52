// What the Slack listeners need from the rest of the bot, passed in so tests can build it with real peers.

import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { RedriveService } from '../core/job/redrive-service.ts';
import type { Rules } from '../core/permissions/rules.ts';
import type { AppLogger } from '../logger.ts';
import type { RedriveStore } from '../store/types.ts';
import type { UserGroups } from './user-groups.ts';

export interface BotDeps {
  readonly sqs: SQSClient;
  /** For alarm posts' charts and oldest-message age; absent when no alarm intake is configured. */
  readonly cloudwatch?: CloudWatchClient;
  readonly store: RedriveStore;
  readonly service: RedriveService;
  /** Undefined without REDRIVE_RULES: anyone may redrive, nobody may peek. */
  readonly rules: Rules | undefined;
  /** Redrives of more messages than this ask for a confirmation first. */
  readonly confirmAbove: number;
  readonly userGroups: UserGroups;
  readonly logger: AppLogger;
  /** After a redrive, how long and how often to watch its source for messages coming back. */
  readonly bounce: { readonly minutes: number; readonly intervalMs: number };
  /** Aborted when the bot stops: background watchers end with it. */
  readonly lifetime: AbortSignal;
}

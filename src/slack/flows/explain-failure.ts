// Turns any error into an ephemeral message that says what happened and what to do.

import { AwsError, BadInputError, QueueNotFoundError, RedriveError, UnsupportedError } from '../../core/errors.ts';
import type { SlackMessage } from '../blocks/kit.ts';
import { failure } from '../blocks/notices.ts';
import { usage } from '../blocks/usage.ts';

/** Slack API errors that mean the bot cannot post where it was asked. */
const CANNOT_POST = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);

export function explainFailure(err: unknown, what: string): SlackMessage {
  const slackError = (err as { data?: { error?: string } })?.data?.error;
  if (slackError && CANNOT_POST.has(slackError)) {
    return failure(
      `${what}: I cannot post in this channel (${slackError}).`,
      'Invite me with `/invite @sqs-redrive`, or run the command in a channel I am in.',
    );
  }
  if (err instanceof QueueNotFoundError) {
    return failure(err.message, 'Check the queue name, URL or ARN, and that the bot’s AWS role can see it.');
  }
  if (err instanceof BadInputError) return usage(err.message);
  if (err instanceof UnsupportedError) return failure(`${what}: ${err.message}`, 'Try `--engine client`.');
  if (err instanceof AwsError) {
    return failure(`${what}: ${err.message}`, 'Check the bot’s AWS permissions for this queue, then try again.');
  }
  if (err instanceof RedriveError)
    return failure(`${what}: ${err.message}`, 'Try again; if it keeps failing, check the bot’s logs.');
  return failure(`${what}: something went wrong.`, 'Try again; if it keeps failing, check the bot’s logs.');
}

// The `/redrive` slash command: ack at once, then parse and hand each subcommand to its flow.

import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { BadInputError } from '../../core/errors.ts';
import { historyList } from '../blocks/history-list.ts';
import { statusList } from '../blocks/status-list.ts';
import { usage } from '../blocks/usage.ts';
import type { BotDeps } from '../deps.ts';
import { cancelRedrive } from '../flows/cancel.ts';
import { explainFailure } from '../flows/explain-failure.ts';
import { peekQueue } from '../flows/peek.ts';
import { requestRedrive } from '../flows/redrive-request.ts';
import { replyThrough } from '../flows/reply.ts';
import { parseRedriveCommand, type RedriveCommand } from './parse-redrive.ts';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

const HISTORY_LIMIT = 10;

export function redriveCommand(deps: BotDeps) {
  return async ({ ack, command, respond, client }: CommandArgs): Promise<void> => {
    await ack();
    const reply = replyThrough(respond);
    let parsed: RedriveCommand;
    try {
      parsed = parseRedriveCommand(command.text);
    } catch (err) {
      await reply(usage(err instanceof BadInputError ? err.message : 'That command could not be read.'));
      return;
    }
    const asker = { client, user: command.user_id, channel: command.channel_id, reply };
    try {
      switch (parsed.kind) {
        case 'help':
          await reply(usage());
          return;
        case 'status':
          await reply(statusList(deps.service.running()));
          return;
        case 'history': {
          const records = await deps.store.listRedrives({
            limit: HISTORY_LIMIT,
            ...(parsed.queue ? { queue: parsed.queue } : {}),
          });
          await reply(historyList(records, parsed.queue));
          return;
        }
        case 'cancel':
          await cancelRedrive(deps, asker, parsed.id);
          return;
        case 'peek':
          await reply(await peekQueue(deps, asker, parsed.queue, parsed.count));
          return;
        case 'redrive':
          await requestRedrive(deps, asker, { ...parsed, confirmed: false });
          return;
      }
    } catch (err) {
      deps.logger.error('/redrive failed', {
        kind: parsed.kind,
        error: err instanceof Error ? err.message : String(err),
      });
      await reply(explainFailure(err, `/redrive ${parsed.kind}`));
    }
  };
}

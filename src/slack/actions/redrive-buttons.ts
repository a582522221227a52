// Buttons of the redrive flow: [Start] and [Cancel] on the confirm prompt, destination choice, [Cancel] on progress.

import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { link } from '../blocks/format.ts';
import { message, section } from '../blocks/kit.ts';
import { failure } from '../blocks/notices.ts';
import { fromOptionsInput } from '../blocks/options.ts';
import { decodeRedriveValue } from '../blocks/plan-value.ts';
import type { BotDeps } from '../deps.ts';
import { cancelRedrive } from '../flows/cancel.ts';
import { explainFailure } from '../flows/explain-failure.ts';
import { requestRedrive } from '../flows/redrive-request.ts';
import { replyThrough } from '../flows/reply.ts';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

function askerOf({ body, client, respond }: ButtonArgs) {
  return { client, user: body.user.id, channel: body.channel?.id ?? body.user.id, reply: replyThrough(respond) };
}

/** [Start] (confirmed) and a destination button (not yet confirmed: large moves still ask). */
export function startButton(deps: BotDeps, confirmed: boolean) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const asker = askerOf(args);
    const request = decodeRedriveValue(args.action.value);
    if (!request) {
      await asker.reply(failure('That button no longer carries a valid request.', 'Run `/redrive` again.'), {
        replaceOriginal: true,
      });
      return;
    }
    try {
      const record = await requestRedrive(deps, asker, {
        source: request.source.arn,
        destination: request.destination.arn,
        engine: request.engine ?? 'auto',
        options: fromOptionsInput(request.options),
        confirmed,
      });
      if (record) {
        const text = `Started ${record.id}: ${record.sourceName} → ${record.destinationName}. Progress is in ${link(record.permalink, 'its thread')}.`;
        await asker.reply(message(text, [section(text)]), { replaceOriginal: true });
      }
    } catch (err) {
      await asker.reply(explainFailure(err, `Cannot redrive ${request.source.name}`));
    }
  };
}

/** [Cancel] on the confirm prompt or destination choice: nothing starts, the prompt goes away. */
export async function dismissButton({ ack, respond }: ButtonArgs): Promise<void> {
  await ack();
  await respond({ delete_original: true });
}

/** [Cancel] on a running redrive's progress message. */
export function cancelButton(deps: BotDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const id = args.action.value ?? '';
    await cancelRedrive(deps, askerOf(args), id);
  };
}

// Buttons on the App Home tab: [Peek] opens a modal with a few messages; [Refresh] redraws the tab.

import type { BlockButtonAction } from '@slack/bolt';
import { PEEK_DEFAULT } from '../commands/parse-redrive.ts';
import type { BotDeps } from '../deps.ts';
import { publishHome } from '../events/app-home.ts';
import { explainFailure } from '../flows/explain-failure.ts';
import { peekQueue } from '../flows/peek.ts';
import type { ButtonArgs } from './redrive-buttons.ts';

export function homePeekButton(deps: BotDeps) {
  return async ({ ack, body, client, action }: ButtonArgs): Promise<void> => {
    await ack();
    const queue = action.value ?? '';
    const answer = await peekQueue(deps, { client, user: body.user.id, channel: '' }, queue, PEEK_DEFAULT).catch(
      (err: unknown) => explainFailure(err, `Cannot peek at ${queue}`),
    );
    await client.views.open({
      trigger_id: (body as BlockButtonAction).trigger_id,
      view: {
        type: 'modal',
        title: { type: 'plain_text', text: 'Peek' },
        close: { type: 'plain_text', text: 'Close' },
        blocks: answer.blocks,
      },
    });
  };
}

export function homeRefreshButton(deps: BotDeps) {
  return async ({ ack, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    await publishHome(deps, client, body.user.id);
  };
}

// Ephemeral answers to the person who asked, through Bolt's `respond` (response_url): works in any channel.

import type { RespondFn } from '@slack/bolt';
import type { SlackMessage } from '../blocks/kit.ts';

export type Reply = (message: SlackMessage, options?: { readonly replaceOriginal?: boolean }) => Promise<void>;

export function replyThrough(respond: RespondFn): Reply {
  return async (message, options) => {
    await respond({
      response_type: 'ephemeral',
      text: message.text,
      blocks: message.blocks,
      ...(options?.replaceOriginal ? { replace_original: true } : { replace_original: false }),
    });
  };
}

// What the demo page shows, read from the fake Slack's model: one channel's messages and threads, the ephemerals to
// the person at the page, their App Home tab, open modals and uploaded files. The page polls it as JSON.

import type { SlackModel, StoredMessage } from '../slack/slack-model.ts';

export interface PagePerson {
  readonly id: string;
  readonly name: string;
}

export interface PageFile {
  readonly id: string;
  readonly title: string;
  readonly url: string;
  readonly image: boolean;
}

export interface PageMessage {
  readonly ts: string;
  readonly threadTs?: string;
  readonly user: string;
  readonly text: string;
  readonly blocks?: unknown[];
  readonly files?: PageFile[];
  readonly edited: boolean;
  /** Only visible to the person at the page. */
  readonly ephemeral: boolean;
}

export interface PageState {
  /** Changes whenever anything the page shows may have changed. */
  readonly version: number;
  readonly channel: { readonly id: string; readonly name: string };
  readonly me: PagePerson;
  readonly bot: PagePerson;
  /** Display names by user id, for mentions. */
  readonly names: Record<string, string>;
  /** Channel messages, thread replies and ephemerals, oldest first. */
  readonly messages: PageMessage[];
  readonly home: unknown;
  readonly modals: unknown[];
}

export interface PageStateInput {
  readonly channel: { readonly id: string; readonly name: string };
  readonly me: PagePerson;
  readonly bot: PagePerson;
}

export const FILES_PATH = '/demo/files/';

export function pageState(model: SlackModel, input: PageStateInput): PageState {
  const { channel, me, bot } = input;
  const names: Record<string, string> = { [me.id]: me.name, [bot.id]: bot.name };
  for (const user of model.users.values()) names[user.id] = user.name ?? user.realName ?? user.id;
  const files = (list: NonNullable<StoredMessage['files']>): PageFile[] =>
    list.map((f) => {
      const stored = model.files.find((s) => s.id === f.id);
      return {
        id: f.id,
        title: f.title,
        url: `${FILES_PATH}${f.id}`,
        image: /\.(png|jpe?g|gif)$/i.test(stored?.filename ?? ''),
      };
    });
  const posted: PageMessage[] = model.messages
    .filter((m) => m.channel === channel.id && !m.deleted)
    .map((m) => ({
      ts: m.ts,
      ...(m.threadTs ? { threadTs: m.threadTs } : {}),
      user: m.user === 'response_url' ? bot.id : m.user,
      text: m.text,
      ...(m.blocks ? { blocks: m.blocks } : {}),
      ...(m.files ? { files: files(m.files) } : {}),
      edited: m.edits > 0,
      ephemeral: false,
    }));
  const ephemerals: PageMessage[] = model.ephemeralMessages
    .filter((e) => e.channel === channel.id && e.user === me.id && !e.deleted)
    .map((e) => ({
      ts: e.ts,
      ...(e.threadTs ? { threadTs: e.threadTs } : {}),
      user: bot.id,
      text: e.text,
      ...(e.blocks ? { blocks: e.blocks } : {}),
      edited: e.edits > 0,
      ephemeral: true,
    }));
  return {
    version: model.calls.length,
    channel,
    me,
    bot,
    names,
    messages: [...posted, ...ephemerals].sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0)),
    home: model.homeViews.get(me.id) ?? null,
    modals: [...model.modals],
  };
}

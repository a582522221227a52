// The Web API methods the fake answers, each applied to a SlackModel the way Slack would (the parts the bot uses).

import { type Answer, type Args, blocksOf, fail, type SlackModel, type StoredMessage, str } from './slack-model.ts';

type Method = (model: SlackModel, args: Args) => Answer;

/** The message as the Web API echoes it back in `message`. */
function wire(model: SlackModel, m: StoredMessage): Record<string, unknown> {
  return {
    type: 'message',
    user: m.user,
    bot_id: model.identity.botId,
    text: m.text,
    ts: m.ts,
    ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
    ...(m.blocks ? { blocks: m.blocks } : {}),
  };
}

const METHODS: Record<string, Method> = {
  'auth.test': (model) => {
    const id = model.identity;
    return {
      ok: true,
      url: `${model.baseUrl}/`,
      team: 'Fake',
      user: 'redrive',
      team_id: id.teamId,
      user_id: id.botUserId,
      bot_id: id.botId,
      is_enterprise_install: false,
    };
  },
  'chat.postMessage': (model, args) => {
    const channel = str(args, 'channel');
    if (!channel) return fail('channel_not_found');
    const text = str(args, 'text') ?? '';
    const blocks = blocksOf(args.blocks);
    if (!text && !blocks) return fail('no_text');
    const threadTs = str(args, 'thread_ts');
    if (threadTs && !model.message(channel, threadTs)) return fail('thread_not_found');
    const m = model.post({ channel, text, blocks, threadTs });
    return { ok: true, channel, ts: m.ts, message: wire(model, m) };
  },
  'chat.update': (model, args) => {
    const m = model.message(str(args, 'channel') ?? '', str(args, 'ts') ?? '');
    if (!m || m.deleted) return fail('message_not_found');
    if (args.text !== undefined) m.text = str(args, 'text') ?? '';
    if (args.blocks !== undefined) m.blocks = blocksOf(args.blocks);
    m.edits += 1;
    return { ok: true, channel: m.channel, ts: m.ts, text: m.text, message: wire(model, m) };
  },
  'chat.delete': (model, args) => {
    const m = model.message(str(args, 'channel') ?? '', str(args, 'ts') ?? '');
    if (!m || m.deleted) return fail('message_not_found');
    m.deleted = true;
    return { ok: true, channel: m.channel, ts: m.ts };
  },
  'chat.postEphemeral': (model, args) => {
    const channel = str(args, 'channel');
    const user = str(args, 'user');
    if (!channel) return fail('channel_not_found');
    if (!user) return fail('user_not_in_channel');
    const text = str(args, 'text') ?? '';
    const e = model.postEphemeral({
      channel,
      user,
      text,
      blocks: blocksOf(args.blocks),
      threadTs: str(args, 'thread_ts'),
    });
    return { ok: true, message_ts: e.ts };
  },
  'chat.getPermalink': (model, args) => {
    const channel = str(args, 'channel') ?? '';
    const ts = str(args, 'message_ts') ?? '';
    if (!model.message(channel, ts)) return fail('message_not_found');
    return { ok: true, channel, permalink: model.permalink(channel, ts) };
  },
  'views.publish': (model, args) => {
    const user = str(args, 'user_id');
    if (!user || typeof args.view !== 'object') return fail('invalid_arguments');
    const view = { id: model.newId('V'), ...args.view };
    model.homeViews.set(user, view);
    return { ok: true, view };
  },
  'views.open': (model, args) => openView(model, args, true),
  'views.push': (model, args) => openView(model, args, true),
  'views.update': (model, args) => openView(model, args, false),
  'usergroups.users.list': (model, args) => {
    const users = model.usergroups.get(str(args, 'usergroup') ?? '');
    return users ? { ok: true, users: [...users] } : fail('no_such_subteam');
  },
  'users.info': (model, args) => {
    const uid = str(args, 'user');
    if (!uid) return fail('user_not_found');
    const u = model.users.get(uid) ?? { id: uid };
    const name = u.name ?? uid.toLowerCase();
    const realName = u.realName ?? name;
    const user = {
      id: u.id,
      team_id: model.identity.teamId,
      name,
      real_name: realName,
      tz: u.tz ?? 'UTC',
      is_admin: u.isAdmin ?? false,
      is_bot: false,
      deleted: false,
      profile: { display_name: name, real_name: realName },
    };
    return { ok: true, user };
  },
  'files.getUploadURLExternal': (model, args) => {
    const filename = str(args, 'filename');
    if (!filename) return fail('invalid_arguments');
    const id = model.newId('F');
    model.files.push({ id, filename });
    return { ok: true, upload_url: `${model.baseUrl}/upload/${id}`, file_id: id };
  },
  'files.completeUploadExternal': (model, args) => {
    const wanted = Array.isArray(args.files) ? (args.files as { id?: string; title?: string }[]) : [];
    const done = [];
    for (const w of wanted) {
      const file = model.files.find((f) => f.id === w.id);
      if (!file) return fail('file_not_found');
      if (w.title) file.title = w.title;
      done.push({ id: file.id, name: file.filename, title: file.title ?? file.filename });
    }
    if (done.length === 0) return fail('invalid_arguments');
    const channel = str(args, 'channel_id');
    if (channel) {
      const files = done.map(({ id, title }) => ({ id, title }));
      const text = str(args, 'initial_comment') ?? '';
      model.post({ channel, text, blocks: undefined, threadTs: str(args, 'thread_ts'), files });
    }
    return { ok: true, files: done };
  },
  'apps.connections.open': (model) =>
    model.socketModeUrl
      ? { ok: true, url: `${model.socketModeUrl}?ticket=${model.newId('T')}` }
      : fail('no_socket_mode_server_attached'),
};

function openView(model: SlackModel, args: Args, needsTrigger: boolean): Answer {
  if (needsTrigger && !str(args, 'trigger_id')) return fail('invalid_trigger_id');
  if (typeof args.view !== 'object') return fail('invalid_arguments');
  const view = { id: str(args, 'view_id') ?? model.newId('V'), ...args.view };
  model.modals.push(view);
  return { ok: true, view };
}

/** The methods this fake knows, for documentation and the demo page. */
export const KNOWN_METHODS: readonly string[] = Object.keys(METHODS);

/** Answers one Web API call; unknown methods get `unknown_method`, as from Slack. */
export function answerMethod(model: SlackModel, method: string, args: Args): Answer {
  const handler = METHODS[method];
  return handler ? handler(model, args) : fail('unknown_method');
}

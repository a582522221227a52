// In-memory Slack workspace behind the fake Web API: channels with threads and edits, ephemerals, views, files.

export type Args = Readonly<Record<string, unknown>>;
export type Answer = Record<string, unknown> & { ok: boolean; error?: string };

/** One Web API call (or response_url POST, method `response_url`) as the fake received it. */
export interface ApiCall {
  readonly method: string;
  readonly args: Args;
  readonly at: number;
  readonly ok: boolean;
  readonly error?: string;
}

export interface StoredMessage {
  readonly channel: string;
  readonly ts: string;
  readonly threadTs?: string;
  text: string;
  blocks: unknown[] | undefined;
  files?: { readonly id: string; readonly title: string }[];
  /** Who posted: the bot user, or `response_url`. */
  readonly user: string;
  /** How many times chat.update or replace_original changed it. */
  edits: number;
  deleted: boolean;
}

export interface Ephemeral {
  readonly channel: string;
  readonly user: string;
  /** `message_ts` as chat.postEphemeral returned it. */
  readonly ts: string;
  readonly threadTs?: string;
  text: string;
  blocks: unknown[] | undefined;
  edits: number;
  deleted: boolean;
}

/** What a response_url is about: where its in_channel/ephemeral answers go and which message it may replace. */
export interface ResponseContext {
  readonly channel?: string;
  readonly user?: string;
  /** Message (or ephemeral) that replace_original / delete_original act on. */
  readonly messageTs?: string;
  readonly threadTs?: string;
}

export interface FakeUser {
  readonly id: string;
  readonly name?: string;
  readonly realName?: string;
  readonly isAdmin?: boolean;
  readonly tz?: string;
}

export interface UploadedFile {
  readonly id: string;
  readonly filename: string;
  content?: Buffer;
  title?: string;
}

export interface Identity {
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId: string;
}

/** A string argument (numbers accepted, as form bodies carry them as text). */
export const str = (args: Args, key: string): string | undefined => {
  const v = args[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
};
export const blocksOf = (v: unknown): unknown[] | undefined => (Array.isArray(v) ? v : undefined);
export const fail = (error: string): Answer => ({ ok: false, error });
const truthy = (v: unknown): boolean => v === true || v === 'true';

export interface NewMessage {
  readonly channel: string;
  readonly text: string;
  readonly blocks: unknown[] | undefined;
  readonly threadTs?: string | undefined;
  readonly files?: { readonly id: string; readonly title: string }[];
  readonly user?: string;
}

export class SlackModel {
  readonly identity: Identity;
  /** Base of URLs the model hands out (permalinks, upload URLs); set by the HTTP layer once it listens. */
  baseUrl = 'http://127.0.0.1';
  socketModeUrl: string | undefined;
  readonly calls: ApiCall[] = [];
  readonly messages: StoredMessage[] = [];
  readonly ephemeralMessages: Ephemeral[] = [];
  /** Published Home tabs by user id. */
  readonly homeViews = new Map<string, unknown>();
  readonly modals: unknown[] = [];
  readonly files: UploadedFile[] = [];
  readonly usergroups = new Map<string, string[]>();
  readonly users = new Map<string, FakeUser>();
  private readonly responseUrls = new Map<string, ResponseContext>();
  private lastMicros = 0;
  private seq = 0;

  constructor(identity: Identity) {
    this.identity = identity;
  }

  /** A fresh, strictly increasing Slack timestamp (`seconds.micros`). */
  nextTs(): string {
    this.lastMicros = Math.max(Date.now() * 1000, this.lastMicros + 1);
    const s = Math.floor(this.lastMicros / 1e6);
    return `${s}.${String(this.lastMicros % 1e6).padStart(6, '0')}`;
  }

  /** A fresh id with Slack's one-letter prefix (`F` files, `V` views, `R` response URLs). */
  newId(prefix: string): string {
    this.seq += 1;
    return `${prefix}${String(this.seq).padStart(6, '0')}`;
  }

  record(method: string, args: Args, answer: { ok: boolean; error?: string }): void {
    const call: ApiCall = { method, args, at: Date.now(), ok: answer.ok };
    this.calls.push(answer.error === undefined ? call : { ...call, error: answer.error });
  }

  post(input: NewMessage): StoredMessage {
    const { channel, text, blocks, threadTs, files } = input;
    const m: StoredMessage = {
      channel,
      ts: this.nextTs(),
      ...(threadTs ? { threadTs } : {}),
      text,
      blocks,
      ...(files ? { files } : {}),
      user: input.user ?? this.identity.botUserId,
      edits: 0,
      deleted: false,
    };
    this.messages.push(m);
    return m;
  }

  postEphemeral(input: NewMessage & { readonly user: string }): Ephemeral {
    const { channel, user, text, blocks, threadTs } = input;
    const ts = this.nextTs();
    const e: Ephemeral = {
      channel,
      user,
      ts,
      ...(threadTs ? { threadTs } : {}),
      text,
      blocks,
      edits: 0,
      deleted: false,
    };
    this.ephemeralMessages.push(e);
    return e;
  }

  message(channel: string, ts: string): StoredMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  /** Root first, then replies in order, like conversations.replies; deleted messages left out. */
  thread(channel: string, ts: string): StoredMessage[] {
    return this.messages.filter((m) => m.channel === channel && !m.deleted && (m.ts === ts || m.threadTs === ts));
  }

  permalink(channel: string, ts: string): string {
    return `${this.baseUrl}/archives/${channel}/p${ts.replace('.', '')}`;
  }

  /** Registers a response_url context and returns its id (the HTTP layer turns it into a URL). */
  newResponseUrl(context: ResponseContext): string {
    const rid = this.newId('R');
    this.responseUrls.set(rid, context);
    return rid;
  }

  /** Applies a POST to a response_url as Slack does: replace/delete the original, or post in channel/ephemerally. */
  respond(rid: string, body: Args): Answer {
    const ctx = this.responseUrls.get(rid);
    const answer: Answer = ctx ? { ok: true } : fail('expired_url');
    this.record('response_url', { ...body, response_url_id: rid }, answer);
    if (!ctx) return answer;
    const text = str(body, 'text');
    const blocks = blocksOf(body.blocks);
    const threadTs = str(body, 'thread_ts') ?? ctx.threadTs;
    const target = this.original(ctx);
    if (truthy(body.delete_original)) {
      if (target) target.deleted = true;
    } else if (truthy(body.replace_original)) {
      if (target) {
        if (text !== undefined) target.text = text;
        target.blocks = blocks;
        target.edits += 1;
      }
    } else if (body.response_type === 'in_channel' && ctx.channel) {
      this.post({ channel: ctx.channel, text: text ?? '', blocks, threadTs, user: 'response_url' });
    } else if (ctx.channel && ctx.user) {
      this.postEphemeral({ channel: ctx.channel, user: ctx.user, text: text ?? '', blocks, threadTs });
    }
    return answer;
  }

  private original(ctx: ResponseContext): StoredMessage | Ephemeral | undefined {
    const ts = ctx.messageTs;
    if (!ts) return undefined;
    const inChannel = ctx.channel ? this.message(ctx.channel, ts) : undefined;
    return inChannel ?? this.ephemeralMessages.find((e) => e.ts === ts && (!ctx.channel || e.channel === ctx.channel));
  }

  /** Forgets everything recorded; keeps identity, users, usergroups and the Socket Mode URL. */
  reset(): void {
    this.calls.length = 0;
    this.messages.length = 0;
    this.ephemeralMessages.length = 0;
    this.modals.length = 0;
    this.files.length = 0;
    this.homeViews.clear();
    this.responseUrls.clear();
  }
}

// Requests as Slack sends them to an app: v0-signed slash commands, interactions and Events API callbacks.

import { createHmac, randomUUID } from 'node:crypto';

export interface SignedHeaders {
  readonly 'x-slack-request-timestamp': string;
  readonly 'x-slack-signature': string;
}

/** Slack's v0 signature: `v0=` + hex HMAC-SHA256(secret, `v0:${ts}:${body}`). */
export function signSlackBody(
  secret: string,
  body: string,
  timestampSec = Math.floor(Date.now() / 1000),
): SignedHeaders {
  const signature = createHmac('sha256', secret).update(`v0:${timestampSec}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestampSec), 'x-slack-signature': `v0=${signature}` };
}

export interface SendOptions {
  /** Sent as `x-slack-retry-num` (with `x-slack-retry-reason`, default `http_timeout`). */
  readonly retryNum?: number;
  readonly retryReason?: string;
  /** Signs with this timestamp (seconds) instead of now, e.g. to send a stale request. */
  readonly timestampSec?: number;
  /** Signs with this secret instead of the app's, e.g. to prove a forged request is refused. */
  readonly secretOverride?: string;
  /** Path when appUrl has none (default `/slack/events`). */
  readonly path?: string;
}

export interface SlackResponse {
  readonly status: number;
  readonly body: string;
  /** How long the app took to answer. */
  readonly ms: number;
}

/** Defaults Slack fills in around the ids a test cares about. */
export const TEAM = { id: 'T0FAKE', domain: 'acme' } as const;
export const API_APP_ID = 'A0FAKE';

function eventsUrl(appUrl: string, path = '/slack/events'): string {
  const url = new URL(appUrl);
  if (url.pathname === '/' || url.pathname === '') url.pathname = path;
  return url.toString();
}

/** POSTs a signed body to the app (appUrl: `http://127.0.0.1:PORT` or a full events URL). */
export async function postSigned(
  appUrl: string,
  secret: string,
  body: string,
  contentType: string,
  opts: SendOptions = {},
): Promise<SlackResponse> {
  const headers: Record<string, string> = {
    'content-type': contentType,
    ...signSlackBody(opts.secretOverride ?? secret, body, opts.timestampSec),
  };
  if (opts.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(opts.retryNum);
    headers['x-slack-retry-reason'] = opts.retryReason ?? 'http_timeout';
  }
  const started = performance.now();
  const res = await fetch(eventsUrl(appUrl, opts.path), { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, body: text, ms: performance.now() - started };
}

export interface SlashCommandFields {
  readonly text: string;
  readonly user_id: string;
  readonly channel_id: string;
  readonly response_url: string;
  readonly trigger_id?: string;
  readonly command?: string;
  readonly [field: string]: string | undefined;
}

/** The full field set Slack sends for a slash command (also the Socket Mode `slash_commands` payload). */
export function slashCommandPayload(fields: SlashCommandFields): Record<string, string> {
  const payload: Record<string, string> = {
    token: 'deprecated-verification-token',
    team_id: TEAM.id,
    team_domain: TEAM.domain,
    channel_name: 'ops',
    user_name: fields.user_id.toLowerCase(),
    command: '/redrive',
    api_app_id: API_APP_ID,
    is_enterprise_install: 'false',
    trigger_id: `${Date.now()}.${randomUUID()}`,
  };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) payload[k] = v;
  return payload;
}

export function postSlashCommand(
  appUrl: string,
  secret: string,
  fields: SlashCommandFields,
  opts?: SendOptions,
): Promise<SlackResponse> {
  const body = new URLSearchParams(slashCommandPayload(fields)).toString();
  return postSigned(appUrl, secret, body, 'application/x-www-form-urlencoded', opts);
}

/** An interaction (`block_actions`, `view_submission`, …) form-encoded as `payload=<json>`, like Slack. */
export function postInteraction(
  appUrl: string,
  secret: string,
  payload: object,
  opts?: SendOptions,
): Promise<SlackResponse> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return postSigned(appUrl, secret, body, 'application/x-www-form-urlencoded', opts);
}

export interface BlockActionInput {
  readonly actionId: string;
  readonly value?: string;
  readonly user: string;
  readonly channel: string;
  readonly messageTs: string;
  readonly threadTs?: string;
  readonly responseUrl: string;
  readonly blockId?: string;
  /** The clicked message was ephemeral (Slack then sends no `message`). */
  readonly ephemeral?: boolean;
  /** The clicked message's blocks, echoed back in `message.blocks` as Slack does. */
  readonly messageBlocks?: readonly unknown[];
  /** The button is on a view (the App Home tab, a modal): Slack then sends the view instead of a message. */
  readonly view?: { readonly id: string; readonly type: 'home' | 'modal'; readonly callbackId?: string };
}

/** A `block_actions` payload for a button click, shaped like Slack's. */
export function blockAction(input: BlockActionInput): Record<string, unknown> {
  const actionTs = (Date.now() / 1000).toFixed(6);
  const threadTs = input.threadTs ? { thread_ts: input.threadTs } : {};
  const payload: Record<string, unknown> = {
    type: 'block_actions',
    user: { id: input.user, username: input.user.toLowerCase(), name: input.user.toLowerCase(), team_id: TEAM.id },
    api_app_id: API_APP_ID,
    token: 'deprecated-verification-token',
    container: {
      type: 'message',
      message_ts: input.messageTs,
      channel_id: input.channel,
      is_ephemeral: input.ephemeral ?? false,
      ...threadTs,
    },
    trigger_id: `${Date.now()}.${randomUUID()}`,
    team: TEAM,
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: input.channel, name: 'ops' },
    state: { values: {} },
    response_url: input.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: input.actionId,
        block_id: input.blockId ?? 'b1',
        text: { type: 'plain_text', text: input.actionId, emoji: true },
        ...(input.value === undefined ? {} : { value: input.value }),
        action_ts: actionTs,
      },
    ],
  };
  if (input.view) {
    const { id, type, callbackId } = input.view;
    payload.container = { type: 'view', view_id: id };
    payload.view = { id, type, team_id: TEAM.id, ...(callbackId ? { callback_id: callbackId } : {}) };
    for (const key of ['channel', 'response_url', 'message']) delete payload[key];
    return payload;
  }
  if (!input.ephemeral) {
    payload.message = {
      type: 'message',
      ts: input.messageTs,
      text: '',
      user: 'U0BOT',
      ...threadTs,
      ...(input.messageBlocks ? { blocks: input.messageBlocks } : {}),
    };
  }
  return payload;
}

/** The Events API envelope around one event (also the Socket Mode `events_api` payload). */
export function eventEnvelope(event: Record<string, unknown>, botUserId = 'U0BOT'): Record<string, unknown> {
  return {
    token: 'deprecated-verification-token',
    team_id: TEAM.id,
    api_app_id: API_APP_ID,
    event: { event_ts: (Date.now() / 1000).toFixed(6), ...event },
    type: 'event_callback',
    event_id: `Ev${randomUUID().replaceAll('-', '').slice(0, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: TEAM.id, user_id: botUserId, is_bot: true }],
    is_ext_shared_channel: false,
  };
}

/** An `app_home_opened` event for the Home tab. */
export function appHomeOpened(user: string, tab: 'home' | 'messages' = 'home'): Record<string, unknown> {
  return { type: 'app_home_opened', user, channel: `D${user.slice(1)}`, tab };
}

export function postEvent(
  appUrl: string,
  secret: string,
  event: Record<string, unknown>,
  opts?: SendOptions,
): Promise<SlackResponse> {
  return postSigned(appUrl, secret, JSON.stringify(eventEnvelope(event)), 'application/json', opts);
}

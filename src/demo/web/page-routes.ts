// The demo page's HTTP routes, served next to the fake Slack Web API: the page itself, its state as JSON, uploaded
// files, and what a person does there (slash commands, button clicks, opening App Home) sent to the real bot as
// signed Slack requests.

import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../core/job/types.ts';
import type { ExtraRoutes } from '../slack/fake-slack-server.ts';
import type { ResponseContext, SlackModel } from '../slack/slack-model.ts';
import {
  appHomeOpened,
  blockAction,
  postEvent,
  postInteraction,
  postSlashCommand,
  type SlackResponse,
} from '../slack/slack-requests.ts';
import { FILES_PATH, type PageStateInput, pageState } from './page-state.ts';

export interface PageContext extends PageStateInput {
  readonly model: SlackModel;
  responseUrl(context: ResponseContext): string;
  /** Where signed requests go: the bot's URL and signing secret, once it runs. */
  target(): { readonly url: string; readonly signingSecret: string } | undefined;
  readonly logger: Logger;
}

/** A click as the page sends it. */
interface Click {
  readonly actionId: string;
  readonly value?: string;
  readonly blockId?: string;
  readonly messageTs?: string;
  readonly threadTs?: string;
  readonly ephemeral?: boolean;
  readonly view?: { readonly id: string; readonly type: 'home' | 'modal' };
}

const asset = (name: string) => readFileSync(new URL(name, import.meta.url));
const STATIC: Record<string, { readonly type: string; readonly body: Buffer }> = {
  '/': { type: 'text/html; charset=utf-8', body: asset('./index.html') },
  '/app.js': { type: 'text/javascript; charset=utf-8', body: asset('./app.js') },
};

export function pageRoutes(ctx: PageContext): ExtraRoutes {
  const { channel, me } = ctx;
  const send = async (path: string, body: Record<string, unknown>): Promise<SlackResponse> => {
    const bot = ctx.target();
    if (!bot) return { status: 503, body: 'the bot is not running yet', ms: 0 };
    if (path === '/demo/command') {
      return postSlashCommand(bot.url, bot.signingSecret, {
        text: String(body.text ?? ''),
        user_id: me.id,
        user_name: me.name,
        channel_id: channel.id,
        channel_name: channel.name,
        response_url: ctx.responseUrl({ channel: channel.id, user: me.id }),
      });
    }
    if (path === '/demo/home') return postEvent(bot.url, bot.signingSecret, appHomeOpened(me.id));
    const click = body as unknown as Click;
    const messageTs = click.messageTs ?? '';
    const threadTs = click.threadTs;
    const payload = blockAction({
      actionId: String(click.actionId),
      ...(click.value !== undefined ? { value: String(click.value) } : {}),
      ...(click.blockId ? { blockId: click.blockId } : {}),
      ...(threadTs ? { threadTs } : {}),
      ...(click.view ? { view: click.view } : {}),
      user: me.id,
      channel: channel.id,
      messageTs,
      ephemeral: click.ephemeral === true,
      messageBlocks: (ctx.model.message(channel.id, messageTs)?.blocks ?? []) as unknown[],
      responseUrl: ctx.responseUrl({ channel: channel.id, user: me.id, messageTs, ...(threadTs ? { threadTs } : {}) }),
    });
    return postInteraction(bot.url, bot.signingSecret, payload);
  };

  return async (req, res, url) => {
    const path = url.pathname;
    const file = req.method === 'GET' ? STATIC[path] : undefined;
    if (file) {
      res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
      return true;
    }
    if (req.method === 'GET' && path === '/demo/state') {
      json(res, 200, pageState(ctx.model, ctx));
      return true;
    }
    if (req.method === 'GET' && path.startsWith(FILES_PATH)) {
      const stored = ctx.model.files.find((f) => f.id === path.slice(FILES_PATH.length));
      if (!stored?.content) return false;
      const png = stored.filename.toLowerCase().endsWith('.png');
      res.writeHead(200, { 'content-type': png ? 'image/png' : 'application/octet-stream' }).end(stored.content);
      return true;
    }
    if (req.method === 'POST' && ['/demo/command', '/demo/click', '/demo/home'].includes(path)) {
      // Only the page itself may act: JSON (other sites cannot send it without a preflight) to a loopback host name.
      const host = req.headers.host ?? '';
      const isJson = (req.headers['content-type'] ?? '').startsWith('application/json');
      if (!isJson || !/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) {
        req.resume();
        json(res, 403, { error: 'only the demo page may do that' });
        return true;
      }
      const body = await readJson(req);
      if (!body) {
        json(res, 400, { error: 'expected a JSON object' });
        return true;
      }
      const answer = await send(path, body).catch((err: unknown) => {
        ctx.logger.warn('the demo could not reach the bot', { path, error: String(err) });
        return { status: 502, body: 'the bot did not answer', ms: 0 };
      });
      json(res, 200, { status: answer.status });
      return true;
    }
    return false;
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

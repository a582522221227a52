// Short ephemeral answers: permission denied, queue busy, and "this failed — here is what to do".

import type { RedriveRecord } from '../../store/types.ts';
import { link, mention, queue } from './format.ts';
import { context, message, type SlackMessage, section } from './kit.ts';
import { escapeMrkdwn } from './limits.ts';
import { movedOf } from './outcome.ts';

/** `reason` says what was refused and why ("You may not redrive prod-orders-dlq"); `rule` names the rule that said no. */
export function denied(reason: string, rule?: string): SlackMessage {
  const text = `🚫 Not allowed: ${escapeMrkdwn(reason)}`;
  const ruleText = rule ? `Rule: \`${escapeMrkdwn(rule)}\` · ` : '';
  return message(text, [section(text), context(`${ruleText}Ask an admin of this bot if you need access.`)]);
}

/** The queue already has a redrive running; points at its thread. */
export function busy(holder: RedriveRecord): SlackMessage {
  const id = escapeMrkdwn(holder.id);
  const where = holder.permalink ? `see ${link(holder.permalink, 'the thread')}` : `see \`/redrive status\``;
  const line = (q: (n: string) => string) =>
    `⏳ ${q(holder.sourceName)} is already being redriven by ${mention(holder.requestedBy)} (\`${id}\`, ${movedOf(holder)} moved) — ${where}.`;
  return message(line(escapeMrkdwn), [
    section(line(queue)),
    context(`One redrive per queue at a time. Wait for it to finish, or stop it with \`/redrive cancel ${id}\`.`),
  ]);
}

/** Something went wrong: what happened, and what the person can do about it. */
export function failure(what: string, whatToDo: string): SlackMessage {
  const w = escapeMrkdwn(what);
  const todo = escapeMrkdwn(whatToDo);
  return message(`❌ ${w} — ${todo}`, [section(`❌ ${w}`), section(`*What to do:* ${todo}`)]);
}

// `/redrive help` and the answer to a command that could not be understood: what was wrong, then full usage.

import { PEEK_DEFAULT, PEEK_MAX } from '../commands/parse-redrive.ts';
import { context, type KnownBlock, message, type SlackMessage, section } from './kit.ts';
import { escapeMrkdwn } from './limits.ts';

export interface Subcommand {
  readonly usage: string;
  readonly what: string;
  readonly examples: readonly string[];
}

export const SUBCOMMANDS: readonly Subcommand[] = [
  {
    usage:
      '/redrive <dlq> [destination] [--limit N] [--rate N] [--dry-run] [--filter TEXT] [--engine auto|client|native]',
    what: 'Move messages out of a dead-letter queue: back to the queue it serves, or to the destination you name. You confirm before anything moves.',
    examples: [
      '/redrive orders-dlq',
      '/redrive orders-dlq orders --limit 500 --rate 50',
      '/redrive orders-dlq --dry-run --filter "customer=42"',
    ],
  },
  {
    usage: '/redrive peek <queue> [N]',
    what: `Show up to N messages (default ${PEEK_DEFAULT}, at most ${PEEK_MAX}) without taking them off the queue.`,
    examples: ['/redrive peek orders-dlq 3'],
  },
  {
    usage: '/redrive status',
    what: 'List the redrives running now, each with a Cancel button.',
    examples: ['/redrive status'],
  },
  {
    usage: '/redrive cancel <id>',
    what: 'Stop a running redrive. What moved stays moved; the rest stay in the source.',
    examples: ['/redrive cancel r-7f3k2a'],
  },
  {
    usage: '/redrive history [queue]',
    what: 'Recent redrives, optionally only those of one queue.',
    examples: ['/redrive history', '/redrive history orders-dlq'],
  },
  { usage: '/redrive help', what: 'This help.', examples: ['/redrive help'] },
];

const code = (s: string) => `\`${escapeMrkdwn(s)}\``;

/** Full usage of every subcommand, led by what was wrong when there was a problem. */
export function usage(problem?: string): SlackMessage {
  const blocks: KnownBlock[] = [];
  if (problem) blocks.push(section(`⚠️ ${escapeMrkdwn(problem)}`));
  for (const s of SUBCOMMANDS) {
    blocks.push(section(`${code(s.usage)}\n${escapeMrkdwn(s.what)}\n_e.g._ ${s.examples.map(code).join('  ·  ')}`));
  }
  blocks.push(context('Queues can be given by name, URL or ARN.'));
  const summary = SUBCOMMANDS.map((s) => s.usage.split(' [')[0] ?? s.usage).join(', ');
  const text = problem
    ? `${escapeMrkdwn(problem)} — usage: ${escapeMrkdwn(summary)} (see /redrive help)`
    : `How to use /redrive: ${escapeMrkdwn(summary)}`;
  return message(text, blocks);
}

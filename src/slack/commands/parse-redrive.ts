// Parses the text of `/redrive …` into one request; anything malformed is a BadInputError the user sees.

import { parseArgs } from 'node:util';
import { BadInputError } from '../../core/errors.ts';
import { optional, positiveNumber, stringValue, wholeNumber } from '../../core/flag-values.ts';
import { parseFilter } from '../../core/mover/filter.ts';
import type { MoveOptions } from '../../core/mover/plan-move.ts';
import type { EngineChoice } from '../../core/mover/types.ts';

export const PEEK_DEFAULT = 3;
export const PEEK_MAX = 10;

export type RedriveCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'status' }
  | { readonly kind: 'history'; readonly queue?: string }
  | { readonly kind: 'cancel'; readonly id: string }
  | { readonly kind: 'peek'; readonly queue: string; readonly count: number }
  | {
      readonly kind: 'redrive';
      readonly source: string;
      readonly destination?: string;
      readonly engine: EngineChoice;
      readonly options: MoveOptions;
    };

const ENGINES: readonly EngineChoice[] = ['auto', 'client', 'native'];

export function parseRedriveCommand(text: string): RedriveCommand {
  const tokens = tokenize(text);
  const [first, ...rest] = tokens;
  switch (first?.toLowerCase()) {
    case undefined:
    case 'help':
    case '-h':
    case '--help':
      return { kind: 'help' };
    case 'status':
      noExtra(rest, 'status');
      return { kind: 'status' };
    case 'history':
      if (rest.length > 1) throw new BadInputError('`/redrive history` takes at most one queue.');
      return rest[0] ? { kind: 'history', queue: rest[0] } : { kind: 'history' };
    case 'cancel': {
      const [id, ...extra] = rest;
      if (!id) throw new BadInputError('`/redrive cancel` needs the redrive id (e.g. `/redrive cancel r-7f3k2a`).');
      noExtra(extra, 'cancel ID');
      return { kind: 'cancel', id };
    }
    case 'peek': {
      const [queue, count, ...extra] = rest;
      if (!queue) throw new BadInputError('`/redrive peek` needs a queue (e.g. `/redrive peek orders-dlq 5`).');
      noExtra(extra, 'peek QUEUE [N]');
      const n = count === undefined ? PEEK_DEFAULT : (wholeNumber(count, 'N', 1) ?? PEEK_DEFAULT);
      if (n > PEEK_MAX) throw new BadInputError(`\`/redrive peek\` shows at most ${PEEK_MAX} messages (got ${n}).`);
      return { kind: 'peek', queue, count: n };
    }
    default:
      return parseRedrive(tokens);
  }
}

function parseRedrive(tokens: string[]): RedriveCommand {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: tokens, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new BadInputError((err as Error).message.replace(/\. To specify a positional.*$/s, '.'));
  }
  const { values, positionals } = parsed;
  const [source, destination, ...extra] = positionals;
  if (!source) throw new BadInputError('Name the queue to redrive from (e.g. `/redrive orders-dlq`).');
  if (extra.length > 0) throw new BadInputError(`Unexpected "${extra.join(' ')}": give SRC and at most one DST.`);
  const engine = (stringValue(values.engine) ?? 'auto') as EngineChoice;
  if (!ENGINES.includes(engine)) throw new BadInputError(`--engine must be auto, client or native (got ${engine}).`);
  const filter = stringValue(values.filter);
  const options: MoveOptions = {
    ...optional('limit', wholeNumber(values.limit, '--limit', 1)),
    ...optional('ratePerSec', positiveNumber(values.rate, '--rate')),
    ...(values['dry-run'] ? { dryRun: true } : {}),
    ...optional('filter', filter === undefined ? undefined : parseFilter(filter)),
    ...optional('maxRedrives', wholeNumber(values['max-redrives'], '--max-redrives', 0)),
    ...optional('groupId', stringValue(values['group-id'])),
  };
  return { kind: 'redrive', source, ...optional('destination', destination), engine, options };
}

const OPTIONS = {
  limit: { type: 'string' },
  rate: { type: 'string' },
  'dry-run': { type: 'boolean' },
  filter: { type: 'string' },
  engine: { type: 'string' },
  'max-redrives': { type: 'string' },
  'group-id': { type: 'string' },
} as const;

function noExtra(extra: readonly string[], usage: string): void {
  if (extra.length > 0) throw new BadInputError(`Unexpected "${extra.join(' ')}": usage is \`/redrive ${usage}\`.`);
}

/**
 * Splits command text into words: quotes ("…", '…', and the curly ones Slack clients type) group words,
 * Slack's `<url|label>` links become their URL, and the long dash some clients make of `--` is undone.
 */
export function tokenize(text: string): string[] {
  const normal = text
    .replace(/<([^>|]+)(\|[^>]*)?>/g, '$1')
    .replace(/[\u2014\u2013](?=[a-z])/g, '--')
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
  const tokens: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(normal); m; m = re.exec(normal)) tokens.push(m[1] ?? m[2] ?? m[3] ?? '');
  return tokens;
}

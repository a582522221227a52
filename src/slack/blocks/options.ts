// The redrive options people give (limit, rate, dry run, filter…) and how they read in a context line.

import { describeFilter as filterAsTyped, parseFilter } from '../../core/mover/filter.ts';
import type { MoveOptions } from '../../core/mover/plan-move.ts';
import type { MessageFilter } from '../../core/mover/types.ts';
import { formatCount, formatRate } from './format.ts';
import { escapeMrkdwn, truncate } from './limits.ts';

/** Every key of RedriveOptionsInput, for the code that checks or lists them. */
export const OPTION_KEYS = [
  'limit',
  'ratePerSec',
  'dryRun',
  'filter',
  'maxRedrives',
  'concurrency',
  'groupId',
  'visibilityTimeoutSec',
] as const;

/** Options as typed in `/redrive` or a CLI flag, JSON-safe so they can ride in a button value. */
export interface RedriveOptionsInput {
  readonly limit?: number;
  readonly ratePerSec?: number;
  readonly dryRun?: boolean;
  /** The filter as the person wrote it (substring, /regex/ or attribute=value). */
  readonly filter?: string;
  readonly maxRedrives?: number;
  readonly concurrency?: number;
  readonly groupId?: string;
  readonly visibilityTimeoutSec?: number;
}

/** Parsed move options → the JSON-safe form buttons carry. */
export function toOptionsInput(options: MoveOptions): RedriveOptionsInput {
  const { filter, ...rest } = options;
  return { ...rest, ...(filter ? { filter: filterAsTyped(filter) } : {}) };
}

/** A button's options → move options (the filter parsed again; throws BadInputError if it no longer parses). */
export function fromOptionsInput(input: RedriveOptionsInput): MoveOptions {
  const { filter, ...rest } = input;
  return { ...rest, ...(filter === undefined ? {} : { filter: parseFilter(filter) }) };
}

const FILTER_SHOWN = 200;

/** Renders a stored filter: the typed string, or a MessageFilter. */
function filterShown(filter: unknown): string | undefined {
  let text: string | undefined;
  if (typeof filter === 'string') text = filter;
  else if (
    filter &&
    typeof filter === 'object' &&
    ['substring', 'regex', 'attribute'].includes(String((filter as { kind?: unknown }).kind))
  ) {
    text = filterAsTyped(filter as MessageFilter);
  }
  if (text === undefined) return undefined;
  return `filter \`${truncate(escapeMrkdwn(text).replaceAll('`', "'"), FILTER_SHOWN)}\``;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * `limit 500 · 50 msg/s · dry run · filter \`…\``; understands limit, ratePerSec (or rate), dryRun, filter,
 * maxRedrives, concurrency, groupId, visibilityTimeoutSec; other primitive options read `key value`.
 */
export function describeOptions(options: Readonly<Record<string, unknown>> | RedriveOptionsInput): string[] {
  const o = options as Readonly<Record<string, unknown>>;
  const parts: string[] = [];
  // Shown elsewhere (the engine line, the alarm post), not as options.
  const handled = new Set<string>([...OPTION_KEYS, 'rate', 'engineReason', 'alarm']);
  const limit = num(o.limit);
  if (limit !== undefined) parts.push(`limit ${formatCount(limit)}`);
  const rate = num(o.ratePerSec) ?? num(o.rate);
  if (rate !== undefined) parts.push(`at most ${formatRate(rate)} msg/s`);
  if (o.dryRun === true) parts.push('dry run');
  const filter = filterShown(o.filter);
  if (filter) parts.push(filter);
  const cap = num(o.maxRedrives);
  if (cap !== undefined) parts.push(`skip messages redriven ${formatCount(cap)}+ times`);
  const loops = num(o.concurrency);
  if (loops !== undefined) parts.push(`${formatCount(loops)} loops`);
  const visibility = num(o.visibilityTimeoutSec);
  if (visibility !== undefined) parts.push(`visibility timeout ${formatCount(visibility)}s`);
  if (typeof o.groupId === 'string') parts.push(`group id \`${truncate(escapeMrkdwn(o.groupId), 128)}\``);
  for (const [key, value] of Object.entries(o)) {
    if (handled.has(key) || value === undefined || value === false) continue;
    if (['string', 'number', 'boolean'].includes(typeof value)) {
      parts.push(`${escapeMrkdwn(key)} ${truncate(escapeMrkdwn(String(value)), 100)}`);
    }
  }
  return parts;
}

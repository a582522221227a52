// Reads a permission rules file (YAML or JSON), checks its shape and reports every problem with its path.

import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import { RedriveError } from '../errors.ts';
import type { AlarmRoute, Rule, Rules } from './rules.ts';

/** The rules file cannot be used; `problems` lists every problem, each starting with its path in the file. */
export class RulesError extends RedriveError {
  readonly source: string;
  readonly problems: readonly string[];
  constructor(source: string, problems: readonly string[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super('CONFIG', `Rules file ${source} has ${count}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.source = source;
    this.problems = problems;
  }
}

export type RulesFormat = 'yaml' | 'json';

export type RulesValidation =
  | { readonly ok: true; readonly rules: Rules }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Reads and validates a rules file; `.json` is parsed as JSON, anything else as YAML. Throws RulesError. */
export function loadRules(path: string): Rules {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new RulesError(path, [`cannot read the file: ${readFailure(err)}`]);
  }
  return parseRules(text, extname(path).toLowerCase() === '.json' ? 'json' : 'yaml', path);
}

/** Parses and validates rules text. Throws RulesError naming `source`. */
export function parseRules(text: string, format: RulesFormat, source = `(${format})`): Rules {
  let data: unknown;
  if (format === 'json') {
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new RulesError(source, [`not valid JSON: ${err instanceof Error ? err.message : String(err)}`]);
    }
  } else {
    const doc = parseDocument(text);
    if (doc.errors.length > 0) {
      throw new RulesError(
        source,
        doc.errors.map((e) => `not valid YAML: ${e.message.split('\n')[0]}`),
      );
    }
    data = doc.toJS();
  }
  const result = validateRules(data);
  if (!result.ok) throw new RulesError(source, result.problems);
  return result.rules;
}

const RULE_KEYS = ['name', 'queues', 'users', 'groups', 'channels', 'destinations', 'maxMessages', 'peek'];
const ROUTE_KEYS = ['queues', 'channel'];
const TOP_KEYS = ['rules', 'alarmRoutes'];
const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const GROUP_ID = /^S[A-Z0-9]{2,}$/;
const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;

/** Checks parsed data against the rules format; collects every problem rather than stopping at the first. */
export function validateRules(data: unknown): RulesValidation {
  const problems: string[] = [];
  if (data === null || data === undefined) {
    return { ok: false, problems: ['the file is empty: it needs a `rules:` list'] };
  }
  if (!isRecord(data)) {
    return { ok: false, problems: ['must be a mapping with `rules` (and optionally `alarmRoutes`)'] };
  }
  unknownKeys(data, TOP_KEYS, '', problems);
  const rules: Rule[] = [];
  if (!('rules' in data)) problems.push('rules: missing; must be a list of rules (an empty list denies everything)');
  else if (!Array.isArray(data.rules)) problems.push('rules: must be a list of rules');
  else {
    const seen = new Map<string, string>();
    data.rules.forEach((raw: unknown, i: number) => {
      const rule = validateRule(raw, `rules[${i}]`, problems);
      if (!rule) return;
      const earlier = seen.get(rule.name);
      if (earlier) problems.push(`rules[${i}].name: "${rule.name}" is already used by ${earlier}`);
      seen.set(rule.name, `rules[${i}]`);
      rules.push(rule);
    });
  }
  const alarmRoutes: AlarmRoute[] = [];
  if ('alarmRoutes' in data && data.alarmRoutes !== null) {
    if (!Array.isArray(data.alarmRoutes)) problems.push('alarmRoutes: must be a list of {queues, channel}');
    else {
      data.alarmRoutes.forEach((raw: unknown, i: number) => {
        const route = validateRoute(raw, `alarmRoutes[${i}]`, problems);
        if (route) alarmRoutes.push(route);
      });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, rules: { rules, alarmRoutes } };
}

function validateRule(raw: unknown, path: string, problems: string[]): Rule | undefined {
  if (!isRecord(raw)) {
    problems.push(`${path}: must be a mapping with at least \`queues\` and \`users\` or \`groups\``);
    return undefined;
  }
  const before = problems.length;
  unknownKeys(raw, RULE_KEYS, path, problems);
  let name = path;
  if (raw.name !== undefined) {
    if (typeof raw.name === 'string' && raw.name.trim() !== '') name = raw.name.trim();
    else problems.push(`${path}.name: must be a non-empty string`);
  }
  const queues = patternList(raw.queues, `${path}.queues`, problems, true) ?? [];
  const users = idList(raw.users, `${path}.users`, problems, USER_ID, 'a Slack user id (like U0123ABC) or "*"') ?? [];
  const groups =
    idList(raw.groups, `${path}.groups`, problems, GROUP_ID, 'a Slack user group id (like S0456DEF)') ?? [];
  if (raw.users === undefined && raw.groups === undefined) {
    problems.push(`${path}: must list \`users\` (Slack user ids, or "*" for anyone) or \`groups\` (user group ids)`);
  }
  const channels = idList(raw.channels, `${path}.channels`, problems, CHANNEL_ID, 'a Slack channel id (like C0789GHI)');
  const destinations = patternList(raw.destinations, `${path}.destinations`, problems, false);
  let maxMessages: number | undefined;
  if (raw.maxMessages !== undefined) {
    if (Number.isSafeInteger(raw.maxMessages) && (raw.maxMessages as number) > 0)
      maxMessages = raw.maxMessages as number;
    else problems.push(`${path}.maxMessages: must be a whole number above 0`);
  }
  let peek = false;
  if (raw.peek !== undefined) {
    if (typeof raw.peek === 'boolean') peek = raw.peek;
    else problems.push(`${path}.peek: must be true or false`);
  }
  if (problems.length > before) return undefined;
  return {
    name,
    queues,
    users,
    groups,
    peek,
    ...(channels ? { channels } : {}),
    ...(destinations ? { destinations } : {}),
    ...(maxMessages !== undefined ? { maxMessages } : {}),
  };
}

function validateRoute(raw: unknown, path: string, problems: string[]): AlarmRoute | undefined {
  if (!isRecord(raw)) {
    problems.push(`${path}: must be a mapping with \`queues\` and \`channel\``);
    return undefined;
  }
  const before = problems.length;
  unknownKeys(raw, ROUTE_KEYS, path, problems);
  const queues = patternList(raw.queues, `${path}.queues`, problems, true);
  const channel = raw.channel;
  if (typeof channel !== 'string' || !CHANNEL_ID.test(channel)) {
    problems.push(`${path}.channel: ${describeBadId(channel, 'a Slack channel id (like C0999ZZZ)')}`);
  }
  if (problems.length > before || !queues || typeof channel !== 'string') return undefined;
  return { queues, channel };
}

/** A list of glob patterns; `required` makes absence a problem. */
function patternList(value: unknown, path: string, problems: string[], required: boolean): string[] | undefined {
  if (value === undefined && !required) return undefined;
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string' && v.trim() !== '')) {
    problems.push(`${path}: must be a non-empty list of strings (queue names, ARNs or globs with *)`);
    return undefined;
  }
  return value.map((v: string) => v.trim());
}

/** An optional list of Slack ids, each checked against `shape`. */
function idList(value: unknown, path: string, problems: string[], shape: RegExp, what: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(`${path}: must be a non-empty list of strings`);
    return undefined;
  }
  let ok = true;
  value.forEach((v: unknown, i: number) => {
    if (typeof v === 'string' && (shape.test(v) || (v === '*' && shape === USER_ID))) return;
    problems.push(`${path}[${i}]: ${describeBadId(v, what)}`);
    ok = false;
  });
  return ok ? (value as string[]) : undefined;
}

function describeBadId(value: unknown, what: string): string {
  if (typeof value !== 'string') return `must be ${what}`;
  if (value.startsWith('@') || value.startsWith('#')) return `"${value}" is a name; use the id, ${what}`;
  return `"${value}" is not ${what}`;
}

function unknownKeys(obj: Record<string, unknown>, known: readonly string[], path: string, problems: string[]) {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) {
      problems.push(`${path ? `${path}.` : ''}${key}: unknown key (expected one of ${known.join(', ')})`);
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readFailure(err: unknown): string {
  const code = (err as { code?: string } | null)?.code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  return code ?? (err instanceof Error ? err.message : String(err));
}

// Small checks for environment values: each returns the parsed value or records a problem (never echoing secrets).

export type Env = Readonly<Record<string, string | undefined>>;

/** Collects problems while reading variables, so every problem is reported at once. */
export class EnvReader {
  readonly problems: string[] = [];
  readonly #env: Env;
  constructor(env: Env) {
    this.#env = env;
  }

  /** The trimmed value, or undefined when unset or blank (dotenv turns `X=` into ''). */
  get(name: string): string | undefined {
    const value = this.#env[name]?.trim();
    return value === '' ? undefined : value;
  }

  problem(text: string): void {
    this.problems.push(text);
  }

  /** A whole number within [min, max]; `fallback` when unset. */
  int(name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER, hint = ''): number {
    const raw = this.get(name);
    if (raw === undefined) return fallback;
    const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `${min}–${max}`;
      this.problem(`${name} must be a whole number, ${range}${hint} (got "${raw}")`);
      return fallback;
    }
    return n;
  }

  /** One of a fixed set of words, case-insensitive. */
  oneOf<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const raw = this.get(name);
    if (raw === undefined) return fallback;
    const value = choices.find((c) => c === raw.toLowerCase());
    if (value === undefined) this.problem(`${name} must be one of ${choices.join(', ')} (got "${raw}")`);
    return value ?? fallback;
  }

  /** A secret: checked for shape only; messages name the variable, never the value. */
  secret(name: string, check: (value: string) => string | undefined): string | undefined {
    const value = this.get(name);
    if (value === undefined) return undefined;
    if (/\s/.test(value)) {
      this.problem(`${name} contains spaces; copy it again without them`);
      return undefined;
    }
    const problem = check(value);
    if (problem) this.problem(`${name} ${problem}`);
    return problem ? undefined : value;
  }
}

/** Why a Slack token does not have the expected prefix, naming only prefixes (never the token). */
export function tokenProblem(value: string, prefix: 'xoxb-' | 'xapp-'): string | undefined {
  if (value.startsWith(prefix)) return value.length > prefix.length + 8 ? undefined : 'is too short to be a token';
  const kinds: Record<string, string> = {
    'xoxb-': 'a bot token (xoxb-…) — it belongs in SLACK_BOT_TOKEN',
    'xapp-': 'an app-level token (xapp-…) — it belongs in SLACK_APP_TOKEN',
    'xoxp-': 'a user token (xoxp-…) — the bot needs its bot token',
  };
  const found = Object.entries(kinds).find(([p]) => value.startsWith(p))?.[1];
  const where =
    prefix === 'xoxb-'
      ? 'the Bot User OAuth Token from OAuth & Permissions'
      : 'an app-level token with connections:write from Basic Information';
  return `must start with ${prefix} (${where})${found ? `; this looks like ${found}` : ''}`;
}

/**
 * Normalises a Slack Web API base URL so it ends in `/api/` (`https://slack-gov.com` → `https://slack-gov.com/api/`).
 * Plain http is accepted only for loopback test servers, so tokens never travel in clear text.
 */
export function normaliseSlackApiUrl(raw: string): { url?: string; problem?: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { problem: 'must be an http(s) URL such as https://slack-gov.com/api/' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: 'must be an http(s) URL' };
  if (url.username || url.password) return { problem: 'must not contain a user name or password' };
  if (url.search || url.hash) return { problem: 'must not have a query string or fragment' };
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return { problem: `must use https:// (plain http is only for local test servers; got host ${url.hostname})` };
  }
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = `${path.endsWith('/api') ? path : `${path}/api`}/`;
  return { url: url.toString() };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;

/** Parses a comma-separated list of SNS topic ARNs, recording each malformed entry. */
export function parseTopicArns(name: string, raw: string | undefined, reader: EnvReader): string[] {
  if (raw === undefined) return [];
  const topics = raw
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  for (const topic of topics) {
    if (!SNS_TOPIC_ARN.test(topic)) {
      reader.problem(`${name}: "${topic}" is not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME)`);
    }
  }
  return [...new Set(topics)];
}

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/** An HTTP header name, lower-cased as Node presents incoming headers. */
export function parseHeaderName(name: string, raw: string | undefined, fallback: string, reader: EnvReader): string {
  if (raw === undefined) return fallback;
  if (!HEADER_NAME.test(raw)) {
    reader.problem(`${name} must be an HTTP header name such as ${fallback} (got "${raw}")`);
    return fallback;
  }
  return raw.toLowerCase();
}

const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;

/** A Slack channel id (C… or G…), with a hint when a #name was given. */
export function parseChannelId(name: string, raw: string | undefined, reader: EnvReader): string | undefined {
  if (raw === undefined) return undefined;
  if (CHANNEL_ID.test(raw)) return raw;
  const hint = raw.startsWith('#') ? ' — use the id (channel details → About, at the bottom), not the #name' : '';
  reader.problem(`${name} must be a Slack channel id like C0123ABCD (got "${raw}")${hint}`);
  return undefined;
}

/** `{ key: value }` when value is defined, else `{}` — keeps exactOptionalPropertyTypes happy. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

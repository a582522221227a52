// Configuration from the environment: validated once, every problem listed, secrets never echoed.

import { ALARM_DEFAULTS, type AlarmConfig, readAlarms } from './config/alarms.ts';
import { type Env, EnvReader, normaliseSlackApiUrl, optional, tokenProblem } from './config/checks.ts';
import { RedriveError } from './core/errors.ts';
import { loadRules, RulesError } from './core/permissions/load-rules.ts';
import type { Rules } from './core/permissions/rules.ts';

export type { AlarmConfig } from './config/alarms.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export interface SlackConfig {
  /** `socket` when SLACK_APP_TOKEN is set, else `http` (Slack posts to our /slack/events). */
  readonly mode: 'http' | 'socket';
  readonly botToken: string;
  readonly signingSecret?: string;
  readonly appToken?: string;
  /** Web API base ending in `/api/` (GovSlack, or a local test server); absent means slack.com. */
  readonly apiUrl?: string;
}

/** The SDK's own variables, passed through for the startup summary; the SDK reads them itself. */
export interface AwsPassThrough {
  readonly region?: string;
  readonly profile?: string;
  readonly sqsEndpoint?: string;
}

export interface Config {
  readonly slack: SlackConfig;
  readonly port: number;
  readonly dbPath: string;
  readonly rulesPath?: string;
  /** Absent without REDRIVE_RULES: redrive and cancel open to anyone, peek off. */
  readonly rules?: Rules;
  /** Redrives of more messages than this ask for a confirmation first. */
  readonly confirmAbove: number;
  readonly logLevel: LogLevel;
  readonly alarms: AlarmConfig;
  readonly aws: AwsPassThrough;
}

/** The configuration cannot be used; `problems` lists each problem, one per line in the message. */
export class ConfigError extends RedriveError {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super('CONFIG', `Configuration has ${count}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

export const DEFAULTS = {
  port: 3000,
  dbPath: './data/redrive.db',
  confirmAbove: 1000,
  logLevel: 'info',
  ...ALARM_DEFAULTS,
} as const;

/** Reads and validates the configuration; throws ConfigError listing every problem. Does not load .env itself. */
export function loadConfig(env: Env): Config {
  const r = new EnvReader(env);

  const botToken = r.secret('SLACK_BOT_TOKEN', (v) => tokenProblem(v, 'xoxb-'));
  if (r.get('SLACK_BOT_TOKEN') === undefined) {
    r.problem('SLACK_BOT_TOKEN is required: the Bot User OAuth Token (xoxb-…) from OAuth & Permissions');
  }
  const appToken = r.secret('SLACK_APP_TOKEN', (v) => tokenProblem(v, 'xapp-'));
  const socket = r.get('SLACK_APP_TOKEN') !== undefined;
  const signingSecret = r.secret('SLACK_SIGNING_SECRET', (v) =>
    v.startsWith('xox') || v.startsWith('xapp-')
      ? 'looks like a token; the signing secret is under Basic Information → App Credentials'
      : undefined,
  );
  if (!socket && r.get('SLACK_SIGNING_SECRET') === undefined) {
    r.problem(
      'SLACK_SIGNING_SECRET is required in HTTP mode (Basic Information → App Credentials); ' +
        'or set SLACK_APP_TOKEN (xapp-…) to use Socket Mode',
    );
  }
  let apiUrl: string | undefined;
  const rawApiUrl = r.get('SLACK_API_URL');
  if (rawApiUrl !== undefined) {
    const result = normaliseSlackApiUrl(rawApiUrl);
    if (result.problem) r.problem(`SLACK_API_URL ${result.problem}`);
    apiUrl = result.url;
  }

  const port = r.int('PORT', DEFAULTS.port, 0, 65535);
  const dbPath = r.get('REDRIVE_DB') ?? DEFAULTS.dbPath;
  const confirmAbove = r.int('REDRIVE_CONFIRM_ABOVE', DEFAULTS.confirmAbove, 0);
  const logLevel = r.oneOf('LOG_LEVEL', LOG_LEVELS, DEFAULTS.logLevel);

  const rulesPath = r.get('REDRIVE_RULES');
  let rules: Rules | undefined;
  if (rulesPath !== undefined) {
    try {
      rules = loadRules(rulesPath);
    } catch (err) {
      const problems = err instanceof RulesError ? err.problems : [err instanceof Error ? err.message : String(err)];
      for (const p of problems) r.problem(`REDRIVE_RULES (${rulesPath}): ${p}`);
    }
  }

  const alarms = readAlarms(r, rules, rulesPath !== undefined);

  if (r.problems.length > 0 || botToken === undefined) throw new ConfigError(r.problems);
  const aws: AwsPassThrough = {
    ...optional('region', r.get('AWS_REGION') ?? r.get('AWS_DEFAULT_REGION')),
    ...optional('profile', r.get('AWS_PROFILE')),
    ...optional('sqsEndpoint', r.get('AWS_ENDPOINT_URL_SQS') ?? r.get('AWS_ENDPOINT_URL')),
  };
  return deepFreeze({
    slack: {
      mode: socket ? 'socket' : 'http',
      botToken,
      ...optional('signingSecret', signingSecret),
      ...optional('appToken', appToken),
      ...optional('apiUrl', apiUrl),
    },
    port,
    dbPath,
    ...optional('rulesPath', rulesPath),
    ...optional('rules', rules),
    confirmAbove,
    logLevel,
    alarms,
    aws,
  });
}

/** A log-safe summary of the configuration: no tokens or secrets, only whether they are set. */
export function describeConfig(config: Config): Readonly<Record<string, string | number>> {
  const a = config.alarms;
  const intake = [
    a.snsTopics.length > 0 ? `sns (${a.snsTopics.length} topic${a.snsTopics.length === 1 ? '' : 's'})` : '',
    a.eventsToken ? `eventbridge (header ${a.eventsHeader})` : '',
    a.pollSeconds > 0 ? `polling every ${a.pollSeconds}s${a.prefix ? ` (prefix ${a.prefix})` : ''}` : '',
  ].filter(Boolean);
  const rules = config.rules
    ? `${config.rulesPath} (${config.rules.rules.length} rules, ${config.rules.alarmRoutes.length} alarm routes)`
    : 'none (anyone may redrive or cancel; peek off)';
  return {
    mode: config.slack.mode,
    slackApi: config.slack.apiUrl ?? 'https://slack.com/api/ (default)',
    port: config.port,
    db: config.dbPath,
    rules,
    confirmAbove: config.confirmAbove,
    logLevel: config.logLevel,
    alarmIntake: intake.length > 0 ? intake.join(', ') : 'off',
    alarmChannel: a.channel ?? 'none',
    bounceMinutes: a.bounceMinutes,
    awsRegion: config.aws.region ?? '(SDK default)',
    awsProfile: config.aws.profile ?? '(SDK default)',
    sqsEndpoint: config.aws.sqsEndpoint ? safeOrigin(config.aws.sqsEndpoint) : '(AWS default)',
  };
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(set, not a URL)';
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

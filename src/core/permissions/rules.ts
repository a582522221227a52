// Permission rules: who may redrive, peek at or cancel which queues, from where, to where — evaluated purely.

/** One rule of the rules file, after validation (lists are always present, possibly empty). */
export interface Rule {
  /** From the file, or `rules[N]` when the file gives none. */
  readonly name: string;
  /** Globs on the queue name or ARN; `*` matches any run of characters. */
  readonly queues: readonly string[];
  /** Slack user ids, or `*` for anyone. */
  readonly users: readonly string[];
  /** Slack user group ids whose members are admitted. */
  readonly groups: readonly string[];
  /** Only when asked from one of these channels; absent means anywhere. */
  readonly channels?: readonly string[];
  /** Where messages may go (globs on name or ARN); absent means anywhere. */
  readonly destinations?: readonly string[];
  /** Cap on the messages one redrive may move. */
  readonly maxMessages?: number;
  /** Whether admitted people may peek at message bodies. */
  readonly peek: boolean;
}

/** Queue pattern → channel where its alarms are posted. */
export interface AlarmRoute {
  readonly queues: readonly string[];
  readonly channel: string;
}

export interface Rules {
  readonly rules: readonly Rule[];
  readonly alarmRoutes: readonly AlarmRoute[];
}

/** A queue as the rules see it; QueueRef fits. */
export interface QueueIdentity {
  readonly name: string;
  readonly arn: string;
}

export type PermissionAction = 'redrive' | 'peek' | 'cancel';

export interface PermissionRequest {
  readonly action: PermissionAction;
  readonly user: string;
  /** Ids of the Slack user groups the user belongs to. */
  readonly userGroups: readonly string[];
  readonly channel: string;
  readonly source: QueueIdentity;
  readonly destination?: QueueIdentity;
  /** How many messages the redrive would move, when known. */
  readonly count?: number;
}

export type Decision =
  | { readonly allowed: true; readonly rule?: string; readonly maxMessages?: number }
  | {
      readonly allowed: false;
      readonly rule?: string;
      readonly reason: string;
      /** Set when the count exceeded the rule's cap: what a `--limit` could ask for instead. */
      readonly maxMessages?: number;
    };

const globCache = new Map<string, RegExp>();

/** Whether a glob (`*` = any run of characters, everything else literal, case-sensitive) matches the whole text. */
export function globMatch(pattern: string, text: string): boolean {
  let re = globCache.get(pattern);
  if (!re) {
    const body = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    re = new RegExp(`^${body}$`, 's');
    globCache.set(pattern, re);
  }
  return re.test(text);
}

/** Whether any pattern matches the queue's name or ARN. */
export function matchesQueue(patterns: readonly string[], queue: { readonly name: string; readonly arn?: string }) {
  return patterns.some((p) => globMatch(p, queue.name) || (queue.arn !== undefined && globMatch(p, queue.arn)));
}

const VERB: Record<PermissionAction, string> = { redrive: 'redrive', peek: 'peek at', cancel: 'cancel redrives of' };

/**
 * Decides whether a request is allowed. Without rules, redrive and cancel are allowed (IAM stays the real
 * boundary) and peek is denied; with rules, the first rule covering the source queue that admits the person,
 * the channel, the destination (and for peek, has `peek: true`) decides, and anything else is denied.
 */
export function evaluate(rules: Rules | undefined, req: PermissionRequest): Decision {
  if (!rules) {
    if (req.action !== 'peek') return { allowed: true };
    return {
      allowed: false,
      reason:
        'Peeking is off: it shows message bodies in Slack. To enable it, point REDRIVE_RULES at a rules file ' +
        `and set \`peek: true\` on a rule that covers ${req.source.name}.`,
    };
  }
  const covering = rules.rules.filter((rule) => matchesQueue(rule.queues, req.source));
  if (covering.length === 0) {
    return {
      allowed: false,
      reason: `No rule in the rules file covers ${req.source.name}, so nobody may ${VERB[req.action]} it from Slack. Ask an admin to add a rule for it.`,
    };
  }
  const decider = covering.find((rule) => admits(rule, req));
  if (!decider) {
    return {
      allowed: false,
      reason: `You may not ${VERB[req.action]} ${req.source.name}${destinationNote(req)} from ${req.channel}. ${describeCovering(covering, req.action)}`,
    };
  }
  const cap = decider.maxMessages;
  if (req.action === 'redrive' && cap !== undefined && req.count !== undefined && req.count > cap) {
    return {
      allowed: false,
      rule: decider.name,
      maxMessages: cap,
      reason:
        `${fmt(req.count)} messages is more than the ${fmt(cap)} that rule ${decider.name} allows in one redrive ` +
        `of ${req.source.name}. Move up to ${fmt(cap)} with \`--limit ${cap}\`.`,
    };
  }
  return cap === undefined
    ? { allowed: true, rule: decider.name }
    : { allowed: true, rule: decider.name, maxMessages: cap };
}

/** The channel for a queue's alarms, from the first alarm route matching its name or ARN. */
export function routeAlarmChannel(
  rules: Rules | undefined,
  queue: { readonly name: string; readonly arn?: string },
): string | undefined {
  return rules?.alarmRoutes.find((route) => matchesQueue(route.queues, queue))?.channel;
}

function admits(rule: Rule, req: PermissionRequest): boolean {
  const person =
    rule.users.includes('*') || rule.users.includes(req.user) || rule.groups.some((g) => req.userGroups.includes(g));
  if (!person) return false;
  if (rule.channels && !rule.channels.includes(req.channel)) return false;
  if (req.action === 'peek') return rule.peek;
  if (req.action === 'redrive' && rule.destinations) {
    return req.destination !== undefined && matchesQueue(rule.destinations, req.destination);
  }
  return true;
}

function describeCovering(covering: readonly Rule[], action: PermissionAction): string {
  const parts = covering.map((rule) => `${rule.name} (${describeRule(rule, action)})`);
  return `${covering.length === 1 ? 'The rule' : 'The rules'} covering it: ${parts.join('; ')}.`;
}

/** Who and what a rule admits, in words: "users U1, U2 or members of S1; only in C1; destinations x-*". */
function describeRule(rule: Rule, action: PermissionAction): string {
  const who: string[] = [];
  if (rule.users.includes('*')) who.push('anyone');
  else if (rule.users.length > 0) who.push(`users ${rule.users.join(', ')}`);
  if (rule.groups.length > 0 && !rule.users.includes('*')) who.push(`members of ${rule.groups.join(', ')}`);
  const parts = [`admits ${who.join(' or ')}`];
  if (rule.channels) parts.push(`only in ${rule.channels.join(', ')}`);
  if (action === 'redrive' && rule.destinations) parts.push(`only to ${rule.destinations.join(', ')}`);
  if (action === 'peek' && !rule.peek) parts.push('no peeking');
  return parts.join(', ');
}

function destinationNote(req: PermissionRequest): string {
  if (req.action !== 'redrive') return '';
  return req.destination ? ` to ${req.destination.name}` : ' (no destination named)';
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

// Which Slack user groups a person belongs to, for group rules; asks Slack only for groups the rules name.

import type { WebClient } from '@slack/web-api';
import type { Rules } from '../core/permissions/rules.ts';

export interface UserGroups {
  /** The rule-named groups this user is a member of. */
  of(client: WebClient, user: string): Promise<string[]>;
}

const TTL_MS = 5 * 60_000;

export function createUserGroups(rules: Rules | undefined, now: () => number = Date.now): UserGroups {
  const named = [...new Set((rules?.rules ?? []).flatMap((rule) => rule.groups ?? []))];
  const cache = new Map<string, { members: Set<string>; at: number }>();
  const membersOf = async (client: WebClient, group: string): Promise<Set<string>> => {
    const hit = cache.get(group);
    if (hit && now() - hit.at < TTL_MS) return hit.members;
    const out = await client.usergroups.users.list({ usergroup: group });
    const members = new Set(out.users ?? []);
    cache.set(group, { members, at: now() });
    return members;
  };
  return {
    async of(client, user) {
      if (named.length === 0) return [];
      const memberships = await Promise.all(
        named.map(async (group) => ((await membersOf(client, group)).has(user) ? group : undefined)),
      );
      return memberships.filter((g): g is string => g !== undefined);
    },
  };
}

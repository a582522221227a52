// Asks the permission rules whether this person may do this here; a refusal is logged and kept in the audit trail.

import { type Decision, evaluate, type PermissionRequest } from '../../core/permissions/rules.ts';
import type { BotDeps } from '../deps.ts';
import type { Asker } from './redrive-request.ts';

export async function authorize(
  deps: BotDeps,
  asker: Omit<Asker, 'reply'>,
  request: Omit<PermissionRequest, 'user' | 'userGroups' | 'channel'>,
): Promise<Decision> {
  const userGroups = await deps.userGroups.of(asker.client, asker.user);
  const decision = evaluate(deps.rules, { ...request, user: asker.user, userGroups, channel: asker.channel });
  if (!decision.allowed) {
    await deps.store.appendAudit({
      at: Date.now(),
      kind: 'denied',
      actor: asker.user,
      channel: asker.channel,
      queue: request.source.arn,
      detail: {
        action: request.action,
        ...(request.destination ? { destination: request.destination.arn } : {}),
        ...(request.count !== undefined ? { count: request.count } : {}),
        rule: decision.rule,
        reason: decision.reason,
      },
    });
    deps.logger.info('request denied', {
      action: request.action,
      user: asker.user,
      queue: request.source.name,
      rule: decision.rule,
    });
  }
  return decision;
}

// `/redrive peek` and the [Peek] buttons: permission, then a few messages shown only to the asker.

import { peekMessages as peekQueueMessages } from '../../core/queues/peek.ts';
import { getQueueFacts } from '../../core/queues/queue-facts.ts';
import { resolveQueue } from '../../core/queues/resolve.ts';
import type { SlackMessage } from '../blocks/kit.ts';
import { denied } from '../blocks/notices.ts';
import { peekMessages } from '../blocks/peek.ts';
import type { BotDeps } from '../deps.ts';
import { authorize } from './authorize.ts';
import type { Asker } from './redrive-request.ts';

/** The peek answer for this person (a denial when the rules do not allow it). */
export async function peekQueue(
  deps: BotDeps,
  asker: Omit<Asker, 'reply'>,
  queueInput: string,
  count: number,
): Promise<SlackMessage> {
  const queue = await resolveQueue(deps.sqs, queueInput);
  const decision = await authorize(deps, asker, { action: 'peek', source: queue });
  if (!decision.allowed) return denied(decision.reason, decision.rule);
  const [facts, samples] = await Promise.all([
    getQueueFacts(deps.sqs, queue),
    peekQueueMessages(deps.sqs, queue, count),
  ]);
  await deps.store.appendAudit({
    at: Date.now(),
    kind: 'peek',
    actor: asker.user,
    channel: asker.channel,
    queue: queue.arn,
    detail: { count: samples.length, messageIds: samples.map((s) => s.messageId) },
  });
  return peekMessages(queue.name, samples, { depth: facts.depth.visible });
}

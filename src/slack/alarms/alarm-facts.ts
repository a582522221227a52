// Gathers what an alarm post shows about its queue: depth now and the source queues (best effort, never throws).

import type { Alarm } from '../../core/alarms/alarm.ts';
import { oldestMessageAgeSec } from '../../core/alarms/depth-history.ts';
import { findSourceQueues, getQueueFacts } from '../../core/queues/queue-facts.ts';
import { resolveQueue } from '../../core/queues/resolve.ts';
import type { AlarmPostInput } from '../blocks/alarm-post.ts';
import type { BotDeps } from '../deps.ts';

export type AlarmFacts = AlarmPostInput;

/** The DLQ's ARN, built from the alarm's region, account and QueueName dimension. */
export function dlqArnOf(alarm: Alarm): string {
  return `arn:aws:sqs:${alarm.region}:${alarm.account}:${alarm.queueName}`;
}

export async function describeAlarmQueue(deps: BotDeps, alarm: Alarm): Promise<AlarmFacts> {
  const arn = dlqArnOf(alarm);
  const dlq = { name: alarm.queueName, arn };
  try {
    const queue = await resolveQueue(deps.sqs, arn);
    const [facts, sources, oldestAgeSec] = await Promise.all([
      getQueueFacts(deps.sqs, queue),
      findSourceQueues(deps.sqs, queue),
      deps.cloudwatch ? oldestMessageAgeSec(deps.cloudwatch, queue.name).catch(() => undefined) : undefined,
    ]);
    return {
      alarm,
      dlq: { name: queue.name, arn: queue.arn },
      depth: facts.depth.visible,
      sources,
      ...(oldestAgeSec !== undefined ? { oldestAgeSec } : {}),
    };
  } catch (err) {
    deps.logger.warn('could not read the alarm’s queue', {
      alarm: alarm.name,
      error: err instanceof Error ? err.message : String(err),
    });
    return { alarm, dlq, depth: undefined, sources: [] };
  }
}

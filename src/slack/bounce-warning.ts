// Says in a redrive's thread when its messages come back to the source: the consumer is probably still failing.

import type { WebClient } from '@slack/web-api';
import { watchForBounces } from '../core/job/bounce-watch.ts';
import type { MoveResult } from '../core/mover/types.ts';
import { getQueueFacts } from '../core/queues/queue-facts.ts';
import { resolveQueue } from '../core/queues/resolve.ts';
import type { RedriveRecord } from '../store/types.ts';
import { formatCount, formatDuration } from './blocks/format.ts';
import type { BotDeps } from './deps.ts';

/** Starts watching in the background after a redrive that moved something; never throws. */
export function warnOnBounces(deps: BotDeps, client: WebClient, record: RedriveRecord, result: MoveResult): void {
  if (result.moved === 0 || result.dryRun || !record.rootTs) return;
  const rootTs = record.rootTs;
  void (async () => {
    const source = await resolveQueue(deps.sqs, record.sourceArn);
    const depth = async () => (await getQueueFacts(deps.sqs, source)).depth.visible;
    const depthAtEnd = await depth();
    deps.logger.debug('watching for bounces', { redrive: record.id, depthAtEnd, minutes: deps.bounce.minutes });
    await watchForBounces({
      depthAtEnd,
      moved: result.moved,
      minutes: deps.bounce.minutes,
      intervalMs: deps.bounce.intervalMs,
      depth,
      signal: deps.lifetime,
      onBounce: async ({ back, moved, afterMs }) => {
        const text =
          `⚠️ ${formatCount(back)} of ${formatCount(moved)} messages are back in ${record.sourceName} ` +
          `${formatDuration(afterMs)} after the redrive: the consumer of ${record.destinationName} is probably still failing.`;
        await client.chat.postMessage({ channel: record.channel, thread_ts: rootTs, text });
        deps.logger.warn('messages bounced back after a redrive', { redrive: record.id, back, moved });
      },
    });
  })().catch((err: unknown) =>
    deps.logger.warn('bounce watch stopped', {
      redrive: record.id,
      error: err instanceof Error ? err.message : String(err),
    }),
  );
}

// The App Home tab: running moves, the DLQs the bot knows with their depth, the last redrives.

import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { getQueueFacts } from '../../core/queues/queue-facts.ts';
import { resolveQueue } from '../../core/queues/resolve.ts';
import { appHome, type HomeDlq } from '../blocks/app-home.ts';
import type { BotDeps } from '../deps.ts';

const RECENT = 10;
/** DLQs looked up per refresh, newest redrives first. */
const MAX_DLQS = 15;

export async function publishHome(deps: BotDeps, client: WebClient, user: string): Promise<void> {
  const [recent, known] = await Promise.all([
    deps.store.listRedrives({ limit: RECENT }),
    deps.store.listRedrives({ limit: 200 }),
  ]);
  const dlqs = new Map<string, { name: string; arn: string; sources: Set<string> }>();
  for (const r of known) {
    const entry = dlqs.get(r.sourceArn) ?? { name: r.sourceName, arn: r.sourceArn, sources: new Set<string>() };
    entry.sources.add(r.destinationName);
    dlqs.set(r.sourceArn, entry);
  }
  const rows: HomeDlq[] = await Promise.all(
    [...dlqs.values()].slice(0, MAX_DLQS).map(async (dlq) => ({
      name: dlq.name,
      depth: await depthOf(deps, dlq.arn),
      sources: [...dlq.sources],
    })),
  );
  await client.views.publish({ user_id: user, view: appHome({ running: deps.service.running(), dlqs: rows, recent }) });
}

async function depthOf(deps: BotDeps, arn: string): Promise<number | undefined> {
  try {
    return (await getQueueFacts(deps.sqs, await resolveQueue(deps.sqs, arn))).depth.visible;
  } catch {
    return undefined;
  }
}

export function appHomeOpened(deps: BotDeps) {
  return async ({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    try {
      await publishHome(deps, client, event.user);
    } catch (err) {
      deps.logger.error('could not publish App Home', { error: err instanceof Error ? err.message : String(err) });
    }
  };
}

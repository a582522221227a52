// The Home tab: redrives running now, the dead-letter queues with their depth and sources, recent history.

import type { RedriveRecord } from '../../store/types.ts';
import { HOME_PEEK, HOME_REFRESH, HOME_VIEW } from '../action-ids.ts';
import { formatCount, plural, queue } from './format.ts';
import { historyRows } from './history-list.ts';
import { actions, button, context, divider, type HomeView, header, homeView, type KnownBlock, section } from './kit.ts';
import { escapeMrkdwn } from './limits.ts';
import { statusRows } from './status-list.ts';

export interface HomeDlq {
  readonly name: string;
  /** Visible messages, when known. */
  readonly depth: number | undefined;
  /** Names of the queues whose redrive policy points here. */
  readonly sources: readonly string[];
}

export interface AppHomeInput {
  readonly running: readonly RedriveRecord[];
  readonly dlqs: readonly HomeDlq[];
  readonly recent: readonly RedriveRecord[];
}

/** Keeps the whole view under 100 blocks: 20 running rows, 25 DLQs (two blocks each), 20 history rows. */
const MAX_RUNNING = 20;
const MAX_DLQS = 25;
const MAX_RECENT = 20;

function dlqBlocks(dlq: HomeDlq): KnownBlock[] {
  const depth = dlq.depth === undefined ? 'depth unknown' : plural(dlq.depth, 'message');
  const sources =
    dlq.sources.length === 0
      ? 'no source queue found'
      : `DLQ of ${dlq.sources
          .slice(0, 10)
          .map((s) => escapeMrkdwn(s))
          .join(', ')}${dlq.sources.length > 10 ? ', …' : ''}`;
  const buttons = [button({ text: 'Peek', actionId: HOME_PEEK, value: dlq.name })];
  return [section(`${dlq.depth ? '🟠' : '🟢'} ${queue(dlq.name)} — ${depth} · ${sources}`), actions(buttons)];
}

export function appHome(input: AppHomeInput): HomeView {
  const { running, dlqs, recent } = input;
  const blocks: KnownBlock[] = [header('SQS redrive'), actions([button({ text: 'Refresh', actionId: HOME_REFRESH })])];
  blocks.push(section(`*Running now* (${formatCount(running.length)})`));
  blocks.push(...(running.length === 0 ? [context('Nothing is being redriven.')] : statusRows(running, MAX_RUNNING)));
  blocks.push(divider(), section(`*Dead-letter queues* (${formatCount(dlqs.length)})`));
  if (dlqs.length === 0) blocks.push(context('No dead-letter queue found.'));
  for (const dlq of dlqs.slice(0, MAX_DLQS)) blocks.push(...dlqBlocks(dlq));
  if (dlqs.length > MAX_DLQS) {
    blocks.push(
      context(`…and ${formatCount(dlqs.length - MAX_DLQS)} more. Use \`/redrive peek &lt;queue&gt;\` for any queue.`),
    );
  }
  blocks.push(divider(), section('*Recent redrives*'));
  blocks.push(...(recent.length === 0 ? [context('No redrives yet.')] : historyRows(recent, MAX_RECENT)));
  return homeView(blocks, HOME_VIEW);
}

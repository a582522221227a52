// When a DLQ serves several queues: asks where its messages should go, one button per candidate.

import { REDRIVE_CHOOSE_DESTINATION, REDRIVE_DISMISS } from '../action-ids.ts';
import { formatCount, queue } from './format.ts';
import { actions, type Button, button, context, type KnownBlock, message, type SlackMessage, section } from './kit.ts';
import { escapeMrkdwn, LIMITS } from './limits.ts';
import type { RedriveOptionsInput } from './options.ts';
import { encodeRedriveValue, type QueueIdentity } from './plan-value.ts';

/** What the person asked for besides the destination; each button carries it on. */
export interface DestinationRequest {
  readonly options: RedriveOptionsInput;
}

export function chooseDestination(
  source: QueueIdentity,
  candidates: readonly QueueIdentity[],
  request: DestinationRequest,
): SlackMessage {
  const shown = candidates.slice(0, LIMITS.actionsElements);
  const buttons: Button[] = [];
  shown.forEach((candidate, i) => {
    const value = encodeRedriveValue({ source, destination: candidate, options: request.options });
    if (value !== undefined) {
      buttons.push(button({ text: candidate.name, actionId: `${REDRIVE_CHOOSE_DESTINATION}:${i}`, value }));
    }
  });
  const name = escapeMrkdwn(source.name);
  const head = `${queue(source.name)} is the dead-letter queue of ${formatCount(candidates.length)} queues — move its messages to which one?`;
  const blocks: KnownBlock[] = [section(head)];
  if (buttons.length > 0) blocks.push(actions(buttons));
  else
    blocks.push(
      section('⚠️ This request is too long to carry in a button. Shorten the filter and run the command again.'),
    );
  const more = candidates.length - shown.length;
  if (more > 0) {
    blocks.push(context(`…and ${formatCount(more)} more. Name one: \`/redrive ${name} &lt;destination&gt;\``));
  }
  blocks.push(actions([button({ text: 'Cancel', actionId: REDRIVE_DISMISS, value: 'dismiss' })]));
  const list = candidates
    .slice(0, 10)
    .map((c) => escapeMrkdwn(c.name))
    .join(', ');
  const etc = candidates.length > 10 ? ', …' : '';
  return message(`${name} is the dead-letter queue of several queues — move to which? ${list}${etc}`, blocks);
}

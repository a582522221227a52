// A look at a few messages in a queue without taking them: id, attributes, body in a code block.

import type { MessageSample } from '../../core/mover/types.ts';
import { formatCount, plural, queue } from './format.ts';
import { context, divider, type KnownBlock, message, type SlackMessage, section } from './kit.ts';
import { codeBlock, escapeMrkdwn, LIMITS, truncate } from './limits.ts';

/** Up to 15 samples fit in 50 blocks at three blocks each. */
const MAX_SHOWN = 15;
const BODY_SHOWN = 1500;

function sampleBlocks(sample: MessageSample): KnownBlock[] {
  const fields = Object.entries(sample.attributes).map(
    ([name, value]) => `*${escapeMrkdwn(truncate(name, 256))}*\n${escapeMrkdwn(value)}`,
  );
  return [
    section(`\`${escapeMrkdwn(sample.messageId)}\``, { fields }),
    section(codeBlock(sample.body, Math.min(BODY_SHOWN, LIMITS.sectionText - 10))),
    divider(),
  ];
}

export function peekMessages(
  queueName: string,
  samples: readonly MessageSample[],
  opts: { readonly depth: number | undefined },
): SlackMessage {
  const name = escapeMrkdwn(queueName);
  const depth = opts.depth === undefined ? '' : ` of about ${formatCount(opts.depth)}`;
  if (samples.length === 0) {
    const text = `${name} looks empty: no message came back to peek at.`;
    return message(text, [section(`${queue(queueName)} looks empty: no message came back to peek at.`)]);
  }
  const shown = samples.slice(0, MAX_SHOWN);
  const head = `👀 ${plural(samples.length, 'message')}${depth} in ${queue(queueName)} — peeking leaves them in the queue.`;
  const blocks: KnownBlock[] = [section(head), divider(), ...shown.flatMap(sampleBlocks)];
  if (samples.length > shown.length) {
    blocks.push(context(`…and ${formatCount(samples.length - shown.length)} more not shown.`));
  }
  return message(
    `${plural(samples.length, 'message')}${depth} from ${name}; peeking leaves them in the queue.`,
    blocks,
  );
}

// The ephemeral "are you sure?" before a redrive: route, depth, engine and why, options, [Start] / [Cancel].

import type { EngineName } from '../../core/mover/types.ts';
import { REDRIVE_DISMISS, REDRIVE_START } from '../action-ids.ts';
import { formatCount, plural, queue } from './format.ts';
import { actions, type Button, button, confirmDialog, context, message, type SlackMessage, section } from './kit.ts';
import { escapeMrkdwn } from './limits.ts';
import { describeOptions, type RedriveOptionsInput } from './options.ts';
import { encodeRedriveValue, type QueueIdentity } from './plan-value.ts';

/** Everything the confirm prompt shows and its [Start] button carries. */
export interface RedrivePlanInput {
  readonly source: QueueIdentity;
  readonly destination: QueueIdentity;
  /** Visible messages in the source now, when known. */
  readonly count: number | undefined;
  readonly engine: EngineName;
  /** Why this engine, e.g. "no filter and both queues in one account: SQS moves them itself". */
  readonly engineReason?: string;
  readonly options: RedriveOptionsInput;
}

const dismiss = (): Button => button({ text: 'Cancel', actionId: REDRIVE_DISMISS, value: 'dismiss' });

export function confirmRedrive(plan: RedrivePlanInput): SlackMessage {
  const { source, destination, count, options } = plan;
  const dry = options.dryRun === true;
  const howMany =
    count === undefined
      ? 'every message there'
      : options.limit !== undefined && options.limit < count
        ? `${formatCount(options.limit)} of ${plural(count, 'message')}`
        : plural(count, 'message');
  const verb = dry ? 'Dry-run a redrive of' : 'Redrive';
  const head = `${verb} ${queue(source.name)} → ${queue(destination.name)}? ${dry ? 'It would move' : 'It moves'} *${howMany}*.`;
  const empty =
    count === 0 ? '\n_The source is empty right now; starting only moves what arrives before it runs._' : '';
  const engine = plan.engineReason ? `${plan.engine} — ${escapeMrkdwn(plan.engineReason)}` : plan.engine;
  const opts = describeOptions(options);
  const fields = [
    `*From*\n${queue(source.name)}\n\`${escapeMrkdwn(source.arn)}\``,
    `*To*\n${queue(destination.name)}\n\`${escapeMrkdwn(destination.arn)}\``,
    `*Depth*\n${count === undefined ? 'unknown' : formatCount(count)}`,
    `*Engine*\n${engine}`,
    ...(opts.length > 0 ? [`*Options*\n${opts.join('\n')}`] : []),
  ];
  const value = encodeRedriveValue({
    source,
    destination,
    options,
    engine: plan.engine,
    ...(count === undefined ? {} : { count }),
  });
  const plainRoute = `${escapeMrkdwn(source.name)} → ${escapeMrkdwn(destination.name)}`;
  if (value === undefined) {
    const filterLength = options.filter?.length ?? 0;
    return message(`Cannot offer to start ${plainRoute}: the request is too long for a Slack button.`, [
      section(head, { fields }),
      section(
        `⚠️ This request is too long to carry in a button${filterLength > 0 ? ` (the filter has ${formatCount(filterLength)} characters)` : ''}. Shorten the filter and run the command again.`,
      ),
      actions([dismiss()]),
    ]);
  }
  const start = button({
    text: dry ? 'Start dry run' : 'Start',
    actionId: REDRIVE_START,
    value,
    style: 'primary',
    confirm: confirmDialog({
      title: dry ? 'Start the dry run?' : 'Start the redrive?',
      text: `${dry ? 'Count (without moving)' : 'Move'} ${howMany} from ${escapeMrkdwn(source.name)} to ${escapeMrkdwn(destination.name)}?`,
      confirm: dry ? 'Start dry run' : 'Start',
      deny: 'Not yet',
    }),
  });
  const text = `${dry ? 'Dry run' : 'Redrive'} ${plainRoute}: ${howMany}, engine ${plan.engine}. Start or cancel below.`;
  return message(text, [
    section(`${head}${empty}`, { fields }),
    actions([start, dismiss()]),
    context(
      dry
        ? 'A dry run moves nothing: it counts what would move and shows a few samples.'
        : 'Nothing moves until you press Start. Messages leave the source only after the destination has them.',
    ),
  ]);
}

// One path for every way a redrive is asked for (/redrive, [Start], a destination button, an alarm's [Redrive]):
// plan → permission → one move per queue → confirm above the threshold → start in a thread.

import type { WebClient } from '@slack/web-api';
import { BusyError, RedriveError } from '../../core/errors.ts';
import { DestinationNeededError, type MoveOptions, type MovePlan, planMove } from '../../core/mover/plan-move.ts';
import type { EngineChoice } from '../../core/mover/types.ts';
import type { RedriveRecord } from '../../store/types.ts';
import { chooseDestination } from '../blocks/choose-destination.ts';
import { confirmRedrive } from '../blocks/confirm-redrive.ts';
import { busy, denied } from '../blocks/notices.ts';
import { toOptionsInput } from '../blocks/options.ts';
import { warnOnBounces } from '../bounce-warning.ts';
import type { BotDeps } from '../deps.ts';
import { createThreadReporter } from '../thread-reporter.ts';
import { authorize } from './authorize.ts';
import { explainFailure } from './explain-failure.ts';
import type { Reply } from './reply.ts';

export interface Asker {
  readonly client: WebClient;
  readonly user: string;
  /** Where the thread goes (and where permission rules look). */
  readonly channel: string;
  readonly reply: Reply;
}

export interface RedriveAsk {
  readonly source: string;
  readonly destination?: string | undefined;
  readonly engine: EngineChoice;
  readonly options: MoveOptions;
  /** The person already confirmed (the [Start] button), so no prompt however large. */
  readonly confirmed: boolean;
  /** Run in an alarm post's thread instead of a new root message. */
  readonly alarm?: { readonly name: string; readonly rootTs: string };
}

/** A double click on [Start] by the same person within this window is the same request, not a second move. */
const DOUBLE_CLICK_MS = 10_000;

export async function requestRedrive(deps: BotDeps, asker: Asker, ask: RedriveAsk): Promise<RedriveRecord | undefined> {
  let plan: MovePlan;
  try {
    plan = await planMove(deps.sqs, {
      source: ask.source,
      destination: ask.destination,
      engine: ask.engine,
      options: ask.options,
    });
  } catch (err) {
    if (err instanceof DestinationNeededError && err.candidates.length > 0) {
      await asker.reply(chooseDestination(err.source, err.candidates, { options: toOptionsInput(ask.options) }));
      return undefined;
    }
    await asker.reply(explainFailure(err, `Cannot redrive ${ask.source}`));
    return undefined;
  }

  const decision = await authorize(deps, asker, {
    action: 'redrive',
    source: plan.source,
    destination: plan.destination,
    count: plan.expected,
  });
  if (!decision.allowed) {
    await asker.reply(denied(decision.reason, decision.rule));
    return undefined;
  }

  const holder = deps.service.holder(plan.source.arn);
  if (holder) {
    if (holder.requestedBy === asker.user && Date.now() - holder.startedAt < DOUBLE_CLICK_MS && ask.confirmed)
      return undefined;
    await asker.reply(busy(holder));
    return undefined;
  }

  if (!ask.confirmed && plan.expected > deps.confirmAbove) {
    await asker.reply(
      confirmRedrive({
        source: plan.source,
        destination: plan.destination,
        count: plan.expected,
        engine: plan.engine,
        engineReason: plan.engineReason,
        options: toOptionsInput(plan.options),
      }),
    );
    return undefined;
  }

  try {
    const record = await deps.service.start({
      plan,
      requestedBy: asker.user,
      channel: asker.channel,
      reporter: createThreadReporter(asker.client, {
        engineReason: plan.engineReason,
        ...(ask.alarm ? { trigger: `alarm ${ask.alarm.name}` } : {}),
        afterFinish: (record, result) => warnOnBounces(deps, asker.client, record, result),
      }),
      ...(ask.alarm ? { rootTs: ask.alarm.rootTs, alarm: ask.alarm.name } : {}),
    });
    await deps.store.appendAudit({
      at: Date.now(),
      kind: 'redrive.start',
      actor: asker.user,
      channel: asker.channel,
      queue: plan.source.arn,
      redriveId: record.id,
      detail: {
        destination: plan.destination.arn,
        engine: plan.engine,
        expected: plan.expected,
        options: record.options,
      },
    });
    return record;
  } catch (err) {
    if (err instanceof BusyError) {
      const current = deps.service.holder(plan.source.arn);
      if (current) await asker.reply(busy(current));
      return undefined;
    }
    deps.logger.error('could not start a redrive', { queue: plan.source.name, error: errorText(err) });
    await asker.reply(explainFailure(err, `Could not start the redrive of ${plan.source.name}`));
    return undefined;
  }
}

function errorText(err: unknown): string {
  return err instanceof RedriveError || err instanceof Error ? err.message : String(err);
}

// `/redrive cancel ID` and the [Cancel] button: stop a running redrive (the tally follows in its thread).

import { message, section } from '../blocks/kit.ts';
import { denied, failure } from '../blocks/notices.ts';
import type { BotDeps } from '../deps.ts';
import { authorize } from './authorize.ts';
import type { Asker } from './redrive-request.ts';

export async function cancelRedrive(deps: BotDeps, asker: Asker, id: string): Promise<void> {
  const record = deps.service.running().find((r) => r.id === id);
  if (!record) {
    const past = await deps.store.getRedrive(id);
    await asker.reply(
      past
        ? failure(
            `Redrive ${id} is not running (it ${past.status === 'running' ? 'stopped' : `is ${past.status}`}).`,
            'Nothing to cancel.',
          )
        : failure(`There is no redrive ${id}.`, 'See `/redrive status` for the running ones.'),
    );
    return;
  }
  if (record.requestedBy !== asker.user) {
    const decision = await authorize(deps, asker, {
      action: 'cancel',
      source: { name: record.sourceName, arn: record.sourceArn },
    });
    if (!decision.allowed) {
      await asker.reply(denied(decision.reason, decision.rule));
      return;
    }
  }
  deps.service.cancel(id, asker.user);
  await deps.store.appendAudit({
    at: Date.now(),
    kind: 'redrive.cancel',
    actor: asker.user,
    channel: asker.channel,
    queue: record.sourceArn,
    redriveId: id,
    detail: {},
  });
  const text = `Cancelling ${id}: what was received but not sent goes back to ${record.sourceName}; the tally follows in the thread.`;
  await asker.reply(message(text, [section(text)]));
}

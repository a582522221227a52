// Buttons on an alarm post: [Redrive → SOURCE] runs the /redrive flow in the post's thread; [Peek]; [Snooze 1 h].

import { getAlarmPost, SNOOZE_MS, saveAlarmPost } from '../../core/alarms/alarm-posts.ts';
import { decodeAlarmValue } from '../blocks/alarm-post.ts';
import { mention, slackDate } from '../blocks/format.ts';
import { failure } from '../blocks/notices.ts';
import { PEEK_DEFAULT } from '../commands/parse-redrive.ts';
import type { BotDeps } from '../deps.ts';
import { explainFailure } from '../flows/explain-failure.ts';
import { peekQueue } from '../flows/peek.ts';
import { requestRedrive } from '../flows/redrive-request.ts';
import { replyThrough } from '../flows/reply.ts';
import type { ButtonArgs } from './redrive-buttons.ts';

const stale = failure('This alarm button is no longer valid.', 'Use `/redrive` instead.');

/** [Redrive → SOURCE]: the button's own confirm dialog was the confirmation. */
export function alarmRedriveButton(deps: BotDeps) {
  return async ({ ack, body, client, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const reply = replyThrough(respond);
    const value = decodeAlarmValue(action.value);
    const post = value ? await getAlarmPost(deps.store, value.alarmArn) : undefined;
    const channel = post?.channel ?? body.channel?.id;
    const rootTs = post?.ts ?? body.message?.ts;
    if (!value || !channel || !rootTs) {
      await reply(stale);
      return;
    }
    await requestRedrive(
      deps,
      { client, user: body.user.id, channel, reply },
      {
        source: value.dlqArn,
        destination: value.destinationArn,
        engine: 'auto',
        options: {},
        confirmed: true,
        alarm: { name: post?.alarmName ?? value.alarmArn.split(':').at(-1) ?? 'alarm', rootTs },
      },
    ).catch(async (err: unknown) => reply(explainFailure(err, 'Cannot redrive')));
  };
}

export function alarmPeekButton(deps: BotDeps) {
  return async ({ ack, body, client, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const reply = replyThrough(respond);
    const value = decodeAlarmValue(action.value);
    if (!value) {
      await reply(stale);
      return;
    }
    const asker = { client, user: body.user.id, channel: body.channel?.id ?? '' };
    await reply(
      await peekQueue(deps, asker, value.dlqArn, PEEK_DEFAULT).catch((err: unknown) =>
        explainFailure(err, 'Cannot peek'),
      ),
    );
  };
}

/** [Snooze 1 h]: no new posts for this alarm for an hour; said in the thread, by whom. */
export function alarmSnoozeButton(deps: BotDeps) {
  return async ({ ack, body, client, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const value = decodeAlarmValue(action.value);
    const post = value ? await getAlarmPost(deps.store, value.alarmArn) : undefined;
    if (!post) {
      await replyThrough(respond)(stale);
      return;
    }
    const until = Date.now() + SNOOZE_MS;
    await saveAlarmPost(deps.store, { ...post, snoozedUntil: until, snoozedBy: body.user.id });
    await client.chat.postMessage({
      channel: post.channel,
      thread_ts: post.ts,
      text: `😴 Snoozed for 1 h by ${mention(body.user.id)}: no new posts for ${post.alarmName} until ${slackDate(until, '{time}')}.`,
    });
  };
}

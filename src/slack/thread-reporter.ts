// Reports a redrive in its Slack thread: root message, progress edited in place, final tally, root outcome.

import type { WebClient } from '@slack/web-api';
import type { RedriveReporter } from '../core/job/types.ts';
import type { MoveProgress, MoveResult } from '../core/mover/types.ts';
import type { RedrivePatch, RedriveRecord } from '../store/types.ts';
import { formatCount } from './blocks/format.ts';
import type { SlackMessage } from './blocks/kit.ts';
import { redriveProgress } from './blocks/redrive-progress.ts';
import { redriveRoot } from './blocks/redrive-root.ts';
import { redriveTally } from './blocks/redrive-tally.ts';

export interface ThreadReporterOptions {
  /** Why the engine was chosen, shown under the root message. */
  readonly engineReason?: string;
  /** What started it when not a person's command (e.g. "alarm orders-dlq-not-empty"). */
  readonly trigger?: string;
  /** Called once the tally is posted (e.g. to watch for bounces). */
  readonly afterFinish?: (record: RedriveRecord, result: MoveResult) => void;
}

export function createThreadReporter(client: WebClient, options: ThreadReporterOptions = {}): RedriveReporter {
  const post = async (channel: string, message: SlackMessage, threadTs?: string) => {
    const out = await client.chat.postMessage({
      channel,
      text: message.text,
      blocks: message.blocks,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      unfurl_links: false,
    });
    if (!out.ts) throw new Error(`Slack did not return a ts for the message in ${channel}`);
    return out.ts;
  };
  const update = (channel: string, ts: string, message: SlackMessage) =>
    client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
  const rootOf = (record: RedriveRecord) => redriveRoot(record, options);
  let lastProgress: MoveProgress | undefined;

  return {
    async started(record): Promise<RedrivePatch> {
      let rootTs = record.rootTs;
      if (rootTs) {
        // An existing thread (an alarm post): the root stays, the start is said in the thread.
        await post(record.channel, rootOf(record), rootTs);
      } else {
        rootTs = await post(record.channel, rootOf(record));
      }
      const progressTs = await post(
        record.channel,
        redriveProgress(startProgress(record), { redriveId: record.id, cancellable: true }),
        rootTs,
      );
      const permalink = await client.chat
        .getPermalink({ channel: record.channel, message_ts: rootTs })
        .then((r) => r.permalink)
        .catch(() => undefined);
      return { rootTs, progressTs, ...(permalink ? { permalink } : {}) };
    },

    async progress(record, progress) {
      lastProgress = progress;
      if (!record.progressTs) return;
      await update(
        record.channel,
        record.progressTs,
        redriveProgress(progress, { redriveId: record.id, cancellable: true }),
      );
    },

    async finished(record, result: MoveResult) {
      const final: MoveProgress = {
        engine: result.engine,
        moved: result.moved,
        failed: result.failed,
        skipped: result.skipped,
        total: lastProgress?.total ?? record.total,
        elapsedMs: result.durationMs,
        ratePerSec: result.ratePerSec,
        etaSec: undefined,
      };
      if (record.progressTs) {
        await update(
          record.channel,
          record.progressTs,
          redriveProgress(final, { redriveId: record.id, cancellable: false }),
        );
      }
      await post(record.channel, redriveTally(result, record), record.rootTs);
      if (record.rootTs && !inAlarmThread(record)) await update(record.channel, record.rootTs, rootOf(record));
      options.afterFinish?.(record, result);
    },

    async interrupted(record) {
      if (!record.rootTs) return;
      const text =
        `:warning: The bot restarted while this redrive ran. ${formatCount(record.moved)} message(s) had moved. ` +
        'Messages it had received but not sent become visible again in the source within their visibility timeout ' +
        `(60 s by default): nothing is lost. Run \`/redrive ${record.sourceName} ${record.destinationName}\` to move the rest.`;
      await client.chat.postMessage({ channel: record.channel, thread_ts: record.rootTs, text });
      if (!inAlarmThread(record)) await update(record.channel, record.rootTs, rootOf(record));
      if (record.progressTs) {
        await update(
          record.channel,
          record.progressTs,
          redriveProgress(startProgress(record), { redriveId: record.id, cancellable: false }),
        );
      }
    },
  };
}

function startProgress(record: RedriveRecord): MoveProgress {
  return {
    engine: record.engine,
    moved: record.moved,
    failed: record.failed,
    skipped: record.skipped,
    total: record.total,
    elapsedMs: 0,
    ratePerSec: 0,
    etaSec: undefined,
  };
}

/** Redrives started from an alarm post report in its thread and leave the post itself to the alarm flow. */
function inAlarmThread(record: RedriveRecord): boolean {
  return typeof record.options.alarm === 'string';
}

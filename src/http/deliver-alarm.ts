// Hands an accepted alarm to the sink, waiting only briefly, so AWS gets a quick answer and a retry when posting failed.

import type { Alarm, AlarmSink } from '../core/alarms/alarm.ts';
import type { Logger } from '../core/job/types.ts';

/** Under EventBridge API destinations' 5 s client timeout and SNS's 15 s. */
export const DEFAULT_SINK_WAIT_MS = 3000;

/** `failed`: the sink threw in time, answer 5xx so AWS retries. `pending`: still running, answer 200 and let it finish. */
export type Delivery = 'delivered' | 'failed' | 'pending';

export async function deliverAlarm(
  sink: AlarmSink,
  alarm: Alarm,
  logger: Logger,
  waitMs = DEFAULT_SINK_WAIT_MS,
): Promise<Delivery> {
  const about = { alarm: alarm.name, queue: alarm.queueName, state: alarm.state, source: alarm.source };
  const running = Promise.resolve()
    .then(() => sink(alarm))
    .then(
      () => 'delivered' as const,
      (error: unknown) => {
        logger.error('could not hand the alarm on', { ...about, error: errorText(error) });
        return 'failed' as const;
      },
    );
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<'pending'>((resolve) => {
    timer = setTimeout(() => resolve('pending'), waitMs);
  });
  const outcome = await Promise.race([running, waited]);
  clearTimeout(timer);
  if (outcome === 'pending') logger.warn('the alarm is still being handled; answered AWS already', about);
  return outcome;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// The DLQ's depth over the last hours in an alarm's thread: CloudWatch's own PNG when the bot may upload files,
// otherwise a text sparkline.

import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { WebClient } from '@slack/web-api';
import type { Alarm } from '../../core/alarms/alarm.ts';
import { depthChartPng, depthSeries, sparkline } from '../../core/alarms/depth-history.ts';

const HOURS = 3;
/** Slack errors meaning "no files:write here": fall back to text. */
const NO_UPLOAD = new Set([
  'missing_scope',
  'not_allowed_token_type',
  'not_authed',
  'method_not_supported_for_channel_type',
]);

export async function postDepthChart(
  client: WebClient,
  cloudwatch: CloudWatchClient,
  target: { readonly channel: string; readonly threadTs: string },
  alarm: Alarm,
): Promise<'png' | 'text'> {
  const title = `${alarm.queueName} depth, last ${HOURS} h`;
  try {
    const png = await depthChartPng(cloudwatch, { queueName: alarm.queueName, hours: HOURS });
    await client.files.uploadV2({
      channel_id: target.channel,
      thread_ts: target.threadTs,
      file: Buffer.from(png),
      filename: `${alarm.queueName}-depth.png`,
      title,
    });
    return 'png';
  } catch (err) {
    const code = (err as { data?: { error?: string } }).data?.error;
    if (code !== undefined && !NO_UPLOAD.has(code)) throw err;
  }
  const points = await depthSeries(cloudwatch, { queueName: alarm.queueName, hours: HOURS });
  await client.chat.postMessage({
    channel: target.channel,
    thread_ts: target.threadTs,
    text: `${title}:\n\`${sparkline(points, 36)}\``,
  });
  return 'text';
}

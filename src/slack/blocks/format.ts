// How numbers, durations, rates, dates, people and queues read in Slack messages.

import { escapeMrkdwn } from './limits.ts';

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const RATE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** `1234` → `1,234`. */
export function formatCount(n: number): string {
  return COUNT.format(n);
}

/** Messages per second: `1,234` above 10, one decimal below (`2.5`). */
export function formatRate(perSec: number): string {
  return perSec >= 10 ? COUNT.format(perSec) : RATE.format(perSec);
}

/** `45s`, `3m 20s`, `1h 5m`, `2d 3h`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 === 0 ? `${m}m` : `${m}m ${s % 60}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 === 0 ? `${h}h` : `${h}h ${m % 60}m`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? `${d}d` : `${d}d ${h % 24}h`;
}

/** `1 message` / `1,234 messages`. */
export function plural(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/** A Slack date token shown in the reader's time zone, with a UTC fallback for clients that cannot. */
export function slackDate(epochMs: number, format = '{date_short_pretty} {time}'): string {
  const iso = new Date(epochMs).toISOString();
  const fallback = `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  return `<!date^${Math.floor(epochMs / 1000)}^${format}|${fallback}>`;
}

/** `<@U123>`; ids come from Slack, but anything odd is escaped rather than trusted. */
export function mention(userId: string): string {
  return /^[UW][A-Z0-9]+$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}

/** A queue name in bold, escaped. */
export function queue(name: string): string {
  return `*${escapeMrkdwn(name)}*`;
}

/** `a link` to a URL with an escaped label, or just the label when there is no URL. */
export function link(url: string | undefined, label: string): string {
  return url ? `<${url}|${escapeMrkdwn(label)}>` : escapeMrkdwn(label);
}

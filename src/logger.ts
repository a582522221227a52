// The one structured logger (JSON lines on stderr), also handed to Bolt so the whole app logs the same way.

import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';

export type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
/** Keys whose values never reach a log line, wherever they appear. */
const SECRET_KEYS = /token|secret|password|authorization|signature|body|message_body/i;

export interface AppLogger extends BoltLogger {
  child(name: string): AppLogger;
}

export function createLogger(
  level: Level = 'info',
  write: (line: string) => void = (line) => process.stderr.write(line),
  name = 'sqs-redrive',
): AppLogger {
  let threshold = ORDER[level];
  let currentName = name;
  const emit = (lvl: Level, args: unknown[]) => {
    if (ORDER[lvl] < threshold) return;
    const [first, ...rest] = args;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level: lvl, name: currentName };
    entry.msg = typeof first === 'string' ? first : first instanceof Error ? first.message : safe(first);
    for (const extra of rest) {
      if (extra && typeof extra === 'object' && !(extra instanceof Error)) Object.assign(entry, safe(extra));
      else if (extra instanceof Error) entry.error = extra.message;
      else entry.detail = String(extra);
    }
    write(`${JSON.stringify(entry)}\n`);
  };
  return {
    debug: (...args: unknown[]) => emit('debug', args),
    info: (...args: unknown[]) => emit('info', args),
    warn: (...args: unknown[]) => emit('warn', args),
    error: (...args: unknown[]) => emit('error', args),
    setLevel: (lvl: LogLevel) => {
      threshold = ORDER[lvl as Level] ?? threshold;
    },
    getLevel: () => (Object.entries(ORDER).find(([, v]) => v === threshold)?.[0] ?? 'info') as LogLevel,
    setName: (n: string) => {
      currentName = n;
    },
    child: (child: string) => createLogger(level, write, `${currentName}:${child}`),
  };
}

/** A copy with secret-looking keys masked; never throws on cycles. */
function safe(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > 4) return '[…]';
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => safe(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = SECRET_KEYS.test(key) ? '[redacted]' : safe(v, depth + 1);
  return out;
}

export { LogLevel };

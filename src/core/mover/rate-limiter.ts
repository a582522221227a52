// Spaces out message sends to at most N per second across every worker of a move.

import { setTimeout as sleep } from 'node:timers/promises';

export interface RateLimiter {
  /** Waits until `count` more messages may go. */
  acquire(count: number): Promise<void>;
}

const UNLIMITED: RateLimiter = { acquire: async () => {} };

/**
 * The schedule behind the limiter: `count` messages start at the later of now and the next free moment, and
 * push the next free moment on by count / rate seconds.
 */
export function reserve(
  nextFreeAt: number,
  now: number,
  count: number,
  perSecond: number,
): { waitMs: number; nextFreeAt: number } {
  const at = Math.max(now, nextFreeAt);
  return { waitMs: at - now, nextFreeAt: at + (count * 1000) / perSecond };
}

export function createRateLimiter(
  perSecond: number | undefined,
  now: () => number = performance.now.bind(performance),
): RateLimiter {
  if (!perSecond || perSecond <= 0) return UNLIMITED;
  let nextFreeAt = now();
  return {
    async acquire(count) {
      const slot = reserve(nextFreeAt, now(), count, perSecond);
      nextFreeAt = slot.nextFreeAt;
      if (slot.waitMs > 1) await sleep(slot.waitMs);
    },
  };
}

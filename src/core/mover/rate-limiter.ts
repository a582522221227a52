// Spaces out message sends to at most N per second across every worker of a move.

import { setTimeout as sleep } from 'node:timers/promises';

export interface RateLimiter {
  /** Waits until `count` more messages may go. */
  acquire(count: number): Promise<void>;
}

const UNLIMITED: RateLimiter = { acquire: async () => {} };

export function createRateLimiter(
  perSecond: number | undefined,
  now: () => number = performance.now.bind(performance),
): RateLimiter {
  if (!perSecond || perSecond <= 0) return UNLIMITED;
  let nextFreeAt = now();
  return {
    async acquire(count) {
      const at = Math.max(now(), nextFreeAt);
      nextFreeAt = at + (count * 1000) / perSecond;
      const wait = at - now();
      if (wait > 1) await sleep(wait);
    },
  };
}

// After a redrive, watches the source queue for messages coming back (the consumer is probably still failing).

import { pause } from '../mover/retry.ts';

export interface Bounce {
  /** Messages back in the source since the redrive ended. */
  readonly back: number;
  readonly moved: number;
  readonly afterMs: number;
}

export interface BounceWatch {
  /** Depth of the source when the redrive ended. */
  readonly depthAtEnd: number;
  readonly moved: number;
  readonly minutes: number;
  readonly intervalMs: number;
  readonly depth: () => Promise<number>;
  readonly onBounce: (bounce: Bounce) => Promise<void>;
  readonly signal?: AbortSignal;
}

/** Share of the moved messages that must come back before anyone is told: 10 %, at least one message. */
export function isSignificantBounce(back: number, moved: number): boolean {
  return moved > 0 && back >= Math.max(1, Math.ceil(moved * 0.1));
}

/** Checks the depth every interval until the window ends; reports the first significant bounce once. */
export async function watchForBounces(watch: BounceWatch): Promise<Bounce | undefined> {
  const started = Date.now();
  const end = started + watch.minutes * 60_000;
  while (Date.now() < end) {
    if (!(await pause(Math.min(watch.intervalMs, Math.max(0, end - Date.now())), watch.signal))) return undefined;
    let depth: number;
    try {
      depth = await watch.depth();
    } catch {
      continue; // a failed look is not a bounce; try again next interval
    }
    const back = depth - watch.depthAtEnd;
    if (isSignificantBounce(back, watch.moved)) {
      const bounce = { back, moved: watch.moved, afterMs: Date.now() - started };
      await watch.onBounce(bounce);
      return bounce;
    }
  }
  return undefined;
}

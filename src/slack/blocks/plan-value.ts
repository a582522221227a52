// A redrive request carried in a button value (≤ 2,000 characters): encoded compactly, decoded defensively.

import type { EngineName } from '../../core/mover/types.ts';
import { LIMITS } from './limits.ts';
import { OPTION_KEYS, type RedriveOptionsInput } from './options.ts';

export interface QueueIdentity {
  readonly name: string;
  readonly arn: string;
}

/** What a [Start] or destination button needs to act without asking again. */
export interface RedriveRequestValue {
  readonly source: QueueIdentity;
  readonly destination: QueueIdentity;
  readonly options: RedriveOptionsInput;
  /** Depth shown when the button was rendered. */
  readonly count?: number;
  readonly engine?: EngineName;
}

interface Wire {
  v: 1;
  s: string;
  d: string;
  o: RedriveOptionsInput;
  n?: number;
  e?: EngineName;
}

/** The queue name is the ARN's last segment, so only ARNs travel. */
const nameOf = (arn: string): string => arn.slice(arn.lastIndexOf(':') + 1);

/** JSON for a button value, or undefined when it cannot fit Slack's 2,000 characters (e.g. a huge filter). */
export function encodeRedriveValue(request: RedriveRequestValue): string | undefined {
  const wire: Wire = { v: 1, s: request.source.arn, d: request.destination.arn, o: request.options };
  if (request.count !== undefined) wire.n = request.count;
  if (request.engine !== undefined) wire.e = request.engine;
  const value = JSON.stringify(wire);
  return value.length <= LIMITS.buttonValue ? value : undefined;
}

const isArn = (v: unknown): v is string => typeof v === 'string' && /^arn:[^:]+:sqs:[^:]+:[^:]+:[^:]+$/.test(v);
const optNum = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v) && v >= 0);
const optStr = (v: unknown) => v === undefined || typeof v === 'string';

function validOptions(o: unknown): o is RedriveOptionsInput {
  if (!o || typeof o !== 'object' || Array.isArray(o)) return false;
  const r = o as Record<string, unknown>;
  const known: readonly string[] = OPTION_KEYS;
  return (
    Object.keys(r).every((k) => known.includes(k)) &&
    optNum(r.limit) &&
    optNum(r.ratePerSec) &&
    optNum(r.maxRedrives) &&
    optNum(r.concurrency) &&
    optNum(r.visibilityTimeoutSec) &&
    (r.dryRun === undefined || typeof r.dryRun === 'boolean') &&
    optStr(r.filter) &&
    optStr(r.groupId)
  );
}

/** The request back from a clicked button's value; undefined for anything that is not one this bot wrote. */
export function decodeRedriveValue(value: string | undefined): RedriveRequestValue | undefined {
  if (!value) return undefined;
  let wire: Partial<Wire>;
  try {
    wire = JSON.parse(value) as Partial<Wire>;
  } catch {
    return undefined;
  }
  if (wire?.v !== 1 || !isArn(wire.s) || !isArn(wire.d) || !validOptions(wire.o)) return undefined;
  if (!optNum(wire.n) || (wire.e !== undefined && wire.e !== 'client' && wire.e !== 'native')) return undefined;
  return {
    source: { name: nameOf(wire.s), arn: wire.s },
    destination: { name: nameOf(wire.d), arn: wire.d },
    options: wire.o,
    ...(wire.n === undefined ? {} : { count: wire.n }),
    ...(wire.e === undefined ? {} : { engine: wire.e }),
  };
}

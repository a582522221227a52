// Validates flag values typed by a person (CLI or Slack), with messages that name the flag and the value.

import { BadInputError } from './errors.ts';

export function wholeNumber(value: string | boolean | undefined, flag: string, min: number): number | undefined {
  if (typeof value !== 'string') return undefined;
  const n = Number(value.replaceAll(',', '').replaceAll('_', ''));
  if (value.trim() === '' || !Number.isInteger(n) || n < min) {
    throw new BadInputError(`${flag} must be a whole number ≥ ${min} (got "${value}").`);
  }
  return n;
}

export function positiveNumber(value: string | boolean | undefined, flag: string): number | undefined {
  if (typeof value !== 'string') return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new BadInputError(`${flag} must be a number > 0 (got "${value}").`);
  }
  return n;
}

export function stringValue(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `{ [key]: value }` when value is defined, else `{}` — for exactOptionalPropertyTypes-friendly spreads. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

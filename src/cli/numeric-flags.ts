import { UsageError } from './usage-error';

/** Flags that take a number; a negative one after a space is joined to its flag so it reaches our check. */
export const NUMERIC_FLAGS = ['--port', '--latency', '--throttle-rate', '--error-rate'] as const;

/**
`--latency -5` is "ambiguous" to node's parseArgs (the value looks like an option), which would
fail with a message that does not say what a valid value is. Rewritten as `--latency=-5`, the value
reaches `integerFlag`, which names the flag and its range.
*/
export function joinNegativeNumbers(argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    const next = argv[index + 1];
    if ((NUMERIC_FLAGS as readonly string[]).includes(arg) && next !== undefined && /^-[\d.]/.test(next)) {
      joined.push(`${arg}=${next}`);
      index++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

/** A decimal integer from `min` to `max`: digits only, so no sign, fraction, exponent or `0x` (Number() would take hex). */
export function integerFlag(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, written in decimal digits, got ${JSON.stringify(text)}`, flag);
  }
  return value;
}

/** A rate: a decimal from 0 to 1, such as `0`, `0.05` or `1`. */
export function rateFlag(flag: string, text: string): number {
  const value = Number(text);
  if (!/^(?:\d+(?:\.\d+)?|\.\d+)$/.test(text) || value > 1) {
    throw new UsageError(`${flag} must be a decimal from 0 to 1 (such as 0.05), got ${JSON.stringify(text)}`, flag);
  }
  return value;
}

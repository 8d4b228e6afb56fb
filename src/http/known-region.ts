import { closestMatches } from '../engine/closest-matches';
import { LookupInputError } from '../engine/errors';
import { booleanEnv } from '../engine/lookup-options';

/** The env var that lets a region outside a cloud's known list through, for every construct at once. */
export const ALLOW_UNKNOWN_REGION_ENV = 'IMAGE_LOOKUPS_ALLOW_UNKNOWN_REGION';

/** Where a region came from, and the cloud's list to check it against. */
export interface KnownRegionCheck {
  readonly region: string;
  /** `region`, or the env var it came from. */
  readonly input: string;
  /** As a message names it, e.g. `Tencent Cloud`. */
  readonly cloud: string;
  readonly known: readonly string[];
  /** The `allowUnknownRegion` prop, unchecked. */
  readonly allowUnknownRegion: unknown;
}

/**
Whether the region is one of `known`, or admitted anyway by the `allowUnknownRegion` prop or
IMAGE_LOOKUPS_ALLOW_UNKNOWN_REGION (`1` or `true`). Throws a LookupInputError otherwise: a region is
part of every cache key, so a typo would be cached as a real answer. An endpoint override does not
vouch for a region (its env var is often set for every stack at once: an emulator, a proxy).
Returns whether the region is known.
*/
export function checkKnownRegion(check: KnownRegionCheck, env: NodeJS.ProcessEnv): boolean {
  // Checked even for a known region, so a bad value is found on the first run, not when a new region is tried.
  const allowed = allowsUnknownRegion(check.allowUnknownRegion, env);
  if (check.known.includes(check.region)) return true;
  if (allowed) return false;
  const [closest] = closestMatches(check.region, check.known, 1);
  throw new LookupInputError(check.input, [
    `${JSON.stringify(check.region)} is not a ${check.cloud} region this library knows`,
    closest !== undefined ? ` (did you mean ${closest}?)` : '',
    `. Known: ${check.known.join(', ')}. A region is part of every cache key, so a typo would be cached as a real answer. ` +
    `For a region added since, set allowUnknownRegion: true on the construct, or ${ALLOW_UNKNOWN_REGION_ENV}=1`,
  ].join(''));
}

/** The `allowUnknownRegion` prop, else IMAGE_LOOKUPS_ALLOW_UNKNOWN_REGION (a switch, as `booleanEnv` reads it); a prop that is not a boolean is an error. */
function allowsUnknownRegion(prop: unknown, env: NodeJS.ProcessEnv): boolean {
  if (prop !== undefined) {
    if (typeof prop !== 'boolean') throw new LookupInputError('allowUnknownRegion', `${typeof prop === 'string' ? JSON.stringify(prop) : String(prop)} is not true or false`);
    return prop;
  }
  return booleanEnv(env, ALLOW_UNKNOWN_REGION_ENV);
}

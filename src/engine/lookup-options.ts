import { LookupInputError } from './errors';

/**
How the engine treats the cache:
- `auto` fetches what the cache lacks (and entries older than maxAge);
- `offline` makes no network call and fails on anything missing;
- `refresh` fetches every requested lookup again (or those matching a glob).
*/
export type LookupMode = 'auto' | 'offline' | 'refresh';

const MODES: readonly LookupMode[] = ['auto', 'offline', 'refresh'];

/**
What reading a lookup that is not fetched yet does, during `resolveLookups()`:
- `provisional` returns a provisional answer (not found, empty lists, undefined getters) and the build
  goes on, so one build registers every lookup the code reaches; that build is then thrown away;
- `strict` throws, which ends the build at the first such read (one build per read-before-create).
*/
export type DiscoveryMode = 'provisional' | 'strict';

const DISCOVERY_MODES: readonly DiscoveryMode[] = ['provisional', 'strict'];

/** Options of the lookup engine; each falls back to an env var, then to its default. */
export interface LookupEngineOptions {
  /**
  Cache mode. Env: IMAGE_LOOKUPS_MODE.
  @default 'auto'
  */
  readonly mode?: LookupMode;

  /**
  Cache file. Env: IMAGE_LOOKUPS_CACHE.
  @default 'image-lookups.context.json' in the current directory
  */
  readonly cacheFile?: string;

  /**
  In refresh mode, refetch only the keys matching this glob (picomatch syntax); others behave as in auto mode.
  Env: IMAGE_LOOKUPS_REFRESH (set by `image-lookups refresh GLOB`).
  @default every requested key
  */
  readonly refreshGlob?: string;

  /**
  Age after which a cached entry is stale, as seconds or a duration such as `12h`, `7d`, `30m`.
  Stale entries are refetched in auto mode and reported as warnings in offline mode.
  A construct's own `maxAge` wins. Env: IMAGE_LOOKUPS_MAX_AGE.
  @default no limit
  */
  readonly maxAge?: string | number;

  /**
  In auto mode, the age after which a cached "not found" answer is fetched again, so an image
  uploaded since is found without a manual refresh (a duration, as for maxAge). Offline mode and
  `failOnStale` go by maxAge only. A construct's own `notFoundMaxAge` wins.
  Env: IMAGE_LOOKUPS_NOT_FOUND_MAX_AGE.
  @default 1 hour
  */
  readonly notFoundMaxAge?: string | number;

  /**
  Fail the run when a requested lookup is stale (older than its maxAge) and is not fetched again (offline
  mode), instead of warning. One line counts them. Env: IMAGE_LOOKUPS_FAIL_ON_STALE=1 (or `true`);
  `image-lookups check --fail-on-stale` sets it.
  @default false
  */
  readonly failOnStale?: boolean;

  /**
  At most this many API calls in flight at once, across the whole app. Env: IMAGE_LOOKUPS_CONCURRENCY.
  @default 4
  */
  readonly concurrency?: number;

  /**
  How a build treats a read of a lookup that is not fetched yet. `provisional` discovers every
  lookup in one build whatever order the code reads in; `strict` ends the build at the first such
  read, for code that must never run on a provisional answer (it has side effects, or a provisional
  answer sends it into a loop). Env: IMAGE_LOOKUPS_DISCOVERY.
  @default 'provisional'
  */
  readonly discovery?: DiscoveryMode;

  /**
  At most this many builds of the app while lookups keep appearing. With provisional discovery, an
  app of independent lookups needs two builds on a cold cache (one on a warm one), plus one per level
  of lookups that depend on other lookups' answers. The bound stops an app that asks for new lookups
  on every build. Env: IMAGE_LOOKUPS_MAX_ROUNDS.
  @default 50
  */
  readonly maxRounds?: number;

  /**
  Show the progress of a fetch of 5 calls or more: calls done of the total, retries, throttled
  answers, elapsed time and an estimate. On a terminal it redraws one line on stderr; otherwise
  (CI, `cdktf synth`) it prints a line to stdout every 5 seconds. Env: IMAGE_LOOKUPS_PROGRESS
  (`0` turns it off).
  @default true
  */
  readonly progress?: boolean;

  /**
  The clock, for `fetchedAt` and staleness.
  @default () => new Date()
  */
  readonly now?: () => Date;
}

/** Options with env vars and defaults applied, inputs checked. */
export interface ResolvedEngineOptions {
  readonly mode: LookupMode;
  readonly discovery: DiscoveryMode;
  readonly refreshGlob?: string;
  readonly maxAgeSeconds?: number;
  readonly notFoundMaxAgeSeconds: number;
  readonly failOnStale: boolean;
  readonly concurrency: number;
  readonly maxRounds: number;
  readonly progress: boolean;
  readonly now: () => Date;
}

export function resolveEngineOptions(options: LookupEngineOptions = {}, env: NodeJS.ProcessEnv = process.env): ResolvedEngineOptions {
  const mode = options.mode ?? (env.IMAGE_LOOKUPS_MODE || 'auto');
  if (!MODES.includes(mode as LookupMode)) {
    throw new LookupInputError(options.mode !== undefined ? 'mode' : 'IMAGE_LOOKUPS_MODE',
      `unknown mode ${JSON.stringify(mode)}; use one of ${MODES.join(', ')}`);
  }
  const discovery = options.discovery ?? (env.IMAGE_LOOKUPS_DISCOVERY || 'provisional');
  if (!DISCOVERY_MODES.includes(discovery as DiscoveryMode)) {
    throw new LookupInputError(options.discovery !== undefined ? 'discovery' : 'IMAGE_LOOKUPS_DISCOVERY',
      `unknown discovery ${JSON.stringify(discovery)}; use one of ${DISCOVERY_MODES.join(', ')}`);
  }
  const maxAge = options.maxAge ?? (env.IMAGE_LOOKUPS_MAX_AGE || undefined);
  const notFoundMaxAge = options.notFoundMaxAge ?? (env.IMAGE_LOOKUPS_NOT_FOUND_MAX_AGE || DEFAULT_NOT_FOUND_MAX_AGE);
  return {
    mode: mode as LookupMode,
    discovery: discovery as DiscoveryMode,
    refreshGlob: options.refreshGlob ?? (env.IMAGE_LOOKUPS_REFRESH || undefined),
    maxAgeSeconds: maxAge === undefined ? undefined
      : parseDurationSeconds(maxAge, options.maxAge !== undefined ? 'maxAge' : 'IMAGE_LOOKUPS_MAX_AGE'),
    notFoundMaxAgeSeconds: parseDurationSeconds(notFoundMaxAge, options.notFoundMaxAge !== undefined ? 'notFoundMaxAge' : 'IMAGE_LOOKUPS_NOT_FOUND_MAX_AGE'),
    failOnStale: options.failOnStale ?? booleanEnv(env, 'IMAGE_LOOKUPS_FAIL_ON_STALE'),
    concurrency: positiveInteger(options.concurrency ?? env.IMAGE_LOOKUPS_CONCURRENCY ?? 4,
      options.concurrency !== undefined ? 'concurrency' : 'IMAGE_LOOKUPS_CONCURRENCY'),
    maxRounds: positiveInteger(options.maxRounds ?? env.IMAGE_LOOKUPS_MAX_ROUNDS ?? 50,
      options.maxRounds !== undefined ? 'maxRounds' : 'IMAGE_LOOKUPS_MAX_ROUNDS'),
    // On unless turned off: unset or empty means on here.
    progress: options.progress ?? (env.IMAGE_LOOKUPS_PROGRESS?.trim() ? booleanEnv(env, 'IMAGE_LOOKUPS_PROGRESS') : true),
    now: options.now ?? (() => new Date()),
  };
}

const DEFAULT_NOT_FOUND_MAX_AGE = '1h';

/** A boolean env var: unset or empty is false; `1`/`true` and `0`/`false` as they say; anything else is an error naming it. */
export function booleanEnv(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === '' || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  throw new LookupInputError(name, `${JSON.stringify(env[name])} is not a switch; use 1 (on) or 0 (off)`);
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Parses `90`, `90s`, `30m`, `12h`, `7d` or `2w` into seconds. */
export function parseDurationSeconds(value: string | number, input: string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value > 0) return value;
  } else {
    const match = /^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$/.exec(value);
    if (match && Number(match[1]) > 0) return Number(match[1]) * UNIT_SECONDS[match[2] || 's'];
  }
  throw new LookupInputError(input, `${JSON.stringify(value)} is not a duration; use seconds or a number with a unit, such as 30m, 12h or 7d`);
}

/** The cache-age props every lookup construct has. */
export interface LookupAgeProps {
  /**
  Age after which the cached answers are stale: seconds or a duration such as `12h` or `7d`.
  Auto mode fetches stale answers again; offline mode warns (or, with failOnStale, fails).
  @default the engine's maxAge (IMAGE_LOOKUPS_MAX_AGE), else no limit
  */
  readonly maxAge?: string | number;
  /**
  In auto mode, the age after which a cached "not found" is asked again, so an image uploaded since
  is found without a manual refresh. A duration, as for maxAge.
  @default the engine's notFoundMaxAge (IMAGE_LOOKUPS_NOT_FOUND_MAX_AGE), else 1 hour
  */
  readonly notFoundMaxAge?: string | number;
}

/** A construct's age props as request options, each named after `path` when it is not a duration. */
export function lookupAgeOptions(props: LookupAgeProps, path: string): { maxAge?: number; notFoundMaxAge?: number } {
  const seconds = (value: string | number | undefined, prop: string) => value === undefined ? undefined : parseDurationSeconds(value, `${path}: ${prop}`);
  return { maxAge: seconds(props.maxAge, 'maxAge'), notFoundMaxAge: seconds(props.notFoundMaxAge, 'notFoundMaxAge') };
}

function positiveInteger(value: string | number, input: string): number {
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new LookupInputError(input, `${JSON.stringify(value)} is not a positive integer`);
  }
  return number;
}

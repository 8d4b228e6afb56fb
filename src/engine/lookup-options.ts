import { LookupInputError } from './errors';

/**
How the engine treats the cache:
- `auto` fetches what the cache lacks (and entries older than maxAge);
- `offline` makes no network call and fails on anything missing;
- `refresh` fetches every requested lookup again (or those matching a glob).
*/
export type LookupMode = 'auto' | 'offline' | 'refresh';

const MODES: readonly LookupMode[] = ['auto', 'offline', 'refresh'];

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
  At most this many API calls in flight at once, across the whole app. Env: IMAGE_LOOKUPS_CONCURRENCY.
  @default 4
  */
  readonly concurrency?: number;

  /**
  At most this many builds of the app while lookups keep appearing. Every round fetches all the
  lookups requested before the first read of an unfetched one, so an app needs about one round per
  stack that reads lookups before the next stack is built (on a cold cache; a warm one needs one).
  The bound stops an app that asks for new lookups on every build. Env: IMAGE_LOOKUPS_MAX_ROUNDS.
  @default 50
  */
  readonly maxRounds?: number;

  /**
  The clock, for `fetchedAt` and staleness.
  @default () => new Date()
  */
  readonly now?: () => Date;
}

/** Options with env vars and defaults applied, inputs checked. */
export interface ResolvedEngineOptions {
  readonly mode: LookupMode;
  readonly refreshGlob?: string;
  readonly maxAgeSeconds?: number;
  readonly concurrency: number;
  readonly maxRounds: number;
  readonly now: () => Date;
}

export function resolveEngineOptions(options: LookupEngineOptions = {}, env: NodeJS.ProcessEnv = process.env): ResolvedEngineOptions {
  const mode = options.mode ?? (env.IMAGE_LOOKUPS_MODE || 'auto');
  if (!MODES.includes(mode as LookupMode)) {
    throw new LookupInputError(options.mode !== undefined ? 'mode' : 'IMAGE_LOOKUPS_MODE',
      `unknown mode ${JSON.stringify(mode)}; use one of ${MODES.join(', ')}`);
  }
  const maxAge = options.maxAge ?? (env.IMAGE_LOOKUPS_MAX_AGE || undefined);
  return {
    mode: mode as LookupMode,
    refreshGlob: options.refreshGlob ?? (env.IMAGE_LOOKUPS_REFRESH || undefined),
    maxAgeSeconds: maxAge === undefined ? undefined
      : parseDurationSeconds(maxAge, options.maxAge !== undefined ? 'maxAge' : 'IMAGE_LOOKUPS_MAX_AGE'),
    concurrency: positiveInteger(options.concurrency ?? env.IMAGE_LOOKUPS_CONCURRENCY ?? 4,
      options.concurrency !== undefined ? 'concurrency' : 'IMAGE_LOOKUPS_CONCURRENCY'),
    maxRounds: positiveInteger(options.maxRounds ?? env.IMAGE_LOOKUPS_MAX_ROUNDS ?? 50,
      options.maxRounds !== undefined ? 'maxRounds' : 'IMAGE_LOOKUPS_MAX_ROUNDS'),
    now: options.now ?? (() => new Date()),
  };
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

function positiveInteger(value: string | number, input: string): number {
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new LookupInputError(input, `${JSON.stringify(value)} is not a positive integer`);
  }
  return number;
}

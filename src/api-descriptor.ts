import type { CacheEntry } from './engine/lookup-cache';
import type { LookupProvider } from './engine/lookup-provider';
import type { EmulatorRoute } from './emulator/emulator-route';
import type { EmulatorSection, SectionCredential } from './emulator/emulator-section';
import type { PolicyRule } from './policy/policy-rule';

/**
Everything the rest of the library needs to know about one cloud API, exported by the API's folder
as `descriptor.ts` and listed once in `src/apis.ts`. The emulator, its data schema, the CLI, the
bench, the example runner and the test support derive from that list and never name an API.
*/
export interface ApiDescriptor<Section extends EmulatorSection = EmulatorSection> {
  /** The API's folder under src/, e.g. `tencent-image-shares`; its benchmark is bench/scenarios/<id>.ts. */
  readonly id: string;
  /** The cloud and the API, for people. */
  readonly title: string;
  /** The engine's plugins for the API's lookups. */
  readonly providers: readonly LookupProvider<never, unknown>[];
  readonly emulator: {
    /** The folder's section of the emulator data file, with its credentials. */
    readonly section: Section;
    /** The routes that emulate the API; all serve `section`. */
    readonly routes: readonly EmulatorRoute<Section>[];
  };
  /** Prefixes of the env vars the API's clients read, e.g. `TENCENTCLOUD_`: tests and the bench clear them. */
  readonly envPrefixes: readonly string[];
  /**
  The env vars that send the API's lookups to another origin, e.g. an emulator: one per backend
  when the API has several (Tencent's legacy v2 and its API 3.0 each have their own), at least one.
  */
  readonly endpointEnvVars: readonly string[];
  /**
  The env vars that point the API's lookups at an emulator at `origin`, signing with `credential`
  (one of the section's keys). Every name starts with one of `envPrefixes`. A token variable is set
  even when the key has none (to ''), so a token from the shell is not sent with the emulator's key.
  */
  emulatorEnv(origin: string, credential: SectionCredential<Section>): Readonly<Record<string, string>>;
  /** The API's built-in policy rules (see src/policy/); its pack lists them. */
  readonly policyRules: readonly PolicyRule[];
  /** What changed in one of its cache entries, for `image-lookups diff` (e.g. accounts a share list gained). */
  readonly describeChanges: DescribeEntryChanges;
}

/**
What changed in one cache entry between two views of the cache: `before` is absent for a new key,
`after` for a dropped one. An empty list means nothing the API knows of changed (the caller still
tells a change of endpoint or of an unknown field).
*/
export type DescribeEntryChanges = (before: CacheEntry | undefined, after: CacheEntry | undefined) => readonly EntryChange[];

/** One thing that changed in an entry, as `image-lookups diff` prints it and its `--json` output holds it. */
export interface EntryChange {
  /** What changed, in the value's terms, e.g. `outcome`, `shares`, `status`, `tags`. */
  readonly field: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** The list item added, removed or changed, e.g. an account ID or a tag. @default the field as a whole */
  readonly item?: string;
  /** @default absent (added) */
  readonly before?: unknown;
  /** @default absent (removed) */
  readonly after?: unknown;
  /** One short line for people, e.g. `shared with 877354327`. */
  readonly text: string;
}

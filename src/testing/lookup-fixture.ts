import type { CacheEntry } from '../engine/lookup-cache';

/**
Lookup answers for a unit test, as the real providers would have cached them: cache entries by
lookup key, in the shape of a cache file's `entries`. Build them with `tencentSharesFixture()` and
`vodImageFixture()`, or take them from a committed cache file
(`{ entries: JSON.parse(fs.readFileSync('image-lookups.context.json', 'utf8')).entries }`), and hand
them to `LookupTesting.app({ fixtures })`.
*/
export interface LookupFixture {
  /** Cache entries by lookup key (`tencent:GetImageShareUinInfo:region=…:imageId=…`). */
  readonly entries: Readonly<Record<string, CacheEntry>>;
}

/**
The `fetchedAt` of the entries the fixture builders make. It is never compared with the clock:
`LookupTesting.app()` treats no fixture as stale.
*/
export const FIXTURE_FETCHED_AT = '2026-01-01T00:00:00Z';

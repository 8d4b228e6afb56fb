import { Testing, type App, type TestingAppConfig } from 'cdktf';
import { LookupInputError } from '../engine/errors/lookup-input-error';
import { LookupCache, type CacheEntry } from '../engine/lookup-cache';
import { LookupEngine } from '../engine/lookup-engine';
import { stableStringify } from '../engine/stable-json';
import type { LookupFixture } from './lookup-fixture';

/** Options of `LookupTesting.app()`: the fixtures, and whatever `Testing.app()` takes. */
export interface LookupTestingAppOptions extends TestingAppConfig {
  /**
  Every lookup answer the stacks under test may read. A key in two fixtures must have the same
  answer in both (two Tencent fixtures of one region agree on the quota).
  */
  readonly fixtures: readonly LookupFixture[];
}

/** What the engine says about a key no fixture answers. */
const MISSING_ADVICE = 'Add a fixture for it to LookupTesting.app({ fixtures }): tencentSharesFixture() or vodImageFixture() '
  + 'with the construct\'s region, image and key props, or its entry from a cache file.';

/**
Unit tests of stacks with lookup constructs, without network, emulator or cache file.

    const app = LookupTesting.app({ fixtures: [tencentSharesFixture({ region: 'ap-guangzhou', images: { 'img-jgggrva9': [] } })] });
    const stack = new GoldenImageStack(app, 'golden');
    expect(Testing.synth(stack)).toHaveResource(…);
*/
export class LookupTesting {
  /**
  A `Testing.app()` whose lookups are answered from `fixtures` alone, in memory. It never reads or
  writes a cache file (IMAGE_LOOKUPS_CACHE is not used) and never fetches, so credentials and
  endpoint env vars are never used either. A construct requesting a lookup no fixture answers
  throws a LookupUnresolvedError naming the key, in its constructor. IMAGE_LOOKUPS_MODE does not
  apply, and no fixture is ever stale, whatever the constructs' maxAge.

  Throws a LookupInputError naming the fixture for one that is not a fixture, or a key two
  fixtures answer differently; an entry of the wrong shape fails, naming its key, when a
  construct requests it.
  */
  static app(options: LookupTestingAppOptions): App {
    const { fixtures, ...appConfig } = options ?? ({} as LookupTestingAppOptions);
    const entries = mergeFixtures(fixtures);
    const app = Testing.app(appConfig);
    // The engine's clock stands at the earliest fetch time of the fixtures: no entry is older than any maxAge.
    const earliest = [...entries.values()].reduce((min, entry) => Math.min(min, Date.parse(entry.fetchedAt) || min), Date.now());
    const engine = new LookupEngine({
      // Explicit, so the test run's IMAGE_LOOKUPS_* env vars do not change what the fixtures answer.
      mode: 'offline', discovery: 'provisional', concurrency: 1, maxRounds: 1,
      now: () => new Date(earliest),
    }, { canFetch: false, cache: { cache: LookupCache.inMemory(entries, 'the fixtures of LookupTesting.app()'), missingAdvice: MISSING_ADVICE } });
    engine.attachTo(app);
    return app;
  }
}

function mergeFixtures(fixtures: readonly LookupFixture[]): Map<string, CacheEntry> {
  if (!Array.isArray(fixtures)) {
    throw new LookupInputError('LookupTesting.app: fixtures', 'expected a list of fixtures, such as [tencentSharesFixture({ … }), vodImageFixture({ … })] ([] for none)');
  }
  const entries = new Map<string, CacheEntry>();
  fixtures.forEach((fixture, index) => {
    const where = `LookupTesting.app: fixtures[${index}]`;
    if (typeof fixture?.entries !== 'object' || fixture.entries === null) {
      throw new LookupInputError(where, 'is not a LookupFixture: make it with tencentSharesFixture() or vodImageFixture(), or give { entries } of a cache file');
    }
    for (const [key, entry] of Object.entries(fixture.entries as Record<string, CacheEntry>)) {
      const earlier = entries.get(key);
      if (earlier !== undefined && stableStringify(earlier) !== stableStringify(entry)) {
        throw new LookupInputError(`${where}.entries["${key}"]`, 'an earlier fixture answers this key differently: give each key one answer');
      }
      entries.set(key, entry);
    }
  });
  return entries;
}

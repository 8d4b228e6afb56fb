// The engine's machinery against an in-memory provider: no cloud, no HTTP. Each test drives the
// engine as resolveLookups() does (start a round, request, fetch what is pending, read), and looks
// at what the provider was asked for and what the cache file holds after.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Construct } from 'constructs';
import {
  CacheEntryInvalidError, LookupEngine, LookupPendingError, LookupsMissingError, LookupUnresolvedError,
  type LookupEngineOptions, type LookupHandle,
} from '../../src/engine';
import { rejection, thrown } from '../support/expect-errors';
import { FAKE_ENDPOINT, FakeLookup, FakeProvider, fakeValueSchema, type FakeQuery, type FakeValue } from '../support/fake-lookup';
import { isolateEnv, tempDirs } from '../support/fixtures';

isolateEnv();
const tempDir = tempDirs();

const DAY_MS = 24 * 60 * 60 * 1000;
const FIRST_RUN = new Date('2026-01-01T00:00:00Z');
const TWO_DAYS_LATER = new Date(FIRST_RUN.getTime() + 2 * DAY_MS);

function newCacheFile(): string {
  return path.join(tempDir(), 'cache.json');
}

function entriesIn(file: string): Record<string, { outcome: string; value?: unknown; fetchedAt: string }> {
  return JSON.parse(fs.readFileSync(file, 'utf8')).entries;
}

type Request = string | (FakeQuery & { readonly maxAge?: number });

/** Starts a round on `engine` and requests each name (or query) from `provider`. */
function requestAll(engine: LookupEngine, provider: FakeProvider, requests: readonly Request[]): Array<LookupHandle<FakeValue>> {
  engine.startRound();
  return requests.map((request) => {
    const { maxAge, ...query } = typeof request === 'string' ? { name: request } : request;
    return engine.request(provider, query, { maxAge });
  });
}

/** One build and fetch, as a run of resolveLookups() makes it: resolves to the engine and the handles. */
async function run(provider: FakeProvider, cacheFile: string, requests: readonly Request[], options: LookupEngineOptions = {}) {
  const engine = new LookupEngine({ cacheFile, now: () => FIRST_RUN, ...options });
  const handles = requestAll(engine, provider, requests);
  await engine.fetchPending();
  return { engine, handles };
}

describe('dedupe', () => {
  test('a key requested twice is fetched once, and both handles read the one answer', async () => {
    const provider = new FakeProvider({ data: { alpha: 1, beta: 2 } });
    const { engine, handles } = await run(provider, newCacheFile(), ['alpha', 'beta', 'alpha']);

    expect(provider.fetches).toEqual([{ group: 'main', names: ['alpha', 'beta'] }]);
    expect(handles[0].key).toBe(handles[2].key);
    expect(handles.map((handle) => handle.value)).toEqual([{ name: 'alpha', version: 1 }, { name: 'beta', version: 2 }, { name: 'alpha', version: 1 }]);
    expect(engine.stats()).toMatchObject({ lookups: 2, fetched: 2, cacheHits: 0, apiCalls: 1, cacheWritten: true });
  });

  test('a key fetched in this run is not fetched again by a later round', async () => {
    const provider = new FakeProvider({ data: { alpha: 1 } });
    const { engine } = await run(provider, newCacheFile(), ['alpha']);
    requestAll(engine, provider, ['alpha']);
    expect(engine.pendingKeys).toEqual([]);
    await engine.fetchPending();
    expect(provider.fetches).toHaveLength(1);
    expect(engine.stats()).toMatchObject({ lookups: 1, cacheHits: 0, fetched: 1, rounds: 2 });
  });

  test('a not-found answer is an answer: cached, and not fetched again', async () => {
    const provider = new FakeProvider();
    const cacheFile = newCacheFile();
    const { handles } = await run(provider, cacheFile, ['ghost']);
    expect(handles[0].isResolved).toBe(true);
    expect(handles[0].value).toBeUndefined();
    expect(entriesIn(cacheFile)[provider.key('ghost')]).toEqual({ provider: 'fake:Lookup', outcome: 'notFound', endpoint: FAKE_ENDPOINT, fetchedAt: '2026-01-01T00:00:00Z' });

    await run(provider, cacheFile, ['ghost']);
    expect(provider.fetches).toHaveLength(1);
  });
});

describe('grouping by batchGroupOf', () => {
  test('one fetch per group, each with only its own queries', async () => {
    const provider = new FakeProvider({ data: { alpha: 1, beta: 2, gamma: 3 } });
    await run(provider, newCacheFile(), [{ name: 'alpha', group: 'east' }, { name: 'beta', group: 'west' }, { name: 'gamma', group: 'east' }]);
    expect([...provider.fetches].sort((a, b) => a.group.localeCompare(b.group))).toEqual([
      { group: 'east', names: ['alpha', 'gamma'] },
      { group: 'west', names: ['beta'] },
    ]);
  });

  test('two providers never share a fetch, even with equal groups', async () => {
    const one = new FakeProvider({ id: 'fake:One', data: { alpha: 1 } });
    const two = new FakeProvider({ id: 'fake:Two', data: { alpha: 2 } });
    const engine = new LookupEngine({ cacheFile: newCacheFile() });
    engine.startRound();
    const handles = [engine.request(one, { name: 'alpha' }), engine.request(two, { name: 'alpha' })];
    await engine.fetchPending();
    expect([one.fetches, two.fetches]).toEqual([[{ group: 'main', names: ['alpha'] }], [{ group: 'main', names: ['alpha'] }]]);
    expect(handles.map((handle) => [handle.key, handle.value?.version])).toEqual([['fake:One:group=main:name=alpha', 1], ['fake:Two:group=main:name=alpha', 2]]);
  });

  test('the groups run in parallel under one app-wide bound, and every call counts', async () => {
    const provider = new FakeProvider({ delayMs: 30 });
    const groups = ['a', 'b', 'c', 'd', 'e', 'f'];
    const { engine } = await run(provider, newCacheFile(), groups.map((group) => ({ name: 'alpha', group })), { concurrency: 2 });
    expect(provider.fetches).toHaveLength(6);
    expect(provider.maxInFlight).toBe(2);
    expect(engine.stats().apiCalls).toBe(6);
  });

  test('a by-product entry of a fetch is cached and counted as fetched', async () => {
    const provider = new FakeProvider({ data: { alpha: 1 } });
    provider.byProducts = true;
    const cacheFile = newCacheFile();
    const { engine } = await run(provider, cacheFile, ['alpha', 'beta']);
    expect(Object.keys(entriesIn(cacheFile)).sort()).toEqual([provider.groupKey(), provider.key('alpha'), provider.key('beta')].sort());
    expect(engine.stats()).toMatchObject({ lookups: 2, fetched: 3 });
  });
});

describe('a partial failure is kept', () => {
  test('a group whose fetch fails: the other groups\' answers are saved, then its error is thrown', async () => {
    const provider = new FakeProvider({ data: { alpha: 1, beta: 2 } });
    const outage = new Error('west is down');
    provider.failingGroups.set('west', outage);
    const cacheFile = newCacheFile();
    await expect(run(provider, cacheFile, [{ name: 'alpha', group: 'east' }, { name: 'beta', group: 'west' }])).rejects.toBe(outage);
    expect(Object.keys(entriesIn(cacheFile))).toEqual([provider.key('alpha', 'east')]);
  });

  test('an error outcome for one key: the rest of its group is saved, and the error, never cached, is thrown after the save', async () => {
    const provider = new FakeProvider({ data: { alpha: 1, gamma: 3 } });
    const refusal = new Error('beta refused');
    provider.failingNames.set('beta', refusal);
    const cacheFile = newCacheFile();
    const engine = new LookupEngine({ cacheFile });
    const [, beta] = requestAll(engine, provider, ['alpha', 'beta', 'gamma']);

    await expect(engine.fetchPending()).rejects.toBe(refusal);

    expect(Object.keys(entriesIn(cacheFile)).sort()).toEqual([provider.key('alpha'), provider.key('gamma')]);
    expect(beta.isResolved).toBe(false);
  });

  test('an entry a failed fetch would have replaced keeps its previous value', async () => {
    const provider = new FakeProvider({ data: { alpha: 1, beta: 1 } });
    const cacheFile = newCacheFile();
    await run(provider, cacheFile, ['alpha', 'beta']);
    const before = entriesIn(cacheFile);
    provider.data.set('alpha', 2).set('beta', 2);
    provider.failingNames.set('beta', new Error('beta refused'));

    await expect(run(provider, cacheFile, ['alpha', 'beta'], { mode: 'refresh', now: () => TWO_DAYS_LATER })).rejects.toThrow('beta refused');

    const after = entriesIn(cacheFile);
    expect(after[provider.key('alpha')]).toMatchObject({ value: { version: 2 }, fetchedAt: '2026-01-03T00:00:00Z' });
    expect(after[provider.key('beta')]).toEqual(before[provider.key('beta')]);
  });

  test('a provider that leaves a key unanswered is an internal error naming the key, after the others are saved', async () => {
    const provider = new FakeProvider({ data: { alpha: 1, beta: 2 } });
    provider.unansweredNames.add('beta');
    const cacheFile = newCacheFile();
    await expect(run(provider, cacheFile, ['alpha', 'beta'])).rejects.toThrow(`Internal error: the providers returned no answer for ${provider.key('beta')}`);
    expect(Object.keys(entriesIn(cacheFile))).toEqual([provider.key('alpha')]);
  });
});

describe('stale entries (maxAge)', () => {
  /** A cache file holding alpha and beta, fetched at FIRST_RUN (version 1); the cloud then moves to version 2. */
  async function cacheFromFirstRun(provider: FakeProvider): Promise<string> {
    const cacheFile = newCacheFile();
    await run(provider, cacheFile, ['alpha', 'beta']);
    provider.data.set('alpha', 2).set('beta', 2);
    return cacheFile;
  }

  test('an entry older than maxAge is fetched again in auto mode; a younger one is served', async () => {
    const provider = new FakeProvider({ data: { alpha: 1, beta: 1 } });
    const cacheFile = await cacheFromFirstRun(provider);

    const { engine, handles } = await run(provider, cacheFile, ['alpha'], { maxAge: '1d', now: () => TWO_DAYS_LATER });
    expect(handles[0].value).toEqual({ name: 'alpha', version: 2 });
    expect(handles[0].isStale).toBe(false);
    expect(engine.stats()).toMatchObject({ fetched: 1, staleKeys: [] });
    expect(entriesIn(cacheFile)[provider.key('alpha')].fetchedAt).toBe('2026-01-03T00:00:00Z');

    const young = await run(provider, cacheFile, ['beta'], { maxAge: '3d', now: () => TWO_DAYS_LATER });
    expect(young.handles[0].value).toEqual({ name: 'beta', version: 1 });
    expect(provider.fetches).toHaveLength(2);
  });

  test('a request\'s own maxAge wins over the engine\'s', async () => {
    const provider = new FakeProvider({ data: { alpha: 1, beta: 1 } });
    const cacheFile = await cacheFromFirstRun(provider);
    const { handles } = await run(provider, cacheFile, [{ name: 'alpha', maxAge: 3600 }, 'beta'], { maxAge: '7d', now: () => TWO_DAYS_LATER });
    expect(handles.map((handle) => handle.value?.version)).toEqual([2, 1]);
    expect(provider.fetches.at(-1)).toEqual({ group: 'main', names: ['alpha'] });
  });

  test('offline mode keeps a stale entry, serves it, and reports it', async () => {
    const provider = new FakeProvider({ data: { alpha: 1, beta: 1 } });
    const cacheFile = await cacheFromFirstRun(provider);
    const { engine, handles } = await run(provider, cacheFile, ['alpha', 'beta'], { mode: 'offline', maxAge: '1h', now: () => TWO_DAYS_LATER });
    expect(handles.map((handle) => [handle.value?.version, handle.isStale])).toEqual([[1, true], [1, true]]);
    expect(engine.stats()).toMatchObject({ staleKeys: [provider.key('alpha'), provider.key('beta')], fetched: 0, cacheWritten: false });
    expect(provider.fetches).toHaveLength(1);
  });
});

describe('offline mode', () => {
  test('missing keys: a LookupsMissingError listing each, without a fetch or a file', async () => {
    const provider = new FakeProvider({ data: { alpha: 1 } });
    const cacheFile = newCacheFile();
    const error = await rejection(run(provider, cacheFile, ['beta', 'alpha'], { mode: 'offline' }), LookupsMissingError);
    expect(error).toMatchObject({ code: 'LookupsMissing', keys: [provider.key('alpha'), provider.key('beta')] });
    for (const key of [provider.key('alpha'), provider.key('beta')]) expect(error.message).toContain(`  - ${key}\n`);
    // The shortest glob covering both, and the cache file, since it is not the default one.
    expect(error.message).toContain(`npx image-lookups refresh '${provider.id}:group=main:*' --cache ${cacheFile}`);
    expect(provider.fetches).toEqual([]);
    expect(fs.existsSync(cacheFile)).toBe(false);
  });

  test('a full cache is served without a fetch, and nothing is written', async () => {
    const provider = new FakeProvider({ data: { alpha: 1 } });
    const cacheFile = newCacheFile();
    await run(provider, cacheFile, ['alpha']);
    const before = fs.readFileSync(cacheFile);
    const { engine, handles } = await run(provider, cacheFile, ['alpha'], { mode: 'offline' });
    expect(handles[0].value).toEqual({ name: 'alpha', version: 1 });
    expect(engine.stats()).toMatchObject({ cacheHits: 1, fetched: 0, apiCalls: 0, cacheWritten: false });
    expect(fs.readFileSync(cacheFile).equals(before)).toBe(true);
  });
});

describe('refresh mode', () => {
  async function cacheOf(provider: FakeProvider, names: string[]): Promise<string> {
    const cacheFile = newCacheFile();
    await run(provider, cacheFile, names);
    for (const name of names) provider.data.set(name, 2);
    return cacheFile;
  }

  test('fetches every requested key again, and leaves the file\'s other entries alone', async () => {
    const provider = new FakeProvider({ data: { alpha: 1, beta: 1, gamma: 1 } });
    const cacheFile = await cacheOf(provider, ['alpha', 'beta', 'gamma']);
    const { engine } = await run(provider, cacheFile, ['alpha', 'beta'], { mode: 'refresh', now: () => TWO_DAYS_LATER });
    expect(engine.stats()).toMatchObject({ fetched: 2, cacheHits: 0 });
    const entries = entriesIn(cacheFile);
    expect([provider.key('alpha'), provider.key('beta'), provider.key('gamma')].map((key) => entries[key].value)).toEqual([
      { name: 'alpha', version: 2 }, { name: 'beta', version: 2 }, { name: 'gamma', version: 1 },
    ]);
  });

  test('with a glob, fetches only the matching keys; the others are served from the cache', async () => {
    const provider = new FakeProvider({ data: { alpha: 1, beta: 1 } });
    const cacheFile = await cacheOf(provider, ['alpha', 'beta']);
    const { engine, handles } = await run(provider, cacheFile, ['alpha', 'beta'], { mode: 'refresh', refreshGlob: 'fake:*:name=b*' });
    expect(handles.map((handle) => handle.value?.version)).toEqual([1, 2]);
    expect(provider.fetches.at(-1)).toEqual({ group: 'main', names: ['beta'] });
    expect(engine.stats()).toMatchObject({ fetched: 1, cacheHits: 1 });
  });
});

describe('provisional answers', () => {
  test('a pending key reads as undefined, unresolved, and is counted as a provisional read', () => {
    const provider = new FakeProvider({ data: { alpha: 1 } });
    const engine = new LookupEngine({ cacheFile: newCacheFile() });
    const [alpha] = requestAll(engine, provider, ['alpha']);
    expect([alpha.value, alpha.isResolved, engine.provisionalReads]).toEqual([undefined, false, 1]);
    engine.startRound();
    expect(engine.provisionalReads).toBe(0);
  });

  test('with strict discovery, reading a pending key throws the pending signal', () => {
    const provider = new FakeProvider({ data: { alpha: 1 } });
    const engine = new LookupEngine({ cacheFile: newCacheFile(), discovery: 'strict' });
    const [alpha] = requestAll(engine, provider, ['alpha']);
    expect(thrown(() => alpha.value, LookupPendingError).key).toBe(provider.key('alpha'));
  });

  test('a key fetched on request that the last round no longer asks for is discovery-only', async () => {
    const provider = new FakeProvider({ data: { alpha: 1, beta: 1 } });
    const { engine } = await run(provider, newCacheFile(), ['alpha', 'beta']);
    requestAll(engine, provider, ['alpha']);
    expect(engine.stats()).toMatchObject({ lookups: 1, fetched: 2, discoveryOnly: 1 });
  });
});

describe('cached values are checked against the provider\'s schema', () => {
  /** A cache file whose alpha entry was edited by hand to hold a version that is text. */
  async function handEditedCache(provider: FakeProvider): Promise<string> {
    const cacheFile = newCacheFile();
    await run(provider, cacheFile, ['alpha']);
    const cache = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
    cache.entries[provider.key('alpha')].value.version = 'one';
    fs.writeFileSync(cacheFile, JSON.stringify(cache));
    return cacheFile;
  }

  test('a bad entry fails its request with a CacheEntryInvalid error naming the file, key and field', async () => {
    const provider = new FakeProvider({ data: { alpha: 1 } });
    const cacheFile = await handEditedCache(provider);
    const engine = new LookupEngine({ cacheFile });
    engine.startRound();
    const error = thrown(() => engine.request(provider, { name: 'alpha' }), CacheEntryInvalidError);
    expect(error).toMatchObject({ code: 'CacheEntryInvalid', file: cacheFile, key: provider.key('alpha'), field: 'value.version' });
  });

  test('met in a build that goes on (and is dropped), it still stops the fetch, before any request', async () => {
    const provider = new FakeProvider({ data: { alpha: 1, beta: 1 } });
    const cacheFile = await handEditedCache(provider);
    const engine = new LookupEngine({ cacheFile });
    engine.startRound();
    engine.request(provider, { name: 'beta' });
    const error = thrown(() => engine.request(provider, { name: 'alpha' }), CacheEntryInvalidError);
    await expect(engine.fetchPending()).rejects.toBe(error);
    expect(provider.fetches).toHaveLength(1);
  });

  test('refreshing the bad key replaces it, unchecked', async () => {
    const provider = new FakeProvider({ data: { alpha: 1 } });
    const cacheFile = await handEditedCache(provider);
    const { handles } = await run(provider, cacheFile, ['alpha'], { mode: 'refresh', refreshGlob: provider.key('alpha') });
    expect(handles[0].value).toEqual({ name: 'alpha', version: 1 });
  });

  test('each entry is checked once per run, however many requests and rounds read it', async () => {
    const provider = new FakeProvider({ data: { alpha: 1 } });
    const cacheFile = newCacheFile();
    await run(provider, cacheFile, ['alpha']);
    const check = jest.spyOn(fakeValueSchema, 'safeParse');
    try {
      const engine = new LookupEngine({ cacheFile });
      requestAll(engine, provider, ['alpha', 'alpha']);
      requestAll(engine, provider, ['alpha']);
      expect(check).toHaveBeenCalledTimes(1);
    } finally {
      check.mockRestore();
    }
  });
});

describe('the read-only engine of an app built without resolveLookups()', () => {
  function rootWithCache(cacheFile: string): Construct {
    process.env.IMAGE_LOOKUPS_CACHE = cacheFile;
    return new Construct(undefined as never, '');
  }

  test('is one per app, reads the cache file IMAGE_LOOKUPS_CACHE names, and serves its hits', async () => {
    const provider = new FakeProvider({ data: { alpha: 1 } });
    const cacheFile = newCacheFile();
    await run(provider, cacheFile, ['alpha']);
    const root = rootWithCache(cacheFile);
    const lookup = new FakeLookup(root, 'alpha', { provider, name: 'alpha' });

    const engine = LookupEngine.of(lookup);
    expect(engine).toBe(LookupEngine.of(new Construct(root, 'other')));
    expect(engine).not.toBe(LookupEngine.of(new Construct(undefined as never, '')));
    expect([engine.canFetch, engine.cache.file]).toEqual([false, cacheFile]);
    expect(lookup.value).toEqual({ name: 'alpha', version: 1 });
  });

  test('a missing key throws LookupUnresolved when read, and is reported missing without a fetch', async () => {
    const provider = new FakeProvider({ data: { alpha: 1 } });
    const root = rootWithCache(newCacheFile());
    const lookup = new FakeLookup(root, 'alpha', { provider, name: 'alpha' });
    const error = thrown(() => lookup.value, LookupUnresolvedError);
    expect(error.key).toBe(provider.key('alpha'));
    // The fix is synthWithLookups(), shown as the change to make; not a refresh, which runs this same app and fails the same way.
    expect(error.message).toContain('Build it with synthWithLookups()');
    expect(error.message).toContain("  import { synthWithLookups } from 'cdktf-image-lookups';");
    expect(error.message).toContain("  synthWithLookups((app) => { new MyStack(app, 'x'); });");
    expect(error.message).not.toMatch(/npx image-lookups refresh/);
    expect(error.message.split('\n').length).toBeLessThanOrEqual(5);
    await expect(LookupEngine.of(root).fetchPending()).rejects.toMatchObject({ code: 'LookupsMissing', keys: [provider.key('alpha')] });
    expect(provider.fetches).toEqual([]);
  });

  test('a stale entry is served and marked stale: it cannot be fetched again', async () => {
    const provider = new FakeProvider({ data: { alpha: 1 } });
    const cacheFile = newCacheFile();
    // The read-only engine runs on the wall clock: an entry of 2020 is more than a second old.
    await run(provider, cacheFile, ['alpha'], { now: () => new Date('2020-01-01T00:00:00Z') });
    const lookup = new FakeLookup(rootWithCache(cacheFile), 'alpha', { provider, name: 'alpha', maxAge: 1 });
    expect([lookup.value, lookup.handle.isStale]).toEqual([{ name: 'alpha', version: 1 }, true]);
  });
});

describe('nothing on disk for nothing fetched', () => {
  test('a run with nothing to fetch creates, locks and writes nothing', async () => {
    const provider = new FakeProvider({ data: { alpha: 1 } });
    const cacheFile = newCacheFile();
    await run(provider, cacheFile, ['alpha']);
    const before = fs.readFileSync(cacheFile);
    // A lock left by someone else would make a save wait; a run with nothing to write never looks at it.
    fs.mkdirSync(`${cacheFile}.lock`);

    const { engine } = await run(provider, cacheFile, ['alpha']);

    expect(engine.stats()).toMatchObject({ cacheHits: 1, fetched: 0, cacheWritten: false });
    expect(fs.readFileSync(cacheFile).equals(before)).toBe(true);
  });

  test('a run whose only fetch fails writes no file', async () => {
    const provider = new FakeProvider();
    provider.failingGroups.set('main', new Error('down'));
    const dir = tempDir();
    await expect(run(provider, path.join(dir, 'not', 'yet', 'cache.json'), ['alpha'])).rejects.toThrow('down');
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('refresh diffs show only real changes', () => {
  /** One run to its end, as resolveLookups() makes it: build, fetch, then complete (a full refresh records its time). */
  async function runToEnd(provider: FakeProvider, cacheFile: string, requests: readonly Request[], options: LookupEngineOptions = {}) {
    const result = await run(provider, cacheFile, requests, options);
    await result.engine.completeRun();
    return result;
  }
  const fileOf = (cacheFile: string) => JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as { refreshedAt?: string; entries: Record<string, { fetchedAt: string }> };
  const changedLines = (before: string, after: string) => {
    const a = before.split('\n');
    const b = after.split('\n');
    expect(b).toHaveLength(a.length);
    return b.filter((line, index) => line !== a[index]);
  };

  test('a full refresh that finds nothing changed leaves every entry as it was and changes one line: refreshedAt', async () => {
    const provider = new FakeProvider({ data: { alpha: 1, beta: 1 } });
    const cacheFile = newCacheFile();
    await runToEnd(provider, cacheFile, ['alpha', 'beta']);
    const before = fs.readFileSync(cacheFile, 'utf8');

    const { engine } = await runToEnd(provider, cacheFile, ['alpha', 'beta'], { mode: 'refresh', now: () => TWO_DAYS_LATER });
    expect(engine.stats()).toMatchObject({ fetched: 2, fullRefresh: true, changes: { added: [], changed: [], removed: [] } });
    const after = fs.readFileSync(cacheFile, 'utf8');
    const added = after.split('\n').filter((line) => !before.split('\n').includes(line));
    expect(added).toEqual(['  "refreshedAt": "2026-01-03T00:00:00Z",']);
    expect(after.replace(`${added[0]}\n`, '')).toBe(before);
    expect(Object.values(fileOf(cacheFile).entries).map((entry) => entry.fetchedAt)).toEqual(['2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z']);

    // A second refresh with nothing changed moves that one line only.
    const later = new Date(TWO_DAYS_LATER.getTime() + DAY_MS);
    await runToEnd(provider, cacheFile, ['alpha', 'beta'], { mode: 'refresh', now: () => later });
    expect(changedLines(after, fs.readFileSync(cacheFile, 'utf8'))).toEqual(['  "refreshedAt": "2026-01-04T00:00:00Z",']);
  });

  test('a full refresh that finds one image changed rewrites only that entry, and lists it as changed', async () => {
    const provider = new FakeProvider({ data: { alpha: 1, beta: 1 } });
    const cacheFile = newCacheFile();
    await runToEnd(provider, cacheFile, ['alpha', 'beta']);
    provider.data.set('beta', 2);
    const { engine } = await runToEnd(provider, cacheFile, ['alpha', 'beta'], { mode: 'refresh', now: () => TWO_DAYS_LATER });
    expect(engine.stats().changes).toEqual({ added: [], changed: [provider.key('beta')], removed: [] });
    const entries = fileOf(cacheFile).entries;
    expect(entries[provider.key('alpha')].fetchedAt).toBe('2026-01-01T00:00:00Z');
    expect(entries[provider.key('beta')]).toMatchObject({ fetchedAt: '2026-01-03T00:00:00Z', value: { version: 2 } });
  });

  test('a found image that is gone is listed as removed; a new key as added', async () => {
    const provider = new FakeProvider({ data: { alpha: 1 } });
    const cacheFile = newCacheFile();
    await runToEnd(provider, cacheFile, ['alpha']);
    provider.data.delete('alpha');
    provider.data.set('beta', 1);
    const { engine } = await runToEnd(provider, cacheFile, ['alpha', 'beta'], { mode: 'refresh', now: () => TWO_DAYS_LATER });
    expect(engine.stats().changes).toEqual({ added: [provider.key('beta')], changed: [], removed: [provider.key('alpha')] });
  });

  test('a GLOB refresh records each covered entry\'s own verification time, and the file\'s refreshedAt stays', async () => {
    const provider = new FakeProvider({ data: { alpha: 1, beta: 1 } });
    const cacheFile = newCacheFile();
    await runToEnd(provider, cacheFile, ['alpha', 'beta']);
    const { engine } = await runToEnd(provider, cacheFile, ['alpha', 'beta'], { mode: 'refresh', refreshGlob: 'fake:*:name=b*', now: () => TWO_DAYS_LATER });
    expect(engine.stats()).toMatchObject({ fullRefresh: false, changes: { added: [], changed: [], removed: [] } });
    const file = fileOf(cacheFile);
    expect(file.refreshedAt).toBeUndefined();
    expect(file.entries[provider.key('alpha')].fetchedAt).toBe('2026-01-01T00:00:00Z');
    expect(file.entries[provider.key('beta')].fetchedAt).toBe('2026-01-03T00:00:00Z');
  });

  test('a full refresh whose fetch fails records no refresh time', async () => {
    const provider = new FakeProvider({ data: { alpha: 1 } });
    const cacheFile = newCacheFile();
    await runToEnd(provider, cacheFile, ['alpha']);
    provider.failingGroups.set('main', new Error('the cloud is down'));
    await expect(runToEnd(provider, cacheFile, ['alpha'], { mode: 'refresh', now: () => TWO_DAYS_LATER })).rejects.toThrow();
    expect(fileOf(cacheFile).refreshedAt).toBeUndefined();
  });

  test('age counts from the later of an entry\'s own fetch and the last full refresh: a daily refresh keeps offline CI fresh', async () => {
    const provider = new FakeProvider({ data: { alpha: 1 } });
    const cacheFile = newCacheFile();
    await runToEnd(provider, cacheFile, ['alpha']);
    await runToEnd(provider, cacheFile, ['alpha'], { mode: 'refresh', now: () => TWO_DAYS_LATER });
    const justAfter = new Date(TWO_DAYS_LATER.getTime() + 3600_000);
    const offline = await runToEnd(provider, cacheFile, ['alpha'], { mode: 'offline', maxAge: '1d', now: () => justAfter });
    expect(offline.engine.stats().staleKeys).toEqual([]);
    const muchLater = new Date(TWO_DAYS_LATER.getTime() + 2 * DAY_MS);
    const stale = await runToEnd(provider, cacheFile, ['alpha'], { mode: 'offline', maxAge: '1d', now: () => muchLater });
    expect(stale.engine.stats().staleKeys).toEqual([provider.key('alpha')]);
  });
});

describe('not-found answers get their own maxAge in auto mode', () => {
  async function notFoundCachedAt(provider: FakeProvider): Promise<string> {
    const cacheFile = newCacheFile();
    await run(provider, cacheFile, ['alpha']); // not in the cloud's data: cached as not found
    provider.data.set('alpha', 1); // uploaded since
    return cacheFile;
  }
  const inTwoHours = () => new Date(FIRST_RUN.getTime() + 2 * 3600_000);

  test('by default a not-found older than 1 hour is asked again, and the uploaded image is found', async () => {
    const provider = new FakeProvider();
    const cacheFile = await notFoundCachedAt(provider);
    const { handles } = await run(provider, cacheFile, ['alpha'], { now: inTwoHours });
    expect(handles[0].value).toEqual({ name: 'alpha', version: 1 });
  });

  test('a younger not-found is served; notFoundMaxAge and a request\'s own notFoundMaxAge set the age', async () => {
    const provider = new FakeProvider();
    const cacheFile = await notFoundCachedAt(provider);
    expect((await run(provider, cacheFile, ['alpha'], { now: inTwoHours, notFoundMaxAge: '3h' })).handles[0].value).toBeUndefined();
    const engine = new LookupEngine({ cacheFile, now: inTwoHours, notFoundMaxAge: '3h' });
    engine.startRound();
    const handle = engine.request(provider, { name: 'alpha' }, { notFoundMaxAge: 60 });
    await engine.fetchPending();
    expect(handle.value).toEqual({ name: 'alpha', version: 1 });
  });

  test('IMAGE_LOOKUPS_NOT_FOUND_MAX_AGE sets it; a bad value is an error naming the variable', async () => {
    const provider = new FakeProvider();
    const cacheFile = await notFoundCachedAt(provider);
    process.env.IMAGE_LOOKUPS_NOT_FOUND_MAX_AGE = '1d';
    expect((await run(provider, cacheFile, ['alpha'], { now: inTwoHours })).handles[0].value).toBeUndefined();
    process.env.IMAGE_LOOKUPS_NOT_FOUND_MAX_AGE = 'soon';
    expect(() => new LookupEngine({ cacheFile })).toThrow(/IMAGE_LOOKUPS_NOT_FOUND_MAX_AGE/);
  });

  test('offline mode ignores it: the not-found is served and, by the general maxAge only, not stale', async () => {
    const provider = new FakeProvider();
    const cacheFile = await notFoundCachedAt(provider);
    const { engine, handles } = await run(provider, cacheFile, ['alpha'], { mode: 'offline', now: inTwoHours });
    expect(handles[0].value).toBeUndefined();
    expect(engine.stats()).toMatchObject({ staleKeys: [], fetched: 0 });
  });
});

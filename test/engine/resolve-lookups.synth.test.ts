// resolveLookups() and synthWithLookups() against an in-memory provider: the rounds, what a
// provisional build may throw, and the summary. The same through the real constructs and the
// emulator: test/integration/resolve-lookups.synth.test.ts and discovery.synth.test.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Annotations, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { LookupPendingError, resolveLookups, synthWithLookups, type ResolveLookupsOptions } from '../../src/engine';
import { FakeLookup, FakeProvider } from '../support/fake-lookup';
import { appIn, isolateEnv, tempDirs } from '../support/fixtures';

isolateEnv();
const tempDir = tempDirs();

function resolveIn(dir: string, build: (app: Construct) => void, options: ResolveLookupsOptions = {}) {
  return resolveLookups(build, { cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir), ...options });
}

describe('rounds', () => {
  test('a lookup that needs another lookup\'s answer is fetched one round later', async () => {
    const provider = new FakeProvider({ data: { first: 7, 'next-7': 8 } });
    const { stats } = await resolveIn(tempDir(), (app) => {
      const stack = new TerraformStack(app, 'stack');
      const first = new FakeLookup(stack, 'first', { provider, name: 'first' });
      // Which name to ask for, only the first answer tells: the provisional build asks for none.
      if (first.found) new FakeLookup(stack, 'next', { provider, name: `next-${first.value!.version}` });
    });
    expect(provider.fetches.map((fetch) => fetch.names)).toEqual([['first'], ['next-7']]);
    expect(stats).toMatchObject({ rounds: 3, apiCalls: 2, lookups: 2, discoveryOnly: 0 });
  });

  test('reads that happen only at synth (in validations) still make one batch of the whole app', async () => {
    const provider = new FakeProvider({ data: { alpha: 1, beta: 2 } });
    const seen: unknown[] = [];
    const { app, stats } = await resolveIn(tempDir(), (scope) => {
      for (const name of ['alpha', 'beta']) {
        const stack = new TerraformStack(scope, name);
        const lookup = new FakeLookup(stack, 'lookup', { provider, name });
        stack.node.addValidation({ validate: () => { seen.push(lookup.value); return []; } });
      }
    });
    app.synth();
    expect(provider.fetches).toEqual([{ group: 'main', names: ['alpha', 'beta'] }]);
    expect(stats).toMatchObject({ rounds: 2, apiCalls: 1 });
    expect(seen).toEqual([{ name: 'alpha', version: 1 }, { name: 'beta', version: 2 }]);
  });

  test('an app that asks for a new lookup on every build stops at maxRounds, naming what is pending', async () => {
    const provider = new FakeProvider();
    let build = 0;
    await expect(resolveIn(tempDir(), (app) => {
      new FakeLookup(new TerraformStack(app, 'stack'), 'drifting', { provider, name: `name-${build++}` });
    }, { maxRounds: 3 })).rejects.toMatchObject({ code: 'LookupRoundsExceeded' });
    expect(provider.fetches).toHaveLength(2);
  });

  test('an app with nothing to look up is built once more, with stack traces, and fetches nothing', async () => {
    const traces: boolean[] = [];
    const { stats } = await resolveIn(tempDir(), (app) => {
      const stack = new TerraformStack(app, 'stack');
      Annotations.of(stack).addInfo('no lookups here');
      traces.push(stack.node.metadata.some((entry) => entry.trace !== undefined && entry.trace.length > 0));
    });
    expect(traces).toEqual([false, true]);
    expect(stats).toMatchObject({ rounds: 2, apiCalls: 0, cacheWritten: false });
  });
});

describe('what a build throws', () => {
  test('code that throws on a provisional answer still resolves: that build is dropped', async () => {
    const provider = new FakeProvider({ data: { alpha: 1 } });
    let builds = 0;
    const { stats } = await resolveIn(tempDir(), (app) => {
      builds++;
      const lookup = new FakeLookup(new TerraformStack(app, 'stack'), 'alpha', { provider, name: 'alpha' });
      if (lookup.value!.version !== 1) throw new Error('unexpected version');
    });
    expect([builds, stats.rounds]).toEqual([2, 2]);
  });

  test('an error of the app\'s own, in a build with nothing pending, is thrown unchanged after one build', async () => {
    const provider = new FakeProvider({ data: { alpha: 1 } });
    const dir = tempDir();
    await resolveIn(dir, (app) => { new FakeLookup(new TerraformStack(app, 'stack'), 'alpha', { provider, name: 'alpha' }); });
    const own = new RangeError('the app\'s own bug');
    let builds = 0;
    await expect(resolveIn(dir, (app) => {
      builds++;
      new FakeLookup(new TerraformStack(app, 'stack'), 'alpha', { provider, name: 'alpha' });
      throw own;
    })).rejects.toBe(own);
    expect(builds).toBe(1);
  });

  test('a bad input in a build that got no provisional answer fails before any fetch, naming the construct', async () => {
    const provider = new FakeProvider({ data: { alpha: 1 } });
    const dir = tempDir();
    await expect(resolveIn(dir, (app) => {
      const stack = new TerraformStack(app, 'stack');
      new FakeLookup(stack, 'alpha', { provider, name: 'alpha' });
      new FakeLookup(stack, 'typo', { provider, name: 'Not A Name' });
    })).rejects.toMatchObject({ code: 'InvalidLookupInput', input: 'stack/typo: name' });
    expect(provider.fetches).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'cache.json'))).toBe(false);
  });

  test('with strict discovery, the first read of an unfetched lookup ends the build', async () => {
    const provider = new FakeProvider({ data: { alpha: 1, beta: 2 } });
    const seen: unknown[] = [];
    const { stats } = await resolveIn(tempDir(), (app) => {
      for (const name of ['alpha', 'beta']) {
        const lookup = new FakeLookup(new TerraformStack(app, name), 'lookup', { provider, name });
        try {
          seen.push(lookup.value?.version);
        } catch (error) {
          seen.push(error);
          throw error;
        }
      }
    }, { discovery: 'strict' });
    expect(seen).toEqual([expect.any(LookupPendingError), 1, expect.any(LookupPendingError), 1, 2]);
    expect(stats).toMatchObject({ rounds: 3, apiCalls: 2 });
  });

  test('offline, one run lists every missing key the app reaches, with the provisional-branch note', async () => {
    const provider = new FakeProvider();
    const failure = resolveIn(tempDir(), (app) => {
      const stack = new TerraformStack(app, 'stack');
      const first = new FakeLookup(stack, 'first', { provider, name: 'first' });
      if (!first.found) new FakeLookup(stack, 'fallback', { provider, name: 'fallback' });
    }, { mode: 'offline' });
    await expect(failure).rejects.toMatchObject({ code: 'LookupsMissing', keys: [provider.key('fallback'), provider.key('first')] });
    await expect(failure).rejects.toThrow(/provisional answers .*a branch that the real answers do not take/s);
    expect(provider.fetches).toEqual([]);
  });
});

describe('synthWithLookups', () => {
  let logged: string[];
  let errors: unknown[];
  let consoleError: jest.SpyInstance;
  beforeEach(() => {
    logged = [];
    errors = [];
    consoleError = jest.spyOn(console, 'error').mockImplementation((error: unknown) => { errors.push(error); });
  });
  afterEach(() => {
    consoleError.mockRestore();
    process.exitCode = undefined;
  });

  test('synthesizes, and logs one summary line, and one line counting the stale keys', async () => {
    const provider = new FakeProvider({ data: { alpha: 1 } });
    const dir = tempDir();
    const cacheFile = path.join(dir, 'cache.json');
    const build = (app: Construct) => { new FakeLookup(new TerraformStack(app, 'stack'), 'alpha', { provider, name: 'alpha', maxAge: 60 }); };
    await synthWithLookups(build, { cacheFile, createApp: appIn(dir), now: () => new Date('2026-01-01T00:00:00Z'), log: (line) => logged.push(line) });
    expect(fs.existsSync(path.join(dir, 'cdktf.out', 'stacks', 'stack', 'cdk.tf.json'))).toBe(true);

    const stats = await synthWithLookups(build, { cacheFile, createApp: appIn(dir), mode: 'offline', log: (line) => logged.push(line) });
    expect(stats).toMatchObject({ lookups: 1, cacheHits: 1, staleKeys: [provider.key('alpha')] });
    expect(logged).toEqual([
      expect.stringMatching(/^image-lookups: 1 lookups \(0 from cache, 1 fetched with 1 API call, 0 discovery-only\) in 2 rounds, mode auto; cache .*cache\.json updated$/),
      expect.stringMatching(/^image-lookups: 1 lookups \(1 from cache, 0 fetched with 0 API calls, 0 discovery-only\) in 1 round, mode offline; cache .*cache\.json unchanged$/),
      `image-lookups: warning: 1 cached lookup is stale (last verified longer ago than their maxAge; the oldest, ${provider.key('alpha')}, ` +
        `${Math.floor((Date.now() - Date.parse('2026-01-01T00:00:00Z')) / 86_400_000)}d ago). Verify them again with: npx image-lookups refresh --cache ${cacheFile}`,
    ]);
    expect(process.exitCode).toBeUndefined();
  });

  test('with failOnStale, stale keys fail the run in one line, before synth', async () => {
    const provider = new FakeProvider({ data: { alpha: 1, beta: 1 } });
    const dir = tempDir();
    const cacheFile = path.join(dir, 'cache.json');
    const build = (app: Construct) => {
      const stack = new TerraformStack(app, 'stack');
      for (const name of ['alpha', 'beta']) new FakeLookup(stack, name, { provider, name, maxAge: 60 });
    };
    await synthWithLookups(build, { cacheFile, createApp: appIn(dir), now: () => new Date('2026-01-01T00:00:00Z'), log: () => undefined });
    fs.rmSync(path.join(dir, 'cdktf.out'), { recursive: true, force: true });
    const stats = await synthWithLookups(build, { cacheFile, createApp: appIn(dir), mode: 'offline', failOnStale: true, log: () => undefined });
    expect(stats).toBeUndefined();
    expect(process.exitCode).toBe(1);
    expect(errors).toEqual([expect.stringMatching(/^image-lookups: 2 cached lookups are stale \(.*\)\. Verify them again with: .*failOnStale is on, by the option or IMAGE_LOOKUPS_FAIL_ON_STALE=1/)]);
    expect(fs.existsSync(path.join(dir, 'cdktf.out', 'stacks', 'stack', 'cdk.tf.json'))).toBe(false);
  });

  test('a failure is printed, without a stack for the library\'s own errors, and sets a non-zero exit code instead of throwing', async () => {
    const provider = new FakeProvider();
    const dir = tempDir();
    const stats = await synthWithLookups((app) => { new FakeLookup(new TerraformStack(app, 'stack'), 'alpha', { provider, name: 'alpha' }); },
      { cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir), mode: 'offline', log: (line) => logged.push(line) });
    expect(stats).toBeUndefined();
    expect(process.exitCode).toBe(1);
    expect(errors).toEqual([expect.stringMatching(/^image-lookups: Offline mode \(IMAGE_LOOKUPS_MODE=offline\): 1 lookup\(s\) are not in /)]);
    expect(logged).toEqual([]);
  });
});

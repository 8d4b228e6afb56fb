// What every lookup construct does with its handles, through the in-memory provider's construct.
import * as path from 'node:path';
import { App, TerraformStack, Testing } from 'cdktf';
import { LookupPendingError, LookupUnresolvedError, resolveLookups } from '../../src/engine';
import { throwWithoutSnapshot } from '../../src/engine/add-lookup-validations';
import { thrown } from '../support/expect-errors';
import { FakeLookup, FakeProvider } from '../support/fake-lookup';
import { appIn, isolateEnv, tempDirs, testingApps } from '../support/fixtures';

isolateEnv();
const tempDir = tempDirs();
const testingApp = testingApps();

/** A cache file holding alpha, fetched in 2020. */
async function cacheWithAlpha(provider: FakeProvider): Promise<string> {
  const dir = tempDir();
  const cacheFile = path.join(dir, 'cache.json');
  await resolveLookups((app) => { new FakeLookup(new TerraformStack(app, 'stack'), 'alpha', { provider, name: 'alpha' }); },
    { cacheFile, createApp: appIn(dir), now: () => new Date('2020-01-01T00:00:00Z') });
  return cacheFile;
}

test('an unresolved lookup fails synth, naming its key and the way out', () => {
  const provider = new FakeProvider();
  process.env.IMAGE_LOOKUPS_CACHE = path.join(tempDir(), 'empty.json');
  const stack = new TerraformStack(testingApp(), 'stack');
  new FakeLookup(stack, 'alpha', { provider, name: 'alpha' });
  // cdktf runs the construct's validation first ("is unresolved"); cdktn resolves tokens first ("has no value").
  expect(() => Testing.synth(stack, true)).toThrow(/ookup fake:Lookup:group=main:name=alpha (is unresolved: build the app with synthWithLookups\(\)|has no value)/);
});

test('a resolved lookup adds no validation', async () => {
  const provider = new FakeProvider({ data: { alpha: 1 } });
  process.env.IMAGE_LOOKUPS_CACHE = await cacheWithAlpha(provider);
  const lookup = new FakeLookup(new TerraformStack(testingApp(), 'stack'), 'alpha', { provider, name: 'alpha' });
  expect(lookup.node.validate()).toEqual([]);
});

test('a stale entry kept offline adds no annotation: the run counts stale entries in one line', async () => {
  const provider = new FakeProvider({ data: { alpha: 1 } });
  const cacheFile = await cacheWithAlpha(provider);
  const dir = tempDir();
  const { app } = await resolveLookups((scope) => { new FakeLookup(new TerraformStack(scope, 'stack'), 'alpha', { provider, name: 'alpha', maxAge: 60 }); },
    { cacheFile, createApp: appIn(dir), mode: 'offline' });
  const lookup = app.node.findAll().find((node) => node instanceof FakeLookup)!;
  expect(lookup.handle.isStale).toBe(true);
  expect(lookup.node.metadata.filter((entry) => entry.type === '@cdktf/warn')).toEqual([]);
});

describe('throwWithoutSnapshot', () => {
  test('in a provisional build: the pending signal, naming the construct', async () => {
    const provider = new FakeProvider({ data: { alpha: 1 } });
    const seen: unknown[] = [];
    const dir = tempDir();
    await resolveLookups((app) => {
      const lookup = new FakeLookup(new TerraformStack(app, 'stack'), 'alpha', { provider, name: 'alpha' });
      if (!lookup.handle.isResolved) seen.push(thrown(() => throwWithoutSnapshot(lookup, [lookup.handle]), LookupPendingError));
    }, { cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir) });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ key: provider.key('alpha'), message: expect.stringContaining('stack/alpha has no snapshot in this provisional build') });
  });

  test('in an app built without resolveLookups(): the missing key\'s LookupUnresolved', () => {
    const provider = new FakeProvider();
    process.env.IMAGE_LOOKUPS_CACHE = path.join(tempDir(), 'empty.json');
    const lookup = new FakeLookup(new TerraformStack(new App({ outdir: tempDir() }), 'stack'), 'alpha', { provider, name: 'alpha' });
    expect(thrown(() => throwWithoutSnapshot(lookup, [lookup.handle]), LookupUnresolvedError).key).toBe(provider.key('alpha'));
  });
});

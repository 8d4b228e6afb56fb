// The README's third-party lookup (examples/readme/third-party-lookup.ts): a construct of one's own,
// built only from the package root's exports, gets the engine's discovery, batching and cache.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Annotations, TerraformStack, type App } from 'cdktf';
import { digestOf, resolveLookups, type ResolveLookupsOptions } from '../../src';
import { CatalogImage } from '../../examples/readme/third-party-lookup';
import { appIn, isolateEnv, tempDirs } from '../support/fixtures';
import { startCannedServer, type LoopbackServer } from '../support/loopback-http';

const CATALOG: Record<string, { approved: boolean }> = { 'base-2024': { approved: true }, 'legacy-2019': { approved: false } };

isolateEnv();
const tempDir = tempDirs();
let catalog: LoopbackServer;
beforeAll(async () => {
  catalog = await startCannedServer((request) => {
    const ids = new URL(request.url, 'http://catalog').searchParams.get('ids')!.split(',');
    return { body: Object.fromEntries(ids.filter((id) => id in CATALOG).map((id) => [id, CATALOG[id]])) };
  });
});
afterAll(() => catalog.stop());
beforeEach(() => { process.env.CATALOG_URL = catalog.origin; });

/** Two stacks asking for overlapping images; the first reads each answer right after creating it. */
function build(scope: App, seen: Map<string, CatalogImage>): void {
  const images = new TerraformStack(scope, 'images');
  for (const imageId of ['base-2024', 'legacy-2019']) {
    const image = new CatalogImage(images, imageId, { imageId });
    if (!image.approved) Annotations.of(image).addWarning(`${imageId} is not approved`);
    seen.set(imageId, image);
  }
  const more = new TerraformStack(scope, 'more');
  for (const imageId of ['base-2024', 'ghost-0001']) seen.set(imageId, new CatalogImage(more, imageId, { imageId }));
}

async function run(dir: string, options: ResolveLookupsOptions = {}) {
  const seen = new Map<string, CatalogImage>();
  const resolved = await resolveLookups((app) => build(app, seen), { cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir), ...options });
  resolved.app.synth();
  return { ...resolved, seen };
}

test('resolves every lookup of the app in one call, and synthesizes the answers', async () => {
  const dir = tempDir();
  const before = catalog.requests.length;
  const { stats, seen } = await run(dir);

  // Three distinct images in two stacks: deduplicated, batched into one call, two builds.
  expect(stats).toMatchObject({ lookups: 3, fetched: 3, cacheHits: 0, apiCalls: 1, rounds: 2, discoveryOnly: 0 });
  expect(catalog.requests.slice(before).map((request) => request.url)).toEqual(['/images?ids=base-2024,legacy-2019,ghost-0001']);
  expect([...seen].map(([id, image]) => [id, image.found, image.approved])).toEqual([
    ['base-2024', true, true], ['legacy-2019', true, false], ['ghost-0001', false, false],
  ]);

  const stack = JSON.parse(fs.readFileSync(path.join(dir, 'cdktf.out/stacks/more/cdk.tf.json'), 'utf8'));
  expect(Object.values(stack.resource.null_resource).map((resource: any) => resource.triggers.digest).sort())
    .toEqual([digestOf({ approved: true }), digestOf(null)].sort());
  const cache = JSON.parse(fs.readFileSync(path.join(dir, 'cache.json'), 'utf8'));
  expect(JSON.stringify(cache)).toContain('"acme:catalog:imageId=ghost-0001"');
});

test('a second run is served by the cache file: one build, no call, also offline', async () => {
  const dir = tempDir();
  await run(dir);
  const before = catalog.requests.length;
  const cacheText = fs.readFileSync(path.join(dir, 'cache.json'), 'utf8');

  for (const mode of ['auto', 'offline'] as const) {
    const { stats, seen } = await run(dir, { mode });
    expect(stats).toMatchObject({ lookups: 3, fetched: 0, cacheHits: 3, apiCalls: 0, rounds: 1, cacheWritten: false });
    expect(seen.get('base-2024')!.approved).toBe(true);
  }
  expect(catalog.requests.length).toBe(before);
  expect(fs.readFileSync(path.join(dir, 'cache.json'), 'utf8')).toBe(cacheText);
});

test('a bad ID fails in the constructor, before any call', async () => {
  const dir = tempDir();
  const before = catalog.requests.length;
  await expect(resolveLookups((app) => new CatalogImage(new TerraformStack(app, 'bad'), 'bad', { imageId: 'Not An ID' }),
    { cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir) }))
    .rejects.toMatchObject({ code: 'InvalidLookupInput', message: 'imageId: "Not An ID" is not a catalog ID' });
  expect(catalog.requests.length).toBe(before);
});

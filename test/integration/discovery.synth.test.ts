// Discovery in one build: reads of unfetched lookups get provisional answers, the build goes on, and
// every build that ended with lookups pending is thrown away. Real builds against the emulator.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Annotations, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { AliyunVodImage, type AliyunVodImageProps } from '../../src/aliyun-vod-images';
import { LookupPendingError, resolveLookups, type ResolveLookupsOptions } from '../../src/engine';
import { TencentImageShares, type TencentImageSharesProps } from '../../src/tencent-image-shares';
import { sharedEmulator } from '../support/emulator-fixture';
import { appIn, isolateEnv, readTree, tempDirs } from '../support/fixtures';
import { VOD_TEST_CREDENTIALS as VOD_CREDENTIALS } from '../aliyun-vod-images/fixtures';
import { TEST_CREDENTIALS, TEST_DATA } from '../tencent-image-shares/fixtures';

const COVER = '7c1e4a2b9d3f4e6a8b0c2d4e6f8a0b1c';
const FALLBACK = 'a3f9c8e27b6d4c1e9f0a5b3d7e2c4f60';
const UNKNOWN = '00000000000000000000000000000000';
const DATA = {
  ...TEST_DATA,
  credentials: { ...TEST_DATA.credentials, aliyun: [VOD_CREDENTIALS] },
  aliyun: {
    images: {
      [COVER]: { Title: 'Homepage hero', ImageType: 'cover', Status: 'Normal', Tags: 'cover', Mezzanine: { FileSize: 734003, Width: 1920, Height: 1080 } },
      [FALLBACK]: { Title: 'Fallback', ImageType: 'cover', Status: 'Normal', Tags: 'cover' },
    },
  },
};

isolateEnv();
const tempDir = tempDirs();
const emulator = sharedEmulator(DATA);

function cover(scope: Construct, id: string, props: Partial<AliyunVodImageProps> = {}): AliyunVodImage {
  return new AliyunVodImage(scope, id, { region: 'cn-shanghai', endpoint: emulator.current.origin, ...VOD_CREDENTIALS, imageId: COVER, ...props });
}

function shares(scope: Construct, id: string, props: Pick<TencentImageSharesProps, 'imageIds'>): TencentImageShares {
  return new TencentImageShares(scope, id, { region: 'ap-guangzhou', endpoint: emulator.current.origin, ...TEST_CREDENTIALS, ...props });
}

function resolveIn(dir: string, build: (app: Construct) => void, options: ResolveLookupsOptions = {}) {
  return resolveLookups(build, { cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir), ...options });
}

test('code that throws on a provisional answer still resolves', async () => {
  const dir = tempDir();
  const { app, stats } = await resolveIn(dir, (scope) => {
    const stack = new TerraformStack(scope, 'stack');
    const image = cover(stack, 'cover');
    // The provisional answer has no URL: this throws in the discovery build, and that build is thrown away.
    new TerraformOutput(stack, 'cover-url', { value: image.url!.url });
  });
  app.synth();
  expect(stats).toMatchObject({ rounds: 2, apiCalls: 1 });
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'cdktf.out/stacks/stack/cdk.tf.json'), 'utf8'));
  expect(json.output['cover-url'].value).toMatch(new RegExp(`^https://.*/${COVER}\\.png$`));
});

test('an error of the app\'s own, in a build with nothing pending, is thrown unchanged', async () => {
  const dir = tempDir();
  await resolveIn(dir, (scope) => { cover(new TerraformStack(scope, 'stack'), 'cover'); });
  const own = new RangeError('the app\'s own bug');
  let builds = 0;
  const failure = resolveIn(dir, (scope) => {
    builds++;
    cover(new TerraformStack(scope, 'stack'), 'cover');
    throw own;
  });
  await expect(failure).rejects.toBe(own);
  expect(builds).toBe(1);
});

test('an error that is not caused by a provisional answer reaches the user after the fetch, unchanged', async () => {
  const dir = tempDir();
  const own = new TypeError('unrelated');
  await expect(resolveIn(dir, (scope) => {
    cover(new TerraformStack(scope, 'stack'), 'cover');
    throw own;
  })).rejects.toBe(own);
});

test('a bad input in a build that got no provisional answer fails before any request', async () => {
  const dir = tempDir();
  await expect(resolveIn(dir, (scope) => {
    const stack = new TerraformStack(scope, 'stack');
    cover(stack, 'cover');
    cover(stack, 'typo', { imageId: 'not-an-id' });
  })).rejects.toMatchObject({ code: 'InvalidLookupInput', input: 'stack/typo: imageId' });
  expect(emulator.current.stats.requests).toBe(0);
  expect(fs.existsSync(path.join(dir, 'cache.json'))).toBe(false);
});

test('no provisional answer reaches the synthesized JSON, an annotation or the cache', async () => {
  const dir = tempDir();
  const { app, stats } = await resolveIn(dir, (scope) => {
    const stack = new TerraformStack(scope, 'stack');
    const image = cover(stack, 'cover');
    // A provisional answer says "not found": this branch runs only in the discovery build.
    if (!image.found) {
      Annotations.of(image).addError('PROVISIONAL: cover not found');
      cover(stack, 'fallback', { imageId: FALLBACK });
    }
    new TerraformOutput(stack, 'facts', { value: { found: image.found, status: image.status ?? 'PROVISIONAL', tags: image.tags } });
    const golden = shares(stack, 'golden', { imageIds: ['img-jgggrva9'] });
    new TerraformOutput(stack, 'quota', { value: golden.maxImgShareNum });
  });
  const stack = app.node.findChild('stack') as TerraformStack;
  const synthesized = Testing.synth(stack, true);
  app.synth();

  // The fallback was requested only on the provisional branch: fetched and cached, counted as discovery-only.
  expect(stats).toMatchObject({ rounds: 2, discoveryOnly: 1, lookups: 3 });
  expect(JSON.parse(synthesized).output).toMatchObject({
    facts: { value: { found: true, status: 'Normal', tags: ['cover'] } },
    quota: { value: 50 },
  });
  expect(stack.node.tryFindChild('fallback')).toBeUndefined();
  const everything = [synthesized, JSON.stringify(readTree(path.join(dir, 'cdktf.out'))), fs.readFileSync(path.join(dir, 'cache.json'), 'utf8'),
    JSON.stringify(stack.node.findAll().flatMap((node) => node.node.metadata))].join('\n');
  expect(everything).not.toContain('PROVISIONAL');
  const cache = JSON.parse(fs.readFileSync(path.join(dir, 'cache.json'), 'utf8'));
  expect(Object.values(cache.entries).map((entry: any) => entry.outcome)).toEqual(['found', 'found', 'found', 'found']);
});

test('a provisional build skips the lookup constructs\' Terraform children, and touching them ends that build', async () => {
  const dir = tempDir();
  const children: string[][] = [];
  const { stats } = await resolveIn(dir, (scope) => {
    const stack = new TerraformStack(scope, 'stack');
    const image = cover(stack, 'cover');
    const golden = shares(stack, 'golden', { imageIds: ['img-jgggrva9'] });
    children.push([image, golden].flatMap((construct) => construct.node.children.map((child) => child.node.path)));
    void image.snapshot.digestOutput;
  });
  expect(stats.rounds).toBe(2);
  expect(children).toEqual([[], ['stack/cover/snapshot', 'stack/golden/snapshot']]);
});

test('offline, one run lists every missing key of the app, with the provisional-branch note', async () => {
  const dir = tempDir();
  const failure = resolveIn(dir, (scope) => {
    for (const [stackId, imageId] of [['first', COVER], ['second', UNKNOWN]]) {
      const stack = new TerraformStack(scope, stackId);
      const image = cover(stack, 'cover', { imageId });
      if (!image.found) Annotations.of(image).addWarning('missing');
      shares(stack, 'golden', { imageIds: ['img-jgggrva9'] }).isSharedWith('img-jgggrva9', '1');
    }
  }, { mode: 'offline' });
  await expect(failure).rejects.toMatchObject({ code: 'LookupsMissing', keys: [
    `aliyun:vod.GetImageInfo:region=cn-shanghai:outputType=cdn:imageId=${UNKNOWN}`,
    `aliyun:vod.GetImageInfo:region=cn-shanghai:outputType=cdn:imageId=${COVER}`,
    'tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-jgggrva9',
    'tencent:GetImageShareUinInfo:region=ap-guangzhou:scope=account',
  ] });
  await expect(failure).rejects.toThrow(/provisional answers .*a branch that the real answers do not take/s);
  expect(emulator.current.stats.requests).toBe(0);
});

test('an app built without resolveLookups() never gets a provisional answer', () => {
  const dir = tempDir();
  process.env.IMAGE_LOOKUPS_CACHE = path.join(dir, 'empty.json');
  const app = Testing.app({ outdir: path.join(dir, 'out') } as never);
  const image = cover(new TerraformStack(app, 'stack'), 'cover');
  expect(() => image.found).toThrow(expect.objectContaining({ code: 'LookupUnresolved' }));
  expect(() => image.snapshot).toThrow(expect.objectContaining({ code: 'LookupUnresolved' }));
  expect(image.isResolved).toBe(false);
  expect(() => Testing.synth(image.node.scope as TerraformStack, true)).toThrow(/lookup aliyun:vod\.GetImageInfo:.* is unresolved: build the app with synthWithLookups\(\)/);
});

test('strict discovery throws the pending signal instead of a provisional answer', async () => {
  const dir = tempDir();
  const seen: unknown[] = [];
  await resolveIn(dir, (scope) => {
    const image = cover(new TerraformStack(scope, 'stack'), 'cover');
    try {
      seen.push(image.found);
    } catch (error) {
      seen.push(error);
      throw error;
    }
  }, { discovery: 'strict' });
  expect(seen).toEqual([expect.any(LookupPendingError), true]);
});

test('a first build sure to be thrown away records no stack traces; the final build does', async () => {
  const dir = tempDir();
  const traces: boolean[] = [];
  const { stats } = await resolveIn(dir, (scope) => {
    const image = cover(new TerraformStack(scope, 'stack'), 'cover');
    Annotations.of(image).addInfo(`found: ${image.found}`);
    traces.push(image.node.metadata.some((entry) => entry.trace !== undefined && entry.trace.length > 0));
  });
  expect(stats.rounds).toBe(2);
  expect(traces).toEqual([false, true]);
});

test('an app with nothing to look up, on an empty cache, is built again with stack traces', async () => {
  const dir = tempDir();
  const traces: boolean[] = [];
  const { stats } = await resolveIn(dir, (scope) => {
    const stack = new TerraformStack(scope, 'stack');
    Annotations.of(stack).addInfo('no lookups here');
    traces.push(stack.node.metadata.some((entry) => entry.trace !== undefined && entry.trace.length > 0));
  });
  expect(traces).toEqual([false, true]);
  expect(stats).toMatchObject({ rounds: 2, apiCalls: 0 });
});

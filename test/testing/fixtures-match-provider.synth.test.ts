// The fixtures must be what the real providers store for the same answer: each app here is built
// twice from one definition, once through the engine against the emulator (real clients, real
// providers, a cache file) and once on LookupTesting.app() with the equivalent fixtures, and both
// must give the same cache values, getters, policy subjects and Terraform JSON.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TerraformStack, Testing, type App } from 'cdktf';
import { AliyunVodImage } from '../../src/aliyun-vod-images';
import { resolveLookups } from '../../src/engine';
import { evaluateAppPolicies } from '../../src/policy/app-evaluation';
import { TencentImageShares } from '../../src/tencent-image-shares';
import { LookupTesting, tencentSharesFixture, vodImageFixture, type LookupFixture } from '../../src/testing';
import { VOD_TEST_CREDENTIALS } from '../aliyun-vod-images/fixtures';
import { sharedEmulator } from '../support/emulator-fixture';
import { appIn, isolateEnv, tempDirs } from '../support/fixtures';
import { TEST_CREDENTIALS } from '../tencent-image-shares/fixtures';

const COVER = '7c1e4a2b9d3f4e6a8b0c2d4e6f8a0b1c';
const BARE = 'e8b4d1c7a2f94e3b6c5d0a9f8e7b2c14';
const UNKNOWN = '00000000000000000000000000000000';
const STORAGE = 'outin-test.oss-cn-shanghai.aliyuncs.com';

const DATA = {
  credentials: { tencent: [TEST_CREDENTIALS], aliyun: [VOD_TEST_CREDENTIALS] },
  tencent: {
    maxImgShareNum: 20,
    regions: {
      'ap-guangzhou': {
        'img-jgggrva9': [{ uin: '1621874004', shareTimeStamp: '2016-01-13 15:16:53' }, { uin: '877354327', shareTimeStamp: '2016-01-18 13:14:17' }],
        'img-2xk9q7dm': [],
      },
    },
  },
  aliyun: {
    images: {
      [COVER]: {
        Title: 'Homepage hero', Description: 'Main cover', ImageType: 'cover', Status: 'Normal', Tags: 'cover, homepage',
        CateId: 1000352871, CateName: 'Homepage covers', AppId: 'app-1000000', StorageLocation: STORAGE,
        CreationTime: '2025-06-03T01:42:17Z', Mezzanine: { FileSize: '734003', Width: 1920, Height: 1080, OriginalFileName: 'hero.png' },
      },
      [BARE]: { StorageLocation: STORAGE },
    },
  },
};

isolateEnv();
const tempDir = tempDirs();
// The real clock: without keepSignedUrls, nothing the providers store depends on the time of the fetch.
const emulator = sharedEmulator(DATA);

/** The same answers, written as fixtures: share times in UTC for one image, as the API's text for the other. */
const FIXTURES: readonly LookupFixture[] = [
  tencentSharesFixture({ region: 'ap-guangzhou', maxImgShareNum: 20, images: {
    'img-jgggrva9': [{ uin: '1621874004', sharedAt: '2016-01-13T07:16:53Z' }, { uin: '877354327', shareTimeStamp: '2016-01-18 13:14:17' }],
    'img-2xk9q7dm': [],
    'img-unknown1': null,
  } }),
  vodImageFixture({ region: 'cn-shanghai', imageId: COVER, info: {
    title: 'Homepage hero', description: 'Main cover', imageType: 'cover', status: 'Normal', tags: ['cover', 'homepage'],
    categoryId: 1000352871, categoryName: 'Homepage covers', appId: 'app-1000000', storageLocation: STORAGE, creationTime: '2025-06-03T01:42:17Z',
    // The emulator signs its URLs; only the stable parts are kept, with no expiry.
    url: { url: `https://cdn.example-vod.com/image/default/${COVER}.png`, signatureRemoved: true },
    mezzanine: {
      sizeBytes: 734003, width: 1920, height: 1080, originalFileName: { url: 'hero.png', signatureRemoved: false },
      fileUrl: { url: `https://${STORAGE}/image/default/${COVER}.png`, signatureRemoved: true },
    },
  } }),
  // An image with none of the optional fields: every default given as undefined.
  vodImageFixture({ region: 'cn-shanghai', imageId: BARE, info: {
    title: undefined, imageType: undefined, status: undefined, creationTime: undefined, storageLocation: STORAGE,
    url: { url: `https://cdn.example-vod.com/image/default/${BARE}.png`, signatureRemoved: true },
    mezzanine: { fileUrl: { url: `https://${STORAGE}/image/default/${BARE}.png`, signatureRemoved: true } },
  } }),
  vodImageFixture({ region: 'cn-shanghai', imageId: UNKNOWN, info: null }),
];

/** One stack of every construct; `endpoint` is the emulator's, which the fixture app never calls. */
function define(app: App) {
  const stack = new TerraformStack(app, 'golden');
  const endpoint = emulator.current.origin;
  const shares = new TencentImageShares(stack, 'shares', { region: 'ap-guangzhou', endpoint, ...TEST_CREDENTIALS, imageIds: ['img-jgggrva9', 'img-2xk9q7dm', 'img-unknown1'] });
  const images = [COVER, BARE, UNKNOWN].map((imageId, index) => new AliyunVodImage(stack, `image${index}`, { region: 'cn-shanghai', endpoint, ...VOD_TEST_CREDENTIALS, imageId }));
  return { stack, shares, images };
}

/** What stack code and policies read from the constructs. */
function observed(built: ReturnType<typeof define>) {
  const { stack, shares, images } = built;
  return {
    shares: { allImages: shares.allImages, maxImgShareNum: shares.maxImgShareNum, imageNum: shares.imageNum, digest: shares.digest },
    images: images.map((image) => ({ found: image.found, info: image.info, tags: image.tags, sizeBytes: image.sizeBytes, url: image.url, digest: image.digest })),
    subjects: evaluateAppPolicies(stack, { force: true })!.lookups.map(({ subject }) => subject),
    terraform: JSON.parse(Testing.synth(stack)) as unknown,
  };
}

test('the fixtures hold the values the providers cache for the same answers, and constructs read them alike', async () => {
  const dir = tempDir();
  const cacheFile = path.join(dir, 'cache.json');
  let fromEmulator!: ReturnType<typeof define>;
  await resolveLookups((app) => { fromEmulator = define(app); }, { cacheFile, createApp: appIn(dir) });
  expect(emulator.current.stats.byAction).toEqual({ GetImageShareUinInfo: 1, GetImageInfos: 1 });
  const cached = JSON.parse(fs.readFileSync(cacheFile, 'utf8')).entries as Record<string, { outcome: string; value?: unknown; provider: string }>;

  const fixtureEntries = Object.assign({}, ...FIXTURES.map((fixture) => fixture.entries)) as LookupFixture['entries'];
  expect(Object.keys(fixtureEntries).sort()).toEqual(Object.keys(cached).sort());
  for (const [key, entry] of Object.entries(fixtureEntries)) {
    // Compared as the cache file holds them (JSON: undefined fields absent).
    expect({ key, ...JSON.parse(JSON.stringify({ provider: entry.provider, outcome: entry.outcome, value: entry.value })) })
      .toEqual({ key, provider: cached[key].provider, outcome: cached[key].outcome, ...(cached[key].value === undefined ? {} : { value: cached[key].value }) });
  }

  emulator.current.resetStats();
  const app = LookupTesting.app({ fixtures: FIXTURES });
  try {
    const fromFixtures = define(app);
    expect(observed(fromFixtures)).toEqual(observed(fromEmulator));
    expect(emulator.current.stats.requests).toBe(0);
  } finally {
    fs.rmSync(app.outdir, { recursive: true, force: true });
  }
});

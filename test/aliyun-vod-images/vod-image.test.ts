import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataResource, TerraformStack, Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { AliyunVodImage, type AliyunVodImageProps } from '../../src/aliyun-vod-images';
import { resolveLookups, type ResolveLookupsOptions } from '../../src/engine';
import { Emulator } from '../../src/emulator';
import { appIn, isolateEnv, tempDirs, testingApps } from '../support/fixtures';

const CREDENTIALS = { accessKeyId: 'LTAItestExample000001', accessKeySecret: 'testAccessKeySecret01' };
const COVER = '7c1e4a2b9d3f4e6a8b0c2d4e6f8a0b1c';
const UPLOADING = 'e8b4d1c7a2f94e3b6c5d0a9f8e7b2c14';
const UNKNOWN = '00000000000000000000000000000000';
/** 25 more images, so that one app needs two GetImageInfos calls. */
const MANY = Array.from({ length: 25 }, (_, index) => index.toString(16).padStart(32, 'a'));

const DATA = {
  credentials: { aliyun: [CREDENTIALS] },
  aliyun: {
    images: {
      [COVER]: {
        Title: 'Homepage hero', Description: 'Main cover', ImageType: 'cover', Status: 'Normal', Tags: 'cover, homepage',
        CateId: 1000352871, CateName: 'Homepage covers', AppId: 'app-1000000', StorageLocation: 'outin-test.oss-cn-shanghai.aliyuncs.com',
        CreationTime: '2025-06-03T01:42:17Z', Mezzanine: { FileSize: '734003', Width: 1920, Height: 1080, OriginalFileName: 'hero.png' },
      },
      [UPLOADING]: { Title: 'Teaser', ImageType: 'cover', Status: 'Uploading', Tags: 'cover' },
      ...Object.fromEntries(MANY.map((imageId) => [imageId, { Title: imageId, ImageType: 'cover', Status: 'Normal' }])),
    },
  },
};

isolateEnv();
const tempDir = tempDirs();
const testingApp = testingApps();
let emulator: Emulator;
beforeAll(async () => { emulator = await Emulator.start({ data: DATA }); });
afterAll(() => emulator.stop());
beforeEach(() => emulator.resetStats());

function image(scope: Construct, id: string, props: Partial<AliyunVodImageProps> & Pick<AliyunVodImageProps, 'imageId'>): AliyunVodImage {
  return new AliyunVodImage(scope, id, { region: 'cn-shanghai', endpoint: emulator.origin, ...CREDENTIALS, ...props });
}

async function build(dir: string, define: (stack: TerraformStack) => void, options: ResolveLookupsOptions = {}) {
  const { app, stats } = await resolveLookups((scope) => define(new TerraformStack(scope, 'stack')), {
    cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir), ...options,
  });
  const stack = app.node.findChild('stack') as TerraformStack;
  return { stack, stats, json: JSON.parse(Testing.synth(stack, true)) as Record<string, any>, cache: () => fs.readFileSync(path.join(dir, 'cache.json'), 'utf8') };
}

describe('typed getters at synth time', () => {
  test('every field of the image, normalized', async () => {
    let cover!: AliyunVodImage;
    await build(tempDir(), (stack) => { cover = image(stack, 'cover', { imageId: COVER }); });

    expect({
      found: cover.found, title: cover.title, description: cover.description, status: cover.status, imageType: cover.imageType,
      tags: cover.tags, sizeBytes: cover.sizeBytes, width: cover.width, height: cover.height, creationTime: cover.creationTime,
      storageLocation: cover.storageLocation, appId: cover.appId, categoryId: cover.categoryId, category: cover.category,
    }).toEqual({
      found: true, title: 'Homepage hero', description: 'Main cover', status: 'Normal', imageType: 'cover',
      tags: ['cover', 'homepage'], sizeBytes: 734003, width: 1920, height: 1080, creationTime: '2025-06-03T01:42:17Z',
      storageLocation: 'outin-test.oss-cn-shanghai.aliyuncs.com', appId: 'app-1000000', categoryId: 1000352871, category: 'Homepage covers',
    });
    expect(cover.url).toMatchObject({ url: `https://cdn.example-vod.com/image/default/${COVER}.png`, signatureRemoved: true, expiresAt: expect.stringMatching(/Z$/) });
  });

  test('an unknown image is not found: getters are undefined and tags empty', async () => {
    let missing!: AliyunVodImage;
    const { cache } = await build(tempDir(), (stack) => { missing = image(stack, 'missing', { imageId: UNKNOWN }); });
    expect([missing.found, missing.title, missing.status, missing.tags]).toEqual([false, undefined, undefined, []]);
    expect(JSON.parse(cache()).entries[`aliyun:vod.GetImageInfo:region=cn-shanghai:outputType=cdn:imageId=${UNKNOWN}`]).toMatchObject({ outcome: 'notFound' });
  });
});

describe('the engine batches images across constructs and stacks', () => {
  test('27 images, some requested twice, in two stacks: ceil(27/20) = 2 GetImageInfos calls; a second synth makes none', async () => {
    const dir = tempDir();
    const define = (app: Construct) => {
      const first = new TerraformStack(app, 'first');
      MANY.forEach((imageId, index) => image(first, `image${index}`, { imageId }));
      const second = new TerraformStack(app, 'second');
      [COVER, UPLOADING, MANY[0], MANY[1]].forEach((imageId, index) => image(second, `image${index}`, { imageId }));
    };
    const options = { cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir) };

    const cold = await resolveLookups(define, options);
    expect(emulator.stats.byAction).toEqual({ GetImageInfos: 2 });
    expect(cold.stats).toMatchObject({ lookups: 27, fetched: 27, apiCalls: 2 });

    emulator.resetStats();
    const warm = await resolveLookups(define, options);
    expect(emulator.stats.requests).toBe(0);
    expect(warm.stats).toMatchObject({ lookups: 27, cacheHits: 27, rounds: 1 });
  });

  test('offline mode makes no call and names the missing VOD keys', async () => {
    await expect(build(tempDir(), (stack) => { image(stack, 'cover', { imageId: COVER }); }, { mode: 'offline' }))
      .rejects.toThrow(`aliyun:vod.GetImageInfo:region=cn-shanghai:outputType=cdn:imageId=${COVER}`);
    expect(emulator.stats.requests).toBe(0);
  });

  test('outputType, authTimeout and kept signed URLs are separate lookups with their own keys', async () => {
    const { cache } = await build(tempDir(), (stack) => {
      image(stack, 'cdn', { imageId: COVER });
      image(stack, 'oss', { imageId: COVER, outputType: 'oss', authTimeout: 600 });
      image(stack, 'kept', { imageId: COVER, keepSignedUrls: true });
    });
    expect(Object.keys(JSON.parse(cache()).entries)).toEqual([
      `aliyun:vod.GetImageInfo:region=cn-shanghai:outputType=cdn:imageId=${COVER}`,
      `aliyun:vod.GetImageInfo:region=cn-shanghai:outputType=cdn:signedUrls=kept:imageId=${COVER}`,
      `aliyun:vod.GetImageInfo:region=cn-shanghai:outputType=oss:authTimeout=600:imageId=${COVER}`,
    ]);
    expect(emulator.stats.byAction).toEqual({ GetImageInfos: 3 });
  });
});

describe('signed URLs', () => {
  test('by default, no signature reaches the cache file or the Terraform JSON', async () => {
    const { json, cache } = await build(tempDir(), (stack) => { image(stack, 'cover', { imageId: COVER, infoOutput: true }); });
    for (const text of [cache(), JSON.stringify(json)]) {
      expect(text).not.toMatch(/auth_key=|Signature=|Expires=|OSSAccessKeyId/);
      expect(text).not.toContain(CREDENTIALS.accessKeySecret);
    }
    expect(cache()).toContain(`"url": "https://cdn.example-vod.com/image/default/${COVER}.png"`);
  });

  test('keepSignedUrls keeps them whole', async () => {
    let cover!: AliyunVodImage;
    const { cache } = await build(tempDir(), (stack) => { cover = image(stack, 'cover', { imageId: COVER, keepSignedUrls: true }); });
    expect(cover.url).toMatchObject({ url: expect.stringContaining('auth_key='), signatureRemoved: false });
    expect(cache()).toContain('auth_key=');
  });
});

describe('synthesized Terraform JSON', () => {
  test('a snapshot with the digest, and an opt-in info output without URLs', async () => {
    let cover!: AliyunVodImage;
    const { json } = await build(tempDir(), (stack) => { cover = image(stack, 'cover', { imageId: COVER, snapshot: 'terraform_data', infoOutput: true }); });
    expect(JSON.stringify(json)).toContain(cover.digest);
    expect(Object.values(json.resource[DataResource.tfResourceType])).toEqual([expect.objectContaining({ triggers_replace: { digest: cover.digest } })]);
    expect(Object.values(json.output)).toContainEqual(expect.objectContaining({
      value: { found: true, status: 'Normal', image_type: 'cover', tags: ['cover', 'homepage'], size_bytes: 734003, width: 1920, height: 1080 },
    }));
  });

  test('the digest ignores URL expiry times, which change on every fetch', async () => {
    const fetched: AliyunVodImage[] = [];
    // Two fetches whose answers differ only in when the signed URLs expire (5 minutes apart, inside VOD's 15-minute clock window).
    for (const skewMs of [0, 5 * 60_000]) {
      const later = await Emulator.start({ data: DATA, now: () => Date.now() + skewMs });
      let cover!: AliyunVodImage; // the final round's construct
      try {
        await build(tempDir(), (stack) => {
          cover = new AliyunVodImage(stack, 'cover', { region: 'cn-shanghai', endpoint: later.origin, ...CREDENTIALS, imageId: COVER });
        });
        fetched.push(cover);
      } finally {
        await later.stop();
      }
    }
    const [first, second] = fetched;
    expect(first.url?.expiresAt).not.toBe(second.url?.expiresAt);
    expect(first.digest).toBe(second.digest);
  });
});

describe('bad inputs fail in the constructor, before any request', () => {
  test.each([
    ['a malformed image ID', { imageId: 'ABC' }, /stack\/image: imageId: "ABC" is not a VOD image ID: expected 32 lowercase hexadecimal digits/],
    ['no region', { imageId: COVER, region: undefined }, /region: no region: set the region prop or ALICLOUD_REGION/],
    ['an unknown region without an endpoint', { imageId: COVER, region: 'xx-nowhere-1', endpoint: undefined }, /no known VOD endpoint for xx-nowhere-1; known regions: cn-beijing, cn-shanghai/],
    ['authTimeout 0', { imageId: COVER, authTimeout: 0 }, /authTimeout: 0 is not an integer number of seconds/],
    ['authTimeout over 30 days with oss', { imageId: COVER, outputType: 'oss' as const, authTimeout: 2_592_001 }, /authTimeout: 2592001 is more than 2592000 seconds/],
    ['an unknown outputType', { imageId: COVER, outputType: 'CDN' as never }, /outputType: "CDN" is not cdn or oss/],
  ])('%s', (_, props, message) => {
    const stack = new TerraformStack(testingApp(), 'stack');
    expect(() => image(stack, 'image', props)).toThrow(message);
    expect(emulator.stats.requests).toBe(0);
  });

  test('missing credentials are reported only when a fetch is needed, naming both env var families', async () => {
    await expect(build(tempDir(), (stack) => { new AliyunVodImage(stack, 'cover', { region: 'cn-shanghai', endpoint: emulator.origin, imageId: COVER }); }))
      .rejects.toThrow(/ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY \(or ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET/);
    expect(emulator.stats.requests).toBe(0);
  });
});

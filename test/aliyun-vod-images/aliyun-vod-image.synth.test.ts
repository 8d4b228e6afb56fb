import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataResource, TerraformStack, Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { AliyunVodImage, type AliyunVodImageProps } from '../../src/aliyun-vod-images';
import { resolveLookups, type ResolveLookupsOptions } from '../../src/engine';
import { LookupInputError } from '../../src/engine/errors';
import { Emulator } from '../../src/emulator';
import { expectInputRefused, rejection, thrown } from '../support/expect-errors';
import { sharedEmulator } from '../support/emulator-fixture';
import { appIn, isolateEnv, tempDirs, testingApps } from '../support/fixtures';
import { VOD_TEST_CREDENTIALS as CREDENTIALS } from './fixtures';

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
const emulator = sharedEmulator(DATA);

function image(scope: Construct, id: string, props: Partial<AliyunVodImageProps> & Pick<AliyunVodImageProps, 'imageId'>): AliyunVodImage {
  return new AliyunVodImage(scope, id, { region: 'cn-shanghai', endpoint: emulator.current.origin, ...CREDENTIALS, ...props });
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
    expect(cover.url).toStrictEqual({ url: `https://cdn.example-vod.com/image/default/${COVER}.png`, signatureRemoved: true });
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
    expect(emulator.current.stats.byAction).toEqual({ GetImageInfos: 2 });
    expect(cold.stats).toMatchObject({ lookups: 27, fetched: 27, apiCalls: 2 });

    emulator.current.resetStats();
    const warm = await resolveLookups(define, options);
    expect(emulator.current.stats.requests).toBe(0);
    expect(warm.stats).toMatchObject({ lookups: 27, cacheHits: 27, rounds: 1 });
  });

  test('offline mode makes no call and names the missing VOD keys', async () => {
    await expect(build(tempDir(), (stack) => { image(stack, 'cover', { imageId: COVER }); }, { mode: 'offline' }))
      .rejects.toThrow(`aliyun:vod.GetImageInfo:region=cn-shanghai:outputType=cdn:imageId=${COVER}`);
    expect(emulator.current.stats.requests).toBe(0);
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
    expect(emulator.current.stats.byAction).toEqual({ GetImageInfos: 3 });
  });
});

describe('signed URLs', () => {
  test('by default, no signature reaches the cache file or the Terraform JSON', async () => {
    const { json, cache } = await build(tempDir(), (stack) => { image(stack, 'cover', { imageId: COVER, infoOutput: true }); });
    for (const text of [cache(), JSON.stringify(json)]) {
      expect(text).not.toMatch(/auth_key=|Signature=|Expires=|OSSAccessKeyId|expiresAt/);
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
    expect(Object.values(json.resource[DataResource.tfResourceType])).toEqual([expect.objectContaining({ triggers_replace: { digest: cover.digest, [COVER]: cover.digest.slice(7, 15) } })]);
    expect(Object.values(json.output)).toContainEqual(expect.objectContaining({
      value: { found: true, status: 'Normal', image_type: 'cover', tags: ['cover', 'homepage'], size_bytes: 734003, width: 1920, height: 1080 },
    }));
  });

  /**
  Two fetches of the unchanged image whose answers differ only in their signed URLs (5 minutes apart,
  inside VOD's 15-minute clock window), with and without keepSignedUrls.
  */
  async function fetchTwice(keepSignedUrls: boolean): Promise<Array<{ cover: AliyunVodImage; cache: string; terraform: string }>> {
    const fetched = [];
    for (const skewMs of [0, 5 * 60_000]) {
      const later = await Emulator.start({ data: DATA, now: () => Date.now() + skewMs });
      let cover!: AliyunVodImage; // the final round's construct
      try {
        const { cache, json } = await build(tempDir(), (stack) => {
          cover = new AliyunVodImage(stack, 'cover', { region: 'cn-shanghai', endpoint: later.origin, ...CREDENTIALS, imageId: COVER, keepSignedUrls });
        });
        const { entries } = JSON.parse(cache()) as { entries: Record<string, { value: unknown }> };
        fetched.push({ cover, cache: JSON.stringify(Object.values(entries).map((entry) => entry.value)), terraform: JSON.stringify(json) });
      } finally {
        await later.stop();
      }
    }
    return fetched;
  }

  test('by default nothing changes from one fetch of an unchanged image to the next: value, cache, digest, Terraform JSON', async () => {
    const [first, second] = await fetchTwice(false);
    expect(first.cover.found).toBe(true);
    expect(second.cover.info).toStrictEqual(first.cover.info);
    expect(second.cache).toBe(first.cache);
    expect(first.cache).not.toContain('expiresAt');
    expect(second.cover.digest).toBe(first.cover.digest);
    expect(second.terraform).toBe(first.terraform);
  });

  test('with keepSignedUrls the URLs change on every fetch, but the digest covers only their stable part: equal, and equal to the default one', async () => {
    const [first, second] = await fetchTwice(true);
    expect(first.cover.url?.url).toContain('auth_key=');
    expect(second.cover.url?.url).not.toBe(first.cover.url?.url);
    expect(second.cover.url?.expiresAt).not.toBe(first.cover.url?.expiresAt);
    expect(second.cover.mezzanine?.fileUrl?.url).not.toBe(first.cover.mezzanine?.fileUrl?.url);
    expect(second.cache).not.toBe(first.cache);
    expect(second.cover.digest).toBe(first.cover.digest);
    expect(second.terraform).toBe(first.terraform);

    const [unsigned] = await fetchTwice(false);
    expect(first.cover.digest).toBe(unsigned.cover.digest);
  });

  test('the digest still changes when the image does', async () => {
    const digests = [];
    for (const status of ['Normal', 'Blocked']) {
      const changed = await Emulator.start({ data: { ...DATA, aliyun: { images: { [COVER]: { ...DATA.aliyun.images[COVER], Status: status } } } } });
      try {
        let cover!: AliyunVodImage;
        await build(tempDir(), (stack) => {
          cover = new AliyunVodImage(stack, 'cover', { region: 'cn-shanghai', endpoint: changed.origin, ...CREDENTIALS, imageId: COVER, keepSignedUrls: true });
        });
        digests.push(cover.digest);
      } finally {
        await changed.stop();
      }
    }
    expect(digests[1]).not.toBe(digests[0]);
  });
});

describe('bad inputs fail in the constructor, before any request', () => {
  test.each<[string, Record<string, unknown>, string, RegExp]>([
    ['a malformed image ID', { imageId: 'ABC' }, 'stack/image: imageId', /stack\/image: imageId: "ABC" is not a VOD image ID: expected 32 lowercase hexadecimal digits/],
    ['no region', { region: undefined }, 'region', /region: no region: set the region prop or ALICLOUD_REGION/],
    ['an unknown region without an endpoint', { region: 'xx-nowhere-1', endpoint: undefined }, 'region', /"xx-nowhere-1" is not a VOD region this library knows\. Known: cn-beijing, cn-shanghai.*allowUnknownRegion: true/],
    ['an unknown region with the endpoint prop', { region: 'xx-nowhere-1' }, 'region', /"xx-nowhere-1" is not a VOD region this library knows/],
    ['allowUnknownRegion not a boolean', { region: 'xx-nowhere-1', allowUnknownRegion: 1 }, 'allowUnknownRegion', /allowUnknownRegion: 1 is not true or false/],
    ['a vendor endpoint of another region', { endpoint: 'https://vod.cn-beijing.aliyuncs.com' }, 'endpoint', /https:\/\/vod.cn-beijing.aliyuncs.com is the VOD endpoint of cn-beijing, not of cn-shanghai/],
    ['a VPC endpoint of another region', { endpoint: 'https://vod-vpc.cn-shenzhen.aliyuncs.com' }, 'endpoint', /is the VOD endpoint of cn-shenzhen, not of cn-shanghai/],
    ['authTimeout 0', { authTimeout: 0 }, 'authTimeout', /authTimeout: 0 is not an integer number of seconds/],
    ['authTimeout a fraction', { authTimeout: 1.5 }, 'authTimeout', /authTimeout: 1.5 is not an integer number of seconds/],
    ['authTimeout NaN', { authTimeout: Number.NaN }, 'authTimeout', /authTimeout: NaN is not an integer number of seconds/],
    ['authTimeout a string', { authTimeout: '600' }, 'authTimeout', /authTimeout: "600" is not an integer number of seconds/],
    ['authTimeout over 30 days with oss', { outputType: 'oss', authTimeout: 2_592_001 }, 'authTimeout', /authTimeout: 2592001 is more than 2592000 seconds/],
    ['authTimeout beyond exact numbers with cdn', { authTimeout: 1e21 }, 'authTimeout', /authTimeout: 1e\+21 is more than 9007199254740991 seconds, the most that can be sent exactly/],
    ['authTimeout negative with cdn', { outputType: 'cdn', authTimeout: -5 }, 'authTimeout', /authTimeout: -5 is not an integer number of seconds ≥ 1/],
    ['an unknown outputType', { outputType: 'CDN' }, 'outputType', /outputType: "CDN" is not cdn or oss/],
    ['keepSignedUrls not a boolean', { keepSignedUrls: 'yes' }, 'stack/image: keepSignedUrls', /keepSignedUrls: "yes" is not true or false/],
    ['keepSignedUrls a number', { keepSignedUrls: 1 }, 'stack/image: keepSignedUrls', /keepSignedUrls: 1 is not true or false/],
    ['an unknown snapshot', { snapshot: 'terraform-data' }, 'stack/image: snapshot', /snapshot: "terraform-data" is not null_resource, terraform_data or none/],
    ['infoOutput not a boolean', { infoOutput: 'true' }, 'stack/image: infoOutput', /infoOutput: "true" is not true or false/],
    ['sensitiveOutputs not a boolean', { sensitiveOutputs: null }, 'stack/image: sensitiveOutputs', /sensitiveOutputs: null is not true or false/],
    ['an empty accessKeyId', { accessKeyId: '' }, 'accessKeyId', /accessKeyId: is empty; give the credential, or leave the prop out to use ALICLOUD_ACCESS_KEY/],
    ['a blank accessKeySecret', { accessKeySecret: ' ' }, 'accessKeySecret', /accessKeySecret: is empty; .*ALICLOUD_SECRET_KEY/],
    ['an empty securityToken', { securityToken: '' }, 'securityToken', /securityToken: is empty; .*ALICLOUD_SECURITY_TOKEN/],
  ])('%s: an InvalidLookupInput naming it, thrown before any call even with another lookup pending', async (_, props, input, message) => {
    const define = (scope: Construct) => {
      const stack = new TerraformStack(scope, 'stack');
      image(stack, 'valid', { imageId: COVER }); // pending when the bad one throws
      image(stack, 'image', { imageId: UPLOADING, ...props } as AliyunVodImageProps);
    };

    await expectInputRefused(define, { input, message }, { app: testingApp(), dir: tempDir(), requests: () => emulator.current.stats.requests });
  });

  test('a region typo is refused even with ALICLOUD_VOD_ENDPOINT set: it would be cached under that region', async () => {
    process.env.ALICLOUD_VOD_ENDPOINT = emulator.current.origin;
    const error = await rejection(build(tempDir(), (stack) => {
      new AliyunVodImage(stack, 'cover', { region: 'cn-shanghia', ...CREDENTIALS, imageId: COVER });
    }), LookupInputError);
    expect(error.input).toBe('region');
    expect(error.message).toMatch(/"cn-shanghia" is not a VOD region this library knows \(did you mean cn-shanghai\?\)\. Known: cn-beijing, cn-shanghai.*allowUnknownRegion: true/);
    expect(emulator.current.stats.requests).toBe(0);
  });

  test('with ALICLOUD_VOD_ENDPOINT set, a listed region works; a region outside the list needs allowUnknownRegion', async () => {
    process.env.ALICLOUD_VOD_ENDPOINT = emulator.current.origin;
    let fromEnv!: AliyunVodImage;
    let unlisted!: AliyunVodImage;
    const { cache } = await build(tempDir(), (stack) => {
      fromEnv = new AliyunVodImage(stack, 'listed', { region: 'cn-shanghai', ...CREDENTIALS, imageId: COVER });
      unlisted = new AliyunVodImage(stack, 'unlisted', { region: 'me-east-1', allowUnknownRegion: true, ...CREDENTIALS, imageId: COVER });
    });
    expect([fromEnv.found, unlisted.found]).toEqual([true, true]);
    expect(Object.keys(JSON.parse(cache()).entries)).toContain(`aliyun:vod.GetImageInfo:region=me-east-1:outputType=cdn:imageId=${COVER}`);
  });

  test("a vendor endpoint that is the region's own is accepted", () => {
    const stack = new TerraformStack(testingApp(), 'stack');
    expect(image(stack, 'vpc', { imageId: COVER, endpoint: 'https://vod-vpc.cn-shanghai.aliyuncs.com' }).region).toBe('cn-shanghai');
    expect(image(stack, 'public', { imageId: COVER, region: 'eu-central-1', endpoint: 'https://vod.eu-central-1.aliyuncs.com' }).region).toBe('eu-central-1');
  });

  test('authTimeout: the largest exact integer is accepted for cdn, 2592000 for oss', () => {
    const stack = new TerraformStack(testingApp(), 'stack');
    expect(() => image(stack, 'cdn', { imageId: COVER, authTimeout: Number.MAX_SAFE_INTEGER })).not.toThrow();
    expect(() => image(stack, 'oss', { imageId: COVER, outputType: 'oss', authTimeout: 2_592_000 })).not.toThrow();
  });

  test('missing credentials are reported only when a fetch is needed, naming both env var families', async () => {
    await expect(build(tempDir(), (stack) => { new AliyunVodImage(stack, 'cover', { region: 'cn-shanghai', endpoint: emulator.current.origin, imageId: COVER }); }))
      .rejects.toThrow(/ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY \(or ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET/);
    expect(emulator.current.stats.requests).toBe(0);
  });

  test('an empty credential env var counts as unset: the next family is used', async () => {
    process.env.ALICLOUD_ACCESS_KEY = '';
    process.env.ALICLOUD_SECRET_KEY = '';
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = CREDENTIALS.accessKeyId;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = CREDENTIALS.accessKeySecret;
    let cover!: AliyunVodImage;
    await build(tempDir(), (stack) => { cover = new AliyunVodImage(stack, 'cover', { region: 'cn-shanghai', endpoint: emulator.current.origin, imageId: COVER }); });
    expect(cover.found).toBe(true);
    expect(emulator.current.stats.requests).toBe(1);
  });

  test('no secret given as a prop is repeated in an error', () => {
    const error = thrown(() => image(new TerraformStack(testingApp(), 'stack'), 'image', {
      imageId: COVER, accessKeyId: 'LTAIsecretKeyIdValue01', accessKeySecret: '',
    }), LookupInputError);
    expect(error.message).not.toContain('LTAIsecretKeyIdValue01');
  });
});

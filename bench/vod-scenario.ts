// Alibaba Cloud VOD GetImageInfo(s): one AliyunVodImage per image ID, batched by the engine.
import { NullProvider } from '@cdktf/provider-null/lib/provider';
import { Resource as NullResource } from '@cdktf/provider-null/lib/resource';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AliyunVodImage, MAX_VOD_IMAGE_IDS_PER_CALL } from '../src/aliyun-vod-images';
import type { VodEmulatorImage } from '../src/emulator';
import { digestOf } from '../src/snapshot';
import { deterministicIds, slices, withNextTenth, type Scenario, type Workload } from './scenario';

const REGION = 'cn-shanghai';
const STACKS = 2;
const CREDENTIAL = { accessKeyId: 'LTAIbenchmark0000001', accessKeySecret: 'benchmarkAccessKeySecret01' };
const STORAGE_LOCATION = 'outin-0000000000000000000000000000bench.oss-cn-shanghai.aliyuncs.com';
/**
The stable part of the emulator's signed CDN URLs (the default OutputType): its CDN host is private
to the emulator route, so it is repeated here; the "same JSON" column shows if it changes.
*/
const CDN_ORIGIN = 'https://cdn.example-vod.com';

/** Image IDs per stack, one AliyunVodImage each. */
type Plan = readonly (readonly string[])[];
/** The emulator's record of each image, by ID. */
type Images = ReadonlyMap<string, VodEmulatorImage>;

/** `count` distinct, valid IDs: 32 lowercase hexadecimal digits. */
function generateImageIds(count: number): string[] {
  return deterministicIds(count, 'bench-vod-image', (digest) => digest.toString('hex').slice(0, 32));
}

/** Every field the emulator serves, varied deterministically (FileSize as a string or a number, tags with spaces). */
function generateImages(imageIds: readonly string[]): Images {
  const two = (n: number) => String(n).padStart(2, '0');
  return new Map(imageIds.map((imageId, i): [string, VodEmulatorImage] => [imageId, {
    Title: `Bench cover ${i}`,
    ...(i % 4 === 0 ? { Description: `Cover number ${i}` } : {}),
    ImageType: ['cover', 'default', 'CoverSnapshot'][i % 3],
    Status: i % 5 === 4 ? 'Uploading' : 'Normal',
    Tags: `cover, batch-${i % 7}`,
    CateId: 1000000000 + (i % 5),
    CateName: `Category ${i % 5}`,
    AppId: 'app-1000000',
    StorageLocation: STORAGE_LOCATION,
    CreationTime: `2025-${two(1 + (i % 12))}-${two(1 + (i % 28))}T${two(i % 24)}:${two(i % 60)}:${two((i * 7) % 60)}Z`,
    Mezzanine: {
      FileSize: i % 2 === 0 ? String(10_000 + i * 37) : 10_000 + i * 37,
      Width: 640 + (i % 4) * 320,
      Height: 360 + (i % 4) * 180,
      OriginalFileName: `cover-${i}.png`,
    },
  }]));
}

/** The IDs over STACKS stacks, each stack also repeating the first tenth of the next stack's IDs. */
function planStacks(imageIds: readonly string[]): Plan {
  return withNextTenth(slices(imageIds, STACKS));
}

function buildWithLookups(app: App, plan: Plan, endpoint: string): void {
  plan.forEach((imageIds, s) => {
    const stack = new TerraformStack(app, `bench-${s}`);
    imageIds.forEach((imageId, i) => new AliyunVodImage(stack, `image-${i}`, { region: REGION, endpoint, ...CREDENTIAL, imageId }));
  });
}

/**
AliyunVodImage.digest's input, written out from the emulator data: the client's normalized answer
(tags split and trimmed, FileSize a number, signed URLs cut to scheme, host and path) with the URL
expiry times left out, as the digest leaves them out.
*/
function digestInput(imageId: string, image: VodEmulatorImage): object {
  const path = `/image/default/${imageId}.png`;
  const mezzanine = image.Mezzanine!;
  return {
    imageId,
    found: true,
    title: image.Title,
    description: image.Description,
    imageType: image.ImageType,
    status: image.Status,
    tags: image.Tags!.split(',').map((tag) => tag.trim()),
    appId: image.AppId,
    categoryId: image.CateId,
    categoryName: image.CateName,
    creationTime: image.CreationTime,
    storageLocation: image.StorageLocation,
    url: { url: `${CDN_ORIGIN}${path}`, signatureRemoved: true },
    mezzanine: {
      sizeBytes: Number(mezzanine.FileSize),
      width: mezzanine.Width,
      height: mezzanine.Height,
      fileUrl: { url: `https://${image.StorageLocation}${path}`, signatureRemoved: true },
      originalFileName: { url: mezzanine.OriginalFileName, signatureRemoved: false },
    },
  };
}

/** The peer: the same construct tree and Terraform JSON as AliyunVodImage, from in-memory data, no engine. */
function buildLiteral(app: App, plan: Plan, images: Images): void {
  plan.forEach((imageIds, s) => {
    const stack = new TerraformStack(app, `bench-${s}`);
    imageIds.forEach((imageId, i) => {
      const snapshot = new Construct(new Construct(stack, `image-${i}`), 'snapshot');
      if (i === 0) new NullProvider(stack, 'image-lookups-null-provider');
      const digest = digestOf(digestInput(imageId, images.get(imageId)!));
      new NullResource(snapshot, 'resource', { triggers: { digest } });
      new TerraformOutput(snapshot, 'digest', { value: digest, description: `Digest of VOD image ${imageId} in ${REGION}` });
    });
  });
}

export function vodScenario(maxSize: number): Scenario {
  const allIds = generateImageIds(maxSize);
  const images = generateImages(allIds);
  return {
    api: 'vod',
    description: `GetImageInfos, ≤${MAX_VOD_IMAGE_IDS_PER_CALL} IDs/call: one AliyunVodImage per ID in ${REGION} over ${STACKS} stacks, ` +
      'each stack repeating the first tenth of the other\'s IDs; lookups = N images',
    construct: 'AliyunVodImage',
    literalPeer: 'buildLiteral in bench/vod-scenario.ts',
    batchSize: MAX_VOD_IMAGE_IDS_PER_CALL,
    expectedLookups: (size) => size,
    actions: ['GetImageInfos'],
    emulatorData: { credentials: { aliyun: [CREDENTIAL] }, aliyun: { images: Object.fromEntries(images) } },
    workload(size): Workload {
      const plan = planStacks(allIds.slice(0, size));
      return {
        size,
        requested: plan.reduce((sum, ids) => sum + ids.length, 0),
        build: (app, endpoint) => buildWithLookups(app, plan, endpoint),
        buildLiteral: (app) => buildLiteral(app, plan, images),
      };
    },
  };
}

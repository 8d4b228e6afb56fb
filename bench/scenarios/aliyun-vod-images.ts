// Alibaba Cloud VOD GetImageInfo(s): one AliyunVodImage per image ID, checked as a cover; batched by the engine.
import { Annotations } from 'cdktf';
import { Construct, type IConstruct } from 'constructs';
import { AliyunVodImage, MAX_VOD_IMAGE_IDS_PER_CALL, vodImageKey, type VodImageInfo } from '../../src/aliyun-vod-images';
import type { VodEmulatorImage } from '../../src/aliyun-vod-images/emulator-data';
import { vodImagesPack } from '../../src/aliyun-vod-images/rules/pack';
import { digestOf, shortDigest, type SnapshotResourceType } from '../../src/snapshot';
import { literalSnapshot } from '../literal-snapshot';
import { deterministicIds, type CreateConstruct, type ScenarioDefinition, type ScenarioPolicies, type ValueCheck } from '../scenario';

const REGION = 'cn-shanghai';
const CREDENTIAL = { accessKeyId: 'LTAIbenchmark0000001', accessKeySecret: 'benchmarkAccessKeySecret01' };
const STORAGE_LOCATION = 'outin-0000000000000000000000000000bench.oss-cn-shanghai.aliyuncs.com';
/**
The stable part of the emulator's signed CDN URLs (the default OutputType): its CDN host is private
to the emulator route, so it is repeated here; the "same JSON" column shows if it changes.
*/
const CDN_ORIGIN = 'https://cdn.example-vod.com';

/** The emulator's record of each image, by ID. */
type Images = ReadonlyMap<string, VodEmulatorImage>;

/** `count` distinct, valid IDs: 32 lowercase hexadecimal digits. */
function generateImageIds(count: number): string[] {
  return deterministicIds(count, 'bench-vod-image', (digest) => digest.toString('hex').slice(0, 32));
}

/**
Every field the emulator serves, varied deterministically (FileSize as a string or a number, tags
with spaces), except Status: the stack code's cover check fails synth unless it is Normal.
*/
function generateImages(imageIds: readonly string[]): Images {
  const two = (n: number) => String(n).padStart(2, '0');
  return new Map(imageIds.map((imageId, i): [string, VodEmulatorImage] => [imageId, {
    Title: `Bench cover ${i}`,
    ...(i % 4 === 0 ? { Description: `Cover number ${i}` } : {}),
    ImageType: ['cover', 'default', 'CoverSnapshot'][i % 3],
    Status: 'Normal',
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

/**
AliyunVodImage.digest's input, written out from the emulator data: the client's normalized answer
(tags split and trimmed, FileSize a number, signed URLs cut to scheme, host and path, no expiry).
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

/**
A cached value as AliyunVodImage.digest sees it: each URL in its stable form (the bench never keeps
signed URLs, so that is the URL and signatureRemoved as cached). A value of the wrong shape gives a
digest that matches nothing.
*/
function cachedDigest(value: unknown): string {
  const info = value as VodImageInfo;
  const stable = (url?: VodImageInfo['url']) => url && { url: url.url, signatureRemoved: url.signatureRemoved };
  try {
    return digestOf({
      ...info, found: true, url: stable(info.url),
      mezzanine: info.mezzanine && { ...info.mezzanine, fileUrl: stable(info.mezzanine.fileUrl), originalFileName: stable(info.mezzanine.originalFileName) },
    });
  } catch {
    return 'unreadable';
  }
}

/** Every image's key (default OutputType cdn, signed URLs reduced), its value checked against the digest of the emulator's record. */
function expectedCache(imageIds: readonly string[], images: Images): Map<string, ValueCheck> {
  return new Map(imageIds.map((imageId) => {
    const digest = digestOf(digestInput(imageId, images.get(imageId)!));
    return [vodImageKey({ region: REGION, outputType: 'cdn', keepSignedUrls: false, imageId }), (value) => cachedDigest(value) === digest];
  }));
}

/** The policy rows' options: the data's tag, a size bound above every image's, an age bound of ten years. */
const REQUIRED_TAGS = ['cover'];
const MAX_BYTES = 2_000_000;
const MAX_AGE_DAYS = 3650;
const DAY_MS = 86_400_000;

/**
The policy rows' pack: the pack's rules without options (image found, status Normal, title, https
URLs) plus RequiredTags, SizeBounds and MaxAge. The data passes all of them: the rows measure the
rules' own cost, with no finding to annotate (the Tencent rows have one per image).
*/
function coverPolicies(images: Images): ScenarioPolicies {
  return {
    description: `vodImagesPack({ requiredTags: { tags: ${JSON.stringify(REQUIRED_TAGS)} }, sizeBounds: { maxBytes: ${MAX_BYTES} }, ` +
      `maxAge: { maxAgeDays: ${MAX_AGE_DAYS} } }); expected: no finding (every image passes)`,
    pack: () => vodImagesPack({ requiredTags: { tags: REQUIRED_TAGS }, sizeBounds: { maxBytes: MAX_BYTES }, maxAge: { maxAgeDays: MAX_AGE_DAYS } }),
    suppressions: [],
    // One finding per image per rule it fails; the data sets every field the option-less rules check (Normal, a title, https URLs).
    expectedFindings: (imageIds, now) => ({
      findings: imageIds.map((imageId) => images.get(imageId)!).reduce((total, image) => total
        + (image.Status === 'Normal' ? 0 : 1)
        + (REQUIRED_TAGS.every((tag) => image.Tags!.split(',').map((part) => part.trim()).includes(tag)) ? 0 : 1)
        + (Number(image.Mezzanine!.FileSize) <= MAX_BYTES ? 0 : 1)
        + (now.getTime() - Date.parse(image.CreationTime!) <= MAX_AGE_DAYS * DAY_MS ? 0 : 1), 0),
      suppressed: 0,
    }),
  };
}

/** What the stack code reads; AliyunVodImage and its literal peer both have it. */
interface CoverReads extends IConstruct {
  readonly imageId: string;
  readonly found: boolean;
  readonly status: string | undefined;
  readonly tags: readonly string[];
  readonly sizeBytes: number | undefined;
}

/** The stack code's read, as the README writes it (the generated data always passes); the tally is the file size. */
function readCover(cover: CoverReads): number {
  if (!cover.found || cover.status !== 'Normal' || !cover.tags.includes('cover')) {
    Annotations.of(cover).addError(`VOD image ${cover.imageId} is not a usable cover`);
  }
  return cover.sizeBytes ?? 0;
}

/** The peer: the same construct tree, Terraform JSON and reads as AliyunVodImage, from in-memory data, no engine. */
class LiteralVodImage extends Construct implements CoverReads {
  readonly found = true;
  readonly status: string | undefined;
  readonly tags: readonly string[];
  readonly sizeBytes: number | undefined;

  constructor(scope: Construct, id: string, readonly imageId: string, image: VodEmulatorImage, snapshot: SnapshotResourceType) {
    super(scope, id);
    this.status = image.Status;
    this.tags = image.Tags!.split(',').map((tag) => tag.trim());
    this.sizeBytes = Number(image.Mezzanine!.FileSize);
    const digest = digestOf(digestInput(imageId, image));
    literalSnapshot(this, snapshot, digest, `Digest of VOD image ${imageId} in ${REGION}`, { [imageId]: shortDigest(digest) });
  }
}

/** A construct holds one ID: `CreateConstruct` passes a list for every API alike. */
function onlyId(imageIds: readonly string[]): string {
  if (imageIds.length !== 1) throw new Error(`one image ID per AliyunVodImage, got ${imageIds.length}`);
  return imageIds[0];
}

export function createScenario(maxSize: number): ScenarioDefinition {
  const imageIds = generateImageIds(maxSize);
  const images = generateImages(imageIds);
  return {
    api: 'vod',
    description: `GetImageInfos, ≤${MAX_VOD_IMAGE_IDS_PER_CALL} IDs/call: one AliyunVodImage per ID in ${REGION}, ` +
      "read as the README's cover check (found, status Normal, tags include cover; Annotations error otherwise); lookups = N images",
    construct: 'AliyunVodImage',
    literalPeer: 'LiteralVodImage in bench/scenarios/aliyun-vod-images.ts',
    batchSize: MAX_VOD_IMAGE_IDS_PER_CALL,
    idsPerConstruct: 1,
    constructIdPrefix: 'image',
    expectedLookups: (size) => size,
    actions: ['GetImageInfos'],
    emulatorData: { credentials: { aliyun: [CREDENTIAL] }, aliyun: { images: Object.fromEntries(images) } },
    imageIds,
    expectedCache: (size) => expectedCache(imageIds.slice(0, size), images),
    withLookups: (endpoint, snapshot): CreateConstruct => (scope, id, ids) => {
      const cover = new AliyunVodImage(scope, id, { region: REGION, endpoint, ...CREDENTIAL, imageId: onlyId(ids), snapshot });
      return () => readCover(cover);
    },
    literal: (snapshot): CreateConstruct => (scope, id, ids) => {
      const imageId = onlyId(ids);
      const cover = new LiteralVodImage(scope, id, imageId, images.get(imageId)!, snapshot);
      return () => readCover(cover);
    },
    policies: coverPolicies(images),
  };
}

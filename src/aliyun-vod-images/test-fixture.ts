import type { CacheEntry } from '../engine/lookup-cache';
import { LookupInputError } from '../engine/errors/lookup-input-error';
import { formatIssuePath } from '../engine/zod-issue';
import { fixtureConfig } from '../testing/fixture-config';
import { FIXTURE_FETCHED_AT, type LookupFixture } from '../testing/lookup-fixture';
import { resolveAliyunVodClientConfig } from './client-config';
import { checkVodImageId } from './image-id';
import { aliyunVodImagesProvider } from './provider';
import type { VodImageInfo } from './response';

/** What `vodImageFixture()` answers. */
export interface VodImageFixtureOptions {
  /** The region the construct under test looks up (its `region` prop or ALICLOUD_REGION), one of VOD_ENDPOINTS unless `allowUnknownRegion`. */
  readonly region: string;
  /**
  As the construct's `allowUnknownRegion` prop: admits a region outside VOD_ENDPOINTS. The key does not depend on it.
  @default false
  */
  readonly allowUnknownRegion?: boolean;
  /** The image: 32 lowercase hexadecimal digits. */
  readonly imageId: string;
  /**
  The image's info, over the defaults: `imageId` this fixture's; `title` 'Fixture image';
  `imageType` 'cover'; `status` 'Normal'; `tags` []; `creationTime` '2026-01-01T00:00:00Z';
  `url` an https URL of the image (`https://vod-fixture.example.com/image/default/<imageId>.png`,
  `signatureRemoved` false); `mezzanine` 1920×1080, 204800 bytes; the other fields absent. A field
  given as undefined is absent (to test a rule on a missing title, say); `mezzanine` and `url` are
  replaced whole. `null` answers "not found".
  @default the defaults alone: an image every rule of `vodImagesPack()` without options accepts
  */
  readonly info?: Partial<VodImageInfo> | null;
  /**
  The construct's `outputType` prop: part of the key.
  @default 'cdn'
  */
  readonly outputType?: 'cdn' | 'oss';
  /**
  The construct's `authTimeout` prop: part of the key.
  @default none (the API's)
  */
  readonly authTimeout?: number;
  /**
  The construct's `keepSignedUrls` prop: part of the key.
  @default false
  */
  readonly keepSignedUrls?: boolean;
  /**
  The endpoint the entry records, as the construct's `endpoint` prop. The key does not depend on it.
  @default the region's `https://vod.<region>.aliyuncs.com`, the endpoint of a construct without an endpoint prop or ALICLOUD_VOD_ENDPOINT
  */
  readonly endpoint?: string;
}

const WHERE = 'vodImageFixture';

/**
The answer of GetImageInfo(s) for one `AliyunVodImage` under test, keyed by the provider's own
`keyOf` and shaped as it stores it. The key depends on the region, the image and the construct's
`outputType`, `authTimeout` and `keepSignedUrls` (give them here as on the construct); the endpoint,
credentials and transport props (and the ALICLOUD_* env vars of the test run) do not matter.

    vodImageFixture({ region: 'cn-shanghai', imageId: '7c1e4a2b9d3f4e6a8b0c2d4e6f8a0b1c', info: { status: 'Uploading' } })

Throws a LookupInputError naming the option for a bad region, image ID, key prop or info field.
*/
export function vodImageFixture(options: VodImageFixtureOptions): LookupFixture {
  const { region, imageId, info, outputType, authTimeout, keepSignedUrls = false, endpoint, allowUnknownRegion } = options ?? ({} as VodImageFixtureOptions);
  checkVodImageId(imageId, `${WHERE}: imageId`);
  if (typeof keepSignedUrls !== 'boolean') throw new LookupInputError(`${WHERE}: keepSignedUrls`, `expected true or false, got ${JSON.stringify(keepSignedUrls)}`);
  // The configuration a construct gets without env vars: region, outputType and authTimeout checked as a construct checks them.
  const config = fixtureConfig(WHERE, { region, outputType, authTimeout, endpoint, allowUnknownRegion }, resolveAliyunVodClientConfig);
  const key = aliyunVodImagesProvider.keyOf({ imageId, config, keepSignedUrls });
  const entry = { provider: aliyunVodImagesProvider.id, endpoint: config.endpoint.url, fetchedAt: FIXTURE_FETCHED_AT };
  if (info === null) return { entries: { [key]: { ...entry, outcome: 'notFound' } } };
  if (info !== undefined && (typeof info !== 'object' || Array.isArray(info))) {
    throw new LookupInputError(`${WHERE}: info`, 'expected an object of VodImageInfo fields such as { status: \'Normal\' }, or null for an image that is not found');
  }
  if (info?.imageId !== undefined && info.imageId !== imageId) {
    throw new LookupInputError(`${WHERE}: info.imageId`, `${JSON.stringify(info.imageId)} is not the fixture's imageId ${imageId}: leave it out`);
  }
  const value = withoutUndefined({ ...defaultInfo(imageId), ...info, imageId });
  // The engine checks cached values against this schema too; checking here names the fixture's field.
  const parsed = aliyunVodImagesProvider.valueSchemaOf({ imageId, config, keepSignedUrls }).safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LookupInputError(`${WHERE}: ${formatIssuePath(['info', ...issue.path])}`, `${issue.message}: give it the type VodImageInfo gives it`);
  }
  const found: CacheEntry = { ...entry, outcome: 'found', value };
  return { entries: { [key]: found } };
}

function defaultInfo(imageId: string): VodImageInfo {
  return {
    imageId,
    title: 'Fixture image',
    imageType: 'cover',
    status: 'Normal',
    tags: [],
    creationTime: '2026-01-01T00:00:00Z',
    url: { url: `https://vod-fixture.example.com/image/default/${imageId}.png`, signatureRemoved: false },
    mezzanine: { sizeBytes: 204800, width: 1920, height: 1080 },
  };
}

/** The value as a cache file holds it: a field given as undefined is absent. */
function withoutUndefined(info: VodImageInfo): VodImageInfo {
  return Object.fromEntries(Object.entries(info).filter(([, value]) => value !== undefined)) as unknown as VodImageInfo;
}

import type { CacheEntry } from '../engine/lookup-cache';
import { LookupInputError } from '../engine/errors/lookup-input-error';
import { FIXTURE_FETCHED_AT, type LookupFixture } from '../testing/lookup-fixture';
import { fixtureConfig } from '../testing/fixture-config';
import { resolveTencentClientConfig } from './client-config';
import { checkTencentImageId } from './image-id';
import { tencentImageSharesProvider, type TencentImageSharesValue, type TencentShareAccountValue } from './provider';
import { beijingTimeToIso, type ShareUinInfo } from './response';

/** One account an image of a fixture is shared with. */
export interface TencentShareFixture {
  /** The account (UIN), as digits. */
  readonly uin: string;
  /**
  When it was shared: an ISO 8601 time with a zone, in whole seconds, such as `2026-01-01T00:00:00Z`.
  The fixture stores it as the provider does: the API's Beijing-time text (`shareTimeStamp`,
  here `2026-01-01 08:00:00`) and that text read as +08:00 (`sharedAt`, `2026-01-01T08:00:00+08:00`).
  @default `2026-01-01T00:00:00Z`, unless `shareTimeStamp` is given
  */
  readonly sharedAt?: string;
  /**
  The API's own text instead (`YYYY-MM-DD HH:mm:ss`, Beijing time), to test how odd texts are read;
  `sharedAt` is then derived from it, as the provider derives it (undefined for another shape).
  Given with `sharedAt`, both must name the same time.
  @default derived from `sharedAt`
  */
  readonly shareTimeStamp?: string;
}

/** What `tencentSharesFixture()` answers. */
export interface TencentSharesFixtureOptions {
  /** The region the constructs under test look up (their `region` prop or TENCENTCLOUD_REGION), one of TENCENT_REGIONS unless `allowUnknownRegion`. */
  readonly region: string;
  /**
  As the constructs' `allowUnknownRegion` prop: admits a region outside TENCENT_REGIONS. The keys do not depend on it.
  @default false
  */
  readonly allowUnknownRegion?: boolean;
  /**
  The endpoint the entries record, as the constructs' `endpoint` prop. The keys do not depend on it.
  @default 'https://image.api.qcloud.com', the endpoint of a construct without an endpoint prop or TENCENTCLOUD_IMAGE_ENDPOINT
  */
  readonly endpoint?: string;
  /** Each image's share list (an empty list: shared with nobody), or `null` for an image the API does not return (not found). */
  readonly images: Readonly<Record<string, readonly TencentShareFixture[] | null>>;
  /**
  The account's quota of shareable images, which every answer carries.
  @default 50
  */
  readonly maxImgShareNum?: number;
}

const WHERE = 'tencentSharesFixture';
const DEFAULT_SHARED_AT = '2026-01-01T00:00:00Z';
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
Answers of GetImageShareUinInfo for `TencentImageShares` under test: one entry per image and the
account's quota, keyed by the provider's own `keyOf` and shaped as it stores them. The keys depend
only on the region and the image, so the constructs' endpoint, credentials and transport props (and
the TENCENTCLOUD_* env vars of the test run) do not matter.

    tencentSharesFixture({ region: 'ap-guangzhou', images: {
      'img-jgggrva9': [{ uin: '1621874004', sharedAt: '2026-01-01T00:00:00Z' }],
      'img-unknown1': null, // not found
    } })

Throws a LookupInputError naming the option for a bad region, image ID, account, time or quota.
*/
export function tencentSharesFixture(options: TencentSharesFixtureOptions): LookupFixture {
  const { region, endpoint, allowUnknownRegion, images, maxImgShareNum = 50 } = options ?? ({} as TencentSharesFixtureOptions);
  // The configuration a construct gets without env vars: the region checked as a construct checks it, and the default endpoint.
  const config = fixtureConfig(WHERE, { region, endpoint, allowUnknownRegion }, resolveTencentClientConfig);
  if (typeof images !== 'object' || images === null || Array.isArray(images) || Object.keys(images).length === 0) {
    throw new LookupInputError(`${WHERE}: images`, "expected an object of image IDs and share lists with at least one image, such as { 'img-jgggrva9': [{ uin: '1621874004' }] }");
  }
  if (!Number.isSafeInteger(maxImgShareNum) || maxImgShareNum < 0) {
    throw new LookupInputError(`${WHERE}: maxImgShareNum`, `${JSON.stringify(maxImgShareNum)} is not a non-negative integer, such as 50`);
  }
  const entries: Record<string, CacheEntry> = {};
  const found = (value: TencentImageSharesValue | TencentShareAccountValue): CacheEntry =>
    ({ provider: tencentImageSharesProvider.id, outcome: 'found', value, endpoint: config.endpoint.url, fetchedAt: FIXTURE_FETCHED_AT });
  for (const [imageId, shares] of Object.entries(images)) {
    checkTencentImageId(imageId, `${WHERE}: images`);
    const key = tencentImageSharesProvider.keyOf({ kind: 'image', imageId, config });
    if (shares === null) {
      entries[key] = { provider: tencentImageSharesProvider.id, outcome: 'notFound', endpoint: config.endpoint.url, fetchedAt: FIXTURE_FETCHED_AT };
      continue;
    }
    if (!Array.isArray(shares)) {
      throw new LookupInputError(`${WHERE}: images["${imageId}"]`, 'expected a list of shares such as [{ uin: \'1621874004\' }], or null for an image that is not found');
    }
    entries[key] = found({ imageId, shares: shares.map((share, index) => shareInfo(share, `${WHERE}: images["${imageId}"][${index}]`)) });
  }
  entries[tencentImageSharesProvider.keyOf({ kind: 'account', imageId: '', config })] = found({ maxImgShareNum });
  return { entries };
}

/** A share as the provider stores it: the Beijing-time text, and the ISO time read from it. */
function shareInfo(share: TencentShareFixture, where: string): ShareUinInfo {
  if (typeof share !== 'object' || share === null) throw new LookupInputError(where, "expected a share such as { uin: '1621874004', sharedAt: '2026-01-01T00:00:00Z' }");
  if (typeof share.uin !== 'string' || !/^\d+$/.test(share.uin)) {
    throw new LookupInputError(`${where}.uin`, `${JSON.stringify(share.uin)} is not an account ID: give its digits as a string, such as '1621874004'`);
  }
  if (share.shareTimeStamp !== undefined && typeof share.shareTimeStamp !== 'string') {
    throw new LookupInputError(`${where}.shareTimeStamp`, `expected the API's text, such as '2026-01-01 08:00:00', got ${typeof share.shareTimeStamp}`);
  }
  const shareTimeStamp = share.shareTimeStamp ?? beijingText(share.sharedAt ?? DEFAULT_SHARED_AT, `${where}.sharedAt`);
  const sharedAt = beijingTimeToIso(shareTimeStamp);
  if (share.sharedAt !== undefined && share.shareTimeStamp !== undefined
    && (sharedAt === undefined || Date.parse(sharedAt) !== Date.parse(beijingTimeToIso(beijingText(share.sharedAt, `${where}.sharedAt`))!))) {
    throw new LookupInputError(`${where}.shareTimeStamp`, `${JSON.stringify(shareTimeStamp)} (Beijing time) is not the time sharedAt ${share.sharedAt} names: give one of the two`);
  }
  return sharedAt === undefined ? { uin: share.uin, shareTimeStamp } : { uin: share.uin, sharedAt, shareTimeStamp };
}

/** An ISO time as the API writes it: `YYYY-MM-DD HH:mm:ss` in Beijing time (UTC+8, no daylight saving). */
function beijingText(iso: unknown, where: string): string {
  const ms = typeof iso === 'string' && ISO_WITH_ZONE.test(iso) ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(ms) || ms % 1000 !== 0) {
    throw new LookupInputError(where, `${JSON.stringify(iso)} is not an ISO 8601 time with a zone in whole seconds (the API has no fractions), such as 2026-01-01T00:00:00Z`);
  }
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

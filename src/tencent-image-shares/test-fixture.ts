import type { CacheEntry } from '../engine/lookup-cache';
import { LookupInputError } from '../engine/errors/lookup-input-error';
import { FIXTURE_FETCHED_AT, type LookupFixture } from '../testing/lookup-fixture';
import { fixtureConfig } from '../testing/fixture-config';
import { tencentSharePermissionProvider } from './api3-provider';
import { resolveTencentClientConfig, TENCENT_SHARE_APIS, type TencentShareApi } from './client-config';
import { checkTencentImageId } from './image-id';
import { tencentImageSharesProvider, type TencentImageSharesValue, type TencentShareAccountValue } from './provider';
import { utcIsoToBeijingText } from './api3-response';
import { beijingTimeToIso, type ShareUinInfo } from './response';

/** One account an image of a fixture is shared with. */
export interface TencentShareFixture {
  /** The account (UIN), as digits. */
  readonly uin: string;
  /**
  When it was shared: an ISO 8601 time with a zone, in whole seconds, such as `2026-01-01T00:00:00Z`.
  The fixture stores it as the chosen API's provider does. GetImageShareUinInfo: the API's
  Beijing-time text (`shareTimeStamp`, here `2026-01-01 08:00:00`) and that text read as +08:00
  (`sharedAt`, `2026-01-01T08:00:00+08:00`). DescribeImageSharePermission: its `CreatedTime` in UTC
  (`sharedAt`, `2026-01-01T00:00:00Z`) and the Beijing-time text derived from it.
  @default `2026-01-01T00:00:00Z`, unless `shareTimeStamp` is given
  */
  readonly sharedAt?: string;
  /**
  The v2 API's own text instead (`YYYY-MM-DD HH:mm:ss`, Beijing time), to test how odd texts are read;
  `sharedAt` is then derived from it, as the provider derives it (undefined for another shape).
  Given with `sharedAt`, both must name the same time. Over DescribeImageSharePermission, which
  derives this text from a UTC time, only a text of that form is accepted.
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
  The API whose answers these are, as the constructs' `api` prop (or IMAGE_LOOKUPS_TENCENT_API):
  each API has its own keys, so a construct on the other API does not find them.
  @default 'GetImageShareUinInfo'
  */
  readonly api?: TencentShareApi;
  /**
  The endpoint the entries record, as the constructs' `endpoint` prop. The keys do not depend on it.
  @default the chosen API's endpoint for a construct without an endpoint prop or env var: 'https://image.api.qcloud.com/v2/index.php', or 'https://cvm.tencentcloudapi.com/' (`cvm.<region>.…` in the finance regions)
  */
  readonly endpoint?: string;
  /** Each image's share list (an empty list: shared with nobody), or `null` for an image the API does not return (not found). */
  readonly images: Readonly<Record<string, readonly TencentShareFixture[] | null>>;
  /**
  The account's quota of shareable images, which every GetImageShareUinInfo answer carries.
  Refused over DescribeImageSharePermission, which has none.
  @default 50 over GetImageShareUinInfo
  */
  readonly maxImgShareNum?: number;
}

const WHERE = 'tencentSharesFixture';
const DEFAULT_SHARED_AT = '2026-01-01T00:00:00Z';
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
Answers for `TencentImageShares` under test: one entry per image and, over GetImageShareUinInfo, the
account's quota, keyed by the chosen API's provider's own `keyOf` and shaped as it stores them. The
keys depend only on the API, the region and the image, so the constructs' endpoint, credentials and
transport props (and the TENCENTCLOUD_* env vars of the test run) do not matter; their `api` does.

    tencentSharesFixture({ region: 'ap-guangzhou', images: {
      'img-jgggrva9': [{ uin: '1621874004', sharedAt: '2026-01-01T00:00:00Z' }],
      'img-unknown1': null, // not found
    } })

Throws a LookupInputError naming the option for a bad API, region, image ID, account, time or quota.
*/
export function tencentSharesFixture(options: TencentSharesFixtureOptions): LookupFixture {
  const { region, endpoint, allowUnknownRegion, images, api, maxImgShareNum: quota } = options ?? ({} as TencentSharesFixtureOptions);
  // The configuration a construct gets without env vars: the API and region checked as a construct checks them, and the default endpoint.
  const config = fixtureConfig(WHERE, { api, region, endpoint, allowUnknownRegion }, resolveTencentClientConfig);
  const api3 = config.api === 'DescribeImageSharePermission';
  if (typeof images !== 'object' || images === null || Array.isArray(images) || Object.keys(images).length === 0) {
    throw new LookupInputError(`${WHERE}: images`, "expected an object of image IDs and share lists with at least one image, such as { 'img-jgggrva9': [{ uin: '1621874004' }] }");
  }
  if (api3 && quota !== undefined) {
    throw new LookupInputError(`${WHERE}: maxImgShareNum`,
      `DescribeImageSharePermission has no share quota: leave maxImgShareNum out, or set api: '${TENCENT_SHARE_APIS[0]}' (on the constructs too) to test the quota`);
  }
  const maxImgShareNum = quota ?? 50;
  if (!Number.isSafeInteger(maxImgShareNum) || maxImgShareNum < 0) {
    throw new LookupInputError(`${WHERE}: maxImgShareNum`, `${JSON.stringify(maxImgShareNum)} is not a non-negative integer, such as 50`);
  }
  const provider = api3 ? tencentSharePermissionProvider : tencentImageSharesProvider;
  const keyOf = (imageId: string) => (api3 ? tencentSharePermissionProvider.keyOf({ imageId, config }) : tencentImageSharesProvider.keyOf({ kind: 'image', imageId, config }));
  const entries: Record<string, CacheEntry> = {};
  const found = (value: TencentImageSharesValue | TencentShareAccountValue): CacheEntry =>
    ({ provider: provider.id, outcome: 'found', value, endpoint: config.endpoint.url, fetchedAt: FIXTURE_FETCHED_AT });
  for (const [imageId, shares] of Object.entries(images)) {
    checkTencentImageId(imageId, `${WHERE}: images`);
    const key = keyOf(imageId);
    if (shares === null) {
      entries[key] = { provider: provider.id, outcome: 'notFound', endpoint: config.endpoint.url, fetchedAt: FIXTURE_FETCHED_AT };
      continue;
    }
    if (!Array.isArray(shares)) {
      throw new LookupInputError(`${WHERE}: images["${imageId}"]`, 'expected a list of shares such as [{ uin: \'1621874004\' }], or null for an image that is not found');
    }
    entries[key] = found({ imageId, shares: shares.map((share, index) => (api3 ? api3ShareInfo : shareInfo)(share, `${WHERE}: images["${imageId}"][${index}]`)) });
  }
  // Every v2 answer carries the account's quota; API 3.0 has none.
  if (!api3) entries[tencentImageSharesProvider.keyOf({ kind: 'account', imageId: '', config })] = found({ maxImgShareNum });
  return { entries };
}

/**
A share as the API 3.0 provider stores it: `CreatedTime` in UTC (`2026-01-01T00:00:00Z`) as `sharedAt`,
and the Beijing-time text derived from it.
*/
function api3ShareInfo(share: TencentShareFixture, where: string): ShareUinInfo {
  const { uin, shareTimeStamp } = shareInfo(share, where);
  const iso = beijingTimeToIso(shareTimeStamp);
  if (iso === undefined) {
    throw new LookupInputError(`${where}.shareTimeStamp`,
      `${JSON.stringify(shareTimeStamp)} is not a Beijing time such as '2026-01-01 08:00:00': DescribeImageSharePermission answers a UTC time, and derives this text from it`);
  }
  const sharedAt = new Date(Date.parse(iso)).toISOString().replace('.000Z', 'Z');
  return { uin, sharedAt, shareTimeStamp: beijingText(sharedAt, `${where}.sharedAt`) };
}

/** A share as the v2 provider stores it: the Beijing-time text, and the ISO time read from it. */
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
  const text = utcIsoToBeijingText(`${new Date(ms).toISOString().slice(0, 19)}Z`);
  if (text === undefined) throw new LookupInputError(where, `${JSON.stringify(iso)} is outside the years 1000 to 9999`);
  return text;
}

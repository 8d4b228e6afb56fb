// Tencent GetImageShareUinInfo: one TencentImageShares per 10 image IDs, each read image by image.
import { Annotations } from 'cdktf';
import { Construct, type IConstruct } from 'constructs';
import { digestOf, shortDigestOf, type SnapshotResourceType } from '../../src/snapshot';
import { MAX_SHARE_IMAGE_IDS_PER_CALL, TencentImageShares, tencentShareKey, type TencentImageSharesValue, type TencentShareAccountValue,
  type TencentShareApi } from '../../src/tencent-image-shares';
import type { TencentEmulatorShare } from '../../src/tencent-image-shares/emulator-data';
import { SHARE_QUOTA_HEADROOM_ID } from '../../src/tencent-image-shares/rules/share-quota-headroom';
import { tencentSharesPack } from '../../src/tencent-image-shares/rules/pack';
import { literalSnapshot } from '../literal-snapshot';
import { deterministicIds, type CreateConstruct, type ScenarioDefinition, type ScenarioPolicies, type ValueCheck } from '../scenario';

const REGION = 'ap-guangzhou';
const CREDENTIAL = { secretId: 'AKIDbenchmark000001', secretKey: 'benchmarkSecretKey000001' };
/** The first account of generateShares' pool: about 4% of the images are shared with it. */
const PARTNER_UIN = '100000000000';
/** The account's quota the emulator reports in every answer (set here, so the load check need not know the emulator's default). */
const MAX_IMG_SHARE_NUM = 50;

type Shares = ReadonlyMap<string, TencentEmulatorShare[]>;

/** `count` distinct, valid IDs (img- and 8 lowercase letters or digits). */
function generateImageIds(count: number): string[] {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return deterministicIds(count, 'bench-image', (digest) =>
    `img-${[...digest.subarray(0, 8)].map((byte) => alphabet[byte % alphabet.length]).join('')}`);
}

/** Each image shared with 1 to 3 accounts out of a pool of 50, with deterministic share times. */
function generateShares(imageIds: readonly string[]): Shares {
  const two = (n: number) => String(n).padStart(2, '0');
  return new Map(imageIds.map((imageId, i) => [imageId, Array.from({ length: 1 + (i % 3) }, (_, k) => ({
    uin: String(100000000000 + ((i * 7 + k * 13) % 50) * 1234567),
    shareTimeStamp: `2024-${two(1 + (i % 12))}-${two(1 + (i % 28))} ${two(k * 5)}:${two(i % 60)}:${two((i * 7) % 60)}`,
  }))]));
}

/** An image's share list as comparable text: `uin@shareTimeStamp`, sorted (sharedAt is derived from shareTimeStamp). */
const shareListText = (shares: readonly { readonly uin: string; readonly shareTimeStamp: string }[]) =>
  shares.map((share) => `${share.uin}@${share.shareTimeStamp}`).sort().join(',');

/** Every image's key with its share list, plus the account's quota key (every answer carries it). */
function expectedCache(imageIds: readonly string[], shares: Shares): Map<string, ValueCheck> {
  const expected = new Map<string, ValueCheck>(imageIds.map((imageId) => {
    const text = shareListText(shares.get(imageId)!);
    return [tencentShareKey({ kind: 'image', imageId, region: REGION }), (value) => {
      const cached = value as TencentImageSharesValue | undefined;
      return cached?.imageId === imageId && Array.isArray(cached.shares) && shareListText(cached.shares) === text;
    }];
  }));
  expected.set(tencentShareKey({ kind: 'account', imageId: '', region: REGION }),
    (value) => (value as TencentShareAccountValue | undefined)?.maxImgShareNum === MAX_IMG_SHARE_NUM);
  return expected;
}

/** The pack's MaxShareAge (default options): a share more than this many whole days old is a finding. */
const MAX_SHARE_AGE_DAYS = 90;
/** The pack's ShareQuotaHeadroom (default options): a warning above this share of the quota, an error above the quota. */
const QUOTA_WARN_RATIO = 0.8;
const DAY_MS = 86_400_000;

/**
The policy rows' pack: every account of the data allowlisted, at most 10 shares per image, shares at
most 90 days old. The data's shares are all from 2024, so at the rows' clock every image gets one
MaxShareAge warning; every image is shared, far above the quota of 50, so ShareQuotaHeadroom gives one
error (which would fail the synth), suppressed here.
*/
function sharePolicies(shares: Shares): ScenarioPolicies {
  const accounts = [...new Set([...shares.values()].flatMap((list) => list.map((share) => share.uin)))].sort();
  // The data's shareTimeStamp is Beijing time (UTC+8).
  const sharedAtMs = (share: TencentEmulatorShare) => Date.parse(`${share.shareTimeStamp.replace(' ', 'T')}+08:00`);
  return {
    description: `tencentSharesPack({ allowlistedAccounts: { accounts: [the data's ${accounts.length}] }, maxSharesPerImage: { max: 10 }, maxShareAge: {} }), ` +
      `${SHARE_QUOTA_HEADROOM_ID} suppressed; expected: one MaxShareAge warning per image, the quota finding suppressed`,
    pack: () => tencentSharesPack({ allowlistedAccounts: { accounts }, maxSharesPerImage: { max: 10 }, maxShareAge: {} }),
    suppressions: [{ ruleId: SHARE_QUOTA_HEADROOM_ID, constructPath: '**', reason: 'The bench data shares every image, against a quota of 50, on purpose.' }],
    expectedFindings: (imageIds, now) => {
      const lists = imageIds.map((imageId) => shares.get(imageId) ?? []);
      const old = lists.filter((list) => list.some((share) => Math.floor((now.getTime() - sharedAtMs(share)) / DAY_MS) > MAX_SHARE_AGE_DAYS)).length;
      const tooMany = lists.filter((list) => list.length > 10).length;
      const notAllowed = lists.filter((list) => list.some((share) => !accounts.includes(share.uin))).length;
      const shared = lists.filter((list) => list.length > 0).length;
      return { findings: old + tooMany + notAllowed, suppressed: shared > QUOTA_WARN_RATIO * MAX_IMG_SHARE_NUM ? 1 : 0 };
    },
  };
}

/** What the stack code reads; TencentImageShares and its literal peer both have it. */
interface ShareReads extends IConstruct {
  readonly imageIds: readonly string[];
  image(imageId: string): { readonly found: boolean };
  isSharedWith(imageId: string, uin: string): boolean;
}

/**
The stack code's read: every image must be found (an error otherwise, which fails synth; the
generated data always passes), and it counts the images shared with the partner account.
*/
function readShares(shares: ShareReads): number {
  const missing = shares.imageIds.filter((imageId) => !shares.image(imageId).found);
  if (missing.length > 0) Annotations.of(shares).addError(`Images not found in ${REGION}: ${missing.join(', ')}`);
  return shares.imageIds.filter((imageId) => shares.isSharedWith(imageId, PARTNER_UIN)).length;
}

/** The peer: the same construct tree, Terraform JSON and reads as TencentImageShares, from in-memory data, no engine. */
class LiteralImageShares extends Construct implements ShareReads {
  readonly imageIds: readonly string[];

  constructor(scope: Construct, id: string, imageIds: readonly string[], private readonly shares: Shares, snapshot: SnapshotResourceType) {
    super(scope, id);
    this.imageIds = [...new Set(imageIds)];
    // Mirrors TencentImageShares.digest (the "same JSON" column shows when the two drift apart).
    const digestInputs = this.imageIds
      .map((imageId) => ({ imageId, found: true, shares: this.sharesOf(imageId).map((share) => `${share.uin}@${share.shareTimeStamp}`).sort() }));
    const digest = digestOf([...digestInputs].sort((a, b) => (a.imageId < b.imageId ? -1 : 1)));
    literalSnapshot(this, snapshot, digest, `Digest of the share lists of ${this.imageIds.length} image(s) in ${REGION}`,
      Object.fromEntries(digestInputs.map((input) => [input.imageId, shortDigestOf(input)])));
  }

  image(imageId: string): { readonly found: boolean } {
    return { found: this.shares.has(imageId) };
  }

  isSharedWith(imageId: string, uin: string): boolean {
    return this.sharesOf(imageId).some((share) => share.uin === uin);
  }

  private sharesOf(imageId: string): readonly TencentEmulatorShare[] {
    return this.shares.get(imageId) ?? [];
  }
}

/**
The lookup constructs over `api`, or over the construct's default API when it is left out (the
matrix's rows). The API 3.0 rows (bench/api3.ts) pass DescribeImageSharePermission: the same stacks,
reads and data over the other API.
*/
export const shareLookups = (api?: TencentShareApi) => (endpoint: string, snapshot: SnapshotResourceType): CreateConstruct => (scope, id, ids) => {
  const construct = new TencentImageShares(scope, id, { region: REGION, endpoint, ...CREDENTIAL, imageIds: ids, snapshot, ...(api === undefined ? {} : { api }) });
  return () => readShares(construct);
};

export function createScenario(maxSize: number): ScenarioDefinition {
  const imageIds = generateImageIds(maxSize);
  const shares = generateShares(imageIds);
  return {
    api: 'tencent',
    description: `GetImageShareUinInfo, ≤${MAX_SHARE_IMAGE_IDS_PER_CALL} IDs/call: one TencentImageShares per 10 IDs in ${REGION}, ` +
      'read by looping over its imageIds (image(id).found, isSharedWith); lookups = N images + 1 account quota key ' +
      '(it rides along, so no extra call)',
    construct: 'TencentImageShares',
    literalPeer: 'LiteralImageShares in bench/scenarios/tencent-image-shares.ts',
    batchSize: MAX_SHARE_IMAGE_IDS_PER_CALL,
    idsPerConstruct: 10,
    constructIdPrefix: 'shares',
    expectedLookups: (size) => size + 1,
    actions: ['GetImageShareUinInfo'],
    emulatorData: { credentials: { tencent: [CREDENTIAL] }, tencent: { maxImgShareNum: MAX_IMG_SHARE_NUM, regions: { [REGION]: Object.fromEntries(shares) } } },
    imageIds,
    expectedCache: (size) => expectedCache(imageIds.slice(0, size), shares),
    withLookups: shareLookups(),
    literal: (snapshot): CreateConstruct => (scope, id, ids) => {
      const construct = new LiteralImageShares(scope, id, ids, shares, snapshot);
      return () => readShares(construct);
    },
    policies: sharePolicies(shares),
  };
}

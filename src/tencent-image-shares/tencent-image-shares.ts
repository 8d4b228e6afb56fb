import { Construct } from 'constructs';
import { LookupInputError } from '../engine/errors';
import { addLookupValidations, throwWithoutSnapshot } from '../engine/add-lookup-validations';
import { LookupEngine, type LookupHandle } from '../engine/lookup-engine';
import { lookupAgeOptions, type LookupAgeProps } from '../engine/lookup-options';
import { addPolicySubjects } from '../policy/policy-subjects';
import { digestOf, shortDigestOf } from '../snapshot/digest';
import { LookupSnapshot, type SnapshotResourceType } from '../snapshot/lookup-snapshot';
import { checkBooleanProp, checkSnapshotProps } from '../snapshot/snapshot-prop-checks';
import { tencentSharePermissionProvider } from './api3-provider';
import { resolveTencentClientConfig, TENCENT_API_ENV, type TencentClientProps, type TencentShareApi } from './client-config';
import { checkTencentImageIds } from './image-id';
import { tencentImageSharesProvider, type TencentImageSharesValue, type TencentShareAccountValue } from './provider';
import { utcIsoToBeijingText } from './api3-response';
import type { ShareUinInfo } from './response';
import { TENCENT_SHARES_API, type TencentShareSubject } from './rules/facts';

export interface TencentImageSharesProps extends TencentClientProps, LookupAgeProps {
  /**
  Images to look up, at least one; duplicates are ignored. Any number: GetImageShareUinInfo takes 10
  per call; DescribeImageSharePermission one per call, paced (N uncached images take at least N ÷ requestsPerSecond seconds).
  */
  readonly imageIds: readonly string[];
  /**
  The resource that records the share lists' digest in the Terraform JSON: `null_resource`,
  `terraform_data` or `none`.
  @default 'null_resource'
  */
  readonly snapshot?: SnapshotResourceType;
  /**
  One Terraform output per image with its found flag and accounts. Off by default: an app can look up thousands of images.
  @default false
  */
  readonly imageOutputs?: boolean;
  /**
  Marks the per-image outputs sensitive.
  @default false
  */
  readonly sensitiveOutputs?: boolean;
}

/** One image's answer. */
export interface TencentImageShareInfo {
  readonly imageId: string;
  /** False when the API did not return the image (unknown ID, another region, or not this account's). */
  readonly found: boolean;
  /** Accounts it is shared with; empty when not found. */
  readonly shares: readonly ShareUinInfo[];
}

/**
A data source: which accounts each image is shared with, read at synth time and typed, so stack
code can branch and loop on it:

    const shares = new TencentImageShares(this, 'golden', { region: 'ap-guangzhou', imageIds: ['img-jgggrva9'] });
    for (const id of shares.imageIds) if (shares.isSharedWith(id, '1621874004')) { … }

Two APIs answer, chosen by the `api` prop or IMAGE_LOOKUPS_TENCENT_API (the prop wins):
- `GetImageShareUinInfo` (the default), the legacy v2 API: 10 images a call, and the account's share
  quota (`maxImgShareNum`);
- `DescribeImageSharePermission`, CVM API 3.0: one image a call, paced to `requestsPerSecond`
  (10 by default, the documented limit), so N images cost at least N ÷ rate seconds on a cold
  cache; it has no share quota, so `maxImgShareNum` throws there.
The getters mean the same on both: API 3.0's `AccountId` is the `uin`, its `CreatedTime` the
`sharedAt` instant, and `shareTimeStamp` is derived from it in the v2 form (Beijing time). The same
sharing gives the same digest on both, so switching APIs does not replace the snapshot resource;
each API has its own cache keys, so switching never serves one API's answer as the other's.

The share lists' digest lands in the synthesized JSON (a snapshot resource and a `digest` output),
so `terraform plan` shows when sharing changed.

Provisional answers, while a build discovers lookups (never synthesized): every image not found with
no shares, `maxImgShareNum` 0 (on API 3.0 it throws, as it would once resolved), `isResolved`
false; `snapshot` throws, as the build skips it.
*/
export class TencentImageShares extends Construct {
  /** The requested image IDs, without duplicates, in the order given. */
  readonly imageIds: readonly string[];
  readonly region: string;
  /** The API that answers: the `api` prop, else IMAGE_LOOKUPS_TENCENT_API, else GetImageShareUinInfo. */
  readonly api: TencentShareApi;

  private readonly snapshotConstruct?: LookupSnapshot;
  private readonly images: ReadonlyMap<string, LookupHandle<TencentImageSharesValue>>;
  /** The account's share quota; none over API 3.0, which has no such figure. */
  private readonly account?: LookupHandle<TencentShareAccountValue>;
  /** Every lookup of this construct. */
  private readonly handles: ReadonlyArray<LookupHandle<unknown>>;

  constructor(scope: Construct, id: string, props: TencentImageSharesProps) {
    super(scope, id);
    // Inputs are checked here only (the provider does not), naming this construct, before any lookup is requested.
    checkTencentImageIds(props.imageIds, `${this.node.path}: imageIds`);
    checkSnapshotProps(props, this.node.path);
    checkBooleanProp(props.imageOutputs, `${this.node.path}: imageOutputs`);
    const config = resolveTencentClientConfig(props);
    const ageOptions = lookupAgeOptions(props, this.node.path);
    const engine = LookupEngine.of(this);

    this.region = config.region;
    this.api = config.api;
    this.imageIds = [...new Set(props.imageIds)];
    if (config.api === 'DescribeImageSharePermission') {
      this.images = new Map(this.imageIds.map((imageId) =>
        [imageId, engine.request(tencentSharePermissionProvider, { imageId, config }, ageOptions)]));
    } else {
      this.images = new Map(this.imageIds.map((imageId) =>
        [imageId, engine.request(tencentImageSharesProvider, { kind: 'image', imageId, config }, ageOptions)]));
      this.account = engine.request(tencentImageSharesProvider, { kind: 'account', imageId: this.imageIds[0], config }, ageOptions);
    }

    this.handles = this.account ? [...this.images.values(), this.account] : [...this.images.values()];
    addLookupValidations(this, this.handles);
    addPolicySubjects(this, () => (this.isResolved ? this.policySubjects() : undefined));
    // Terraform children only once every lookup has a value: a provisional build is thrown away
    // (so discovery costs little), and the values below can then be plain, computed once.
    if (!this.isResolved) return;

    this.snapshotConstruct = new LookupSnapshot(this, 'snapshot', {
      resourceType: props.snapshot,
      description: `Digest of the share lists of ${this.imageIds.length} image(s) in ${this.region}`,
      digest: this.digest,
      // Per image, so a plan names the images whose sharing changed, with imageOutputs off too.
      itemDigests: Object.fromEntries(this.allImages.map((image) => [image.imageId, shortDigestOf(shareListDigestInput(image))])),
      sensitiveOutputs: props.sensitiveOutputs,
      itemOutputs: props.imageOutputs ? this.imageIds.map((imageId) => ({
        name: imageId,
        description: `Share list of ${imageId} in ${this.region}`,
        value: { found: this.image(imageId).found, shared_with: this.sharedAccountIds(imageId) },
      })) : [],
    });
  }

  /** The snapshot resource and outputs in the Terraform JSON. */
  get snapshot(): LookupSnapshot {
    return this.snapshotConstruct ?? throwWithoutSnapshot(this, this.handles);
  }

  /** One image's answer. Throws an InvalidLookupInput for an image this construct did not look up. */
  image(imageId: string): TencentImageShareInfo {
    const handle = this.images.get(imageId);
    if (!handle) {
      const shown = this.imageIds.slice(0, 5).join(', ') + (this.imageIds.length > 5 ? ` and ${this.imageIds.length - 5} more` : '');
      throw new LookupInputError(`${this.node.path}: image(imageId)`,
        `${typeof imageId === 'string' ? JSON.stringify(imageId) : String(imageId)} is not one of the looked-up imageIds (${shown}); add it to imageIds to look it up`);
    }
    const value = handle.value;
    return { imageId, found: value !== undefined, shares: value?.shares ?? [] };
  }

  /** Every image's answer, in `imageIds` order. */
  get allImages(): TencentImageShareInfo[] {
    return this.imageIds.map((imageId) => this.image(imageId));
  }

  /** The accounts (UINs) an image is shared with. */
  sharedAccountIds(imageId: string): string[] {
    return this.image(imageId).shares.map((share) => share.uin);
  }

  /** Whether the image is shared with the account. `uin` as digits, or a number below 2^53 (a larger one has lost digits). */
  isSharedWith(imageId: string, uin: string | number): boolean {
    const valid = typeof uin === 'string' ? /^\d+$/.test(uin) : Number.isSafeInteger(uin) && uin >= 0;
    if (!valid) {
      throw new LookupInputError(`${this.node.path}: isSharedWith(uin)`,
        `${typeof uin === 'string' ? JSON.stringify(uin) : String(uin)} is not an account ID: give its digits as a string (UINs can exceed 2^53), such as '100000000001'`);
    }
    return this.sharedAccountIds(imageId).includes(String(uin));
  }

  /** Looked-up images the API returned. */
  get foundImageIds(): string[] {
    return this.allImages.filter((image) => image.found).map((image) => image.imageId);
  }

  /** Looked-up images the API did not return. */
  get notFoundImageIds(): string[] {
    return this.allImages.filter((image) => !image.found).map((image) => image.imageId);
  }

  /** How many of this construct's images the API returned: the `imageNum` of one answer covering them all. */
  get imageNum(): number {
    return this.foundImageIds.length;
  }

  /**
  The account's quota of images that may be shared (`maxImgShareNum`): an account-level figure, not
  per image, that only GetImageShareUinInfo reports. Its provisional answer is 0. Over API 3.0
  (DescribeImageSharePermission) it throws an InvalidLookupInput, in a provisional build too: the
  answer can never come, and a made-up number would pass for the account's.
  */
  get maxImgShareNum(): number {
    if (!this.account) {
      throw new LookupInputError(`${this.node.path}: maxImgShareNum`,
        `this construct looks up its images over ${this.api}, which has no share quota. To read it, set api: 'GetImageShareUinInfo' on the construct `
        + `(or ${TENCENT_API_ENV}=GetImageShareUinInfo when it has no api prop): the legacy API reports it with every answer`);
    }
    return this.account.value?.maxImgShareNum ?? 0;
  }

  /**
  `sha256:…` of the share lists: which images were found and their accounts with share times.
  Independent of the order of images and accounts; changes when sharing changes. The same on both
  APIs for the same sharing, so switching APIs does not replace the snapshot resource.
  */
  get digest(): string {
    return digestOf(this.allImages.map(shareListDigestInput).sort((a, b) => (a.imageId < b.imageId ? -1 : 1)));
  }

  /**
  What policies check: one subject per image, with its share list and, over GetImageShareUinInfo,
  the account's quota (API 3.0 has none: the quota rule then does not apply).
  */
  private policySubjects(): TencentShareSubject[] {
    const location = { apiId: TENCENT_SHARES_API, cloud: 'tencent', region: this.region, constructPath: this.node.path };
    const quota = this.account ? { maxImgShareNum: this.maxImgShareNum } : {};
    return this.allImages.map((image) => (image.found
      ? { ...location, imageId: image.imageId, found: true, facts: { shares: image.shares, ...quota } }
      : { ...location, imageId: image.imageId, found: false }));
  }

  /** Whether every lookup of this construct has a value. */
  get isResolved(): boolean {
    return this.handles.every((handle) => handle.isResolved);
  }
}

/** What an image's digest covers: found, and its accounts with share times, sorted. */
function shareListDigestInput(image: TencentImageShareInfo): { imageId: string; found: boolean; shares: string[] } {
  return { imageId: image.imageId, found: image.found, shares: image.shares.map((share) => `${share.uin}@${shareTimeOf(share)}`).sort() };
}

/**
A share's time as its digest covers it: the instant, written as v2's Beijing-time text
(`2016-01-13 15:16:53`). That text is what digests have always held for v2 answers in the API's
documented form, so they stay the same (no snapshot resource is replaced on upgrade), and API 3.0's
`CreatedTime` of the same sharing (`2016-01-13T07:16:53Z`) gives the same text, so switching APIs
changes no digest. Written from `sharedAt` rather than copied from `shareTimeStamp`, a v2 text of
another shape the client still reads as a time (a `T` separator, blanks around it) digests as its
instant too; a text that is no time at all (no `sharedAt`) is digested as it came.
*/
function shareTimeOf(share: ShareUinInfo): string {
  const instant = share.sharedAt === undefined ? Number.NaN : Date.parse(share.sharedAt);
  if (Number.isNaN(instant)) return share.shareTimeStamp;
  return utcIsoToBeijingText(`${new Date(instant).toISOString().slice(0, 19)}Z`) ?? share.shareTimeStamp;
}

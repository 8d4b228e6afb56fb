// Subjects for the Tencent share-list rule tests, on a pinned clock.
import type { FoundTencentShareSubject, TencentShareFacts } from '../../../src/tencent-image-shares/rules';
import type { NotFoundSubject } from '../../../src/policy';

/** The clock every rule test runs at. */
export const NOW = new Date('2026-06-01T00:00:00Z');

type Location = Partial<Omit<FoundTencentShareSubject, 'found' | 'facts'>>;

/** A found image `imageId`, shared with `uins` (each on 2026-05-31 10:00 Beijing time), the account's quota 10. */
export function shared(imageId: string, uins: readonly string[], location: Location & { readonly facts?: Partial<TencentShareFacts> } = {}): FoundTencentShareSubject {
  const { facts, ...rest } = location;
  return {
    apiId: 'tencent-image-shares', cloud: 'tencent', region: 'ap-guangzhou', constructPath: `stack/${imageId}`, imageId,
    ...rest,
    found: true,
    facts: { shares: uins.map((uin) => ({ uin, shareTimeStamp: '2026-05-31 10:00:00', sharedAt: '2026-05-31T10:00:00+08:00' })), maxImgShareNum: 10, ...facts },
  };
}

/** A found image shared with one account at `shareTimeStamp` (Beijing time), as the response parser would give it. */
export function sharedAt(imageId: string, uin: string, shareTimeStamp: string, sharedAtIso?: string): FoundTencentShareSubject {
  return shared(imageId, [], { facts: { shares: [{ uin, shareTimeStamp, sharedAt: sharedAtIso }] } });
}

/** An image the API does not know. */
export function missing(imageId = 'img-gone', region = 'ap-guangzhou'): NotFoundSubject {
  return { apiId: 'tencent-image-shares', cloud: 'tencent', region, imageId, constructPath: `stack/${imageId}`, found: false };
}

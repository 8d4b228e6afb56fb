import type { FoundSubject, PolicySubject } from '../../policy';
import type { ShareUinInfo } from '../response';

/** The API folder whose subjects these rules check. */
export const TENCENT_SHARES_API = 'tencent-image-shares';

/** What a Tencent share-list subject carries: the image's share list and, where the API gives one, the account's quota. */
export interface TencentShareFacts {
  /** The accounts the image is shared with, in the API's order. */
  readonly shares: readonly ShareUinInfo[];
  /**
  The account's quota of images that may be shared (`maxImgShareNum`): account-level, not per image.
  Undefined where the API gives none (the later API 3.0 backend).
  */
  readonly maxImgShareNum?: number;
}

/** A Tencent share-list subject, found or not. */
export type TencentShareSubject = PolicySubject<TencentShareFacts>;

/** A Tencent share-list subject the API knows. */
export type FoundTencentShareSubject = FoundSubject<TencentShareFacts>;

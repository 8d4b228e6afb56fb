import type { Evidence } from './evidence';
import type { Severity } from './severity';

/**
One finding of an evaluation, with everything a report needs: what is wrong (rule, message,
evidence), where (construct path, cloud, region, image) and how to fix it.
*/
export interface PolicyFinding {
  /** The rule that found it (or that threw, when `ruleThrew`). */
  readonly ruleId: string;
  /** The pack the rule came from: the first pack listing it. */
  readonly packId: string;
  readonly severity: Severity;
  /** The construct that looked the image up (`node.path`). */
  readonly constructPath: string;
  /** The API folder of the lookup, e.g. `tencent-image-shares`. */
  readonly apiId: string;
  readonly cloud: string;
  /** `''` for an API without regions. */
  readonly region: string;
  readonly imageId: string;
  readonly message: string;
  /** What the rule saw, as JSON. */
  readonly evidence: Evidence;
  readonly fixHint: string;
  /**
  True when the rule threw (or returned something that is not a list of findings) instead of
  checking this subject: an error finding naming the rule. Suppressions never hide it, and a
  baseline never counts it as known: a broken rule checks nothing.
  */
  readonly ruleThrew: boolean;
  /** After `applyBaseline`: `known` when the baseline records it, else `new`. Undefined without a baseline. */
  readonly baseline?: 'new' | 'known';
}

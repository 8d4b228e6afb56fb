import type { SubjectRule } from '../../policy';
import { TENCENT_SHARES_API, type TencentShareFacts } from './facts';

export const IMAGE_FOUND_ID = 'TencentShares.ImageFound';

/**
Every looked-up image exists: the API's share list knows it. A missing image is an error (the stack
depends on an image that was deleted, or on a mistyped ID, and every other rule has nothing to check),
and a finding rather than a crash, so one report lists every missing image. Evidence: `{ region }`.
Suppressible, for an image being retired on purpose.
*/
export const tencentImageFound: SubjectRule<TencentShareFacts> = {
  id: IMAGE_FOUND_ID,
  apiId: TENCENT_SHARES_API,
  severity: 'error',
  description: 'Looked-up images exist',
  docs: 'A lookup of an image the account does not know (deleted, mistyped, or in another region) leaves nothing for the other rules to check. This rule reports each one, instead of failing the lookup.',
  fixHint: 'Check the image ID and region, and whether the image was deleted; fix the lookup or remove it.',
  check: (subject) => (subject.found ? [] : [{
    message: `Image ${subject.imageId} (${subject.constructPath}) was not found in region ${subject.region || '(none)'}.`,
    evidence: { region: subject.region },
  }]),
};

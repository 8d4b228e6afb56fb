// What the VOD image rules share: the shape of a rule over found images only (not-found ones are
// AliyunVod.ImageFound's) and string-list options.
import { badOption, describeValue, foundOnlyRule, type FoundSubject, type PolicyRuleInfo, type RuleFinding, type SubjectRule } from '../../policy';

export { badOption, describeValue, imageText, integerOption, listText, optionsObject } from '../../policy';
import type { VodImageInfo } from '../response';

/** The API folder whose subjects these rules check. */
export const VOD_IMAGES_API = 'aliyun-vod-images';

/** A VOD subject the API knows: its facts are the image's normalized GetImageInfo(s) entry. */
export type FoundVodSubject = FoundSubject<VodImageInfo>;

/** A rule's declaration, without the API (always this one). */
export type VodRuleInfo = Omit<PolicyRuleInfo, 'apiId'>;

/** A rule over found VOD images only (AliyunVod.ImageFound reports the others). */
export function foundImageRule(
  info: VodRuleInfo,
  check: (subject: FoundVodSubject, now: Date) => RuleFinding | undefined,
): SubjectRule<VodImageInfo> {
  return foundOnlyRule(VOD_IMAGES_API, info, check);
}

/**
A non-empty list of non-empty strings, each passing `problemOf` (which says what is wrong with one,
if anything); returned trimmed, without duplicates.
*/
export function stringListOption(
  ruleId: string, option: string, value: unknown, what: string, example: string,
  problemOf: (item: string) => string | undefined = () => undefined,
): readonly string[] {
  if (!Array.isArray(value) || value.length === 0) {
    return badOption(ruleId, option, `expected a non-empty list of ${what}, got ${describeValue(value)}: pass e.g. ${example}`);
  }
  const items = value.map((item: unknown, index) => {
    const text = typeof item === 'string' ? item.trim() : '';
    const problem = text === '' ? `expected one of the ${what}, got ${describeValue(item)}` : problemOf(text);
    return problem === undefined ? text : badOption(ruleId, `${option}[${index}]`, `${problem}: pass e.g. ${example}`);
  });
  return [...new Set(items)];
}

// What the Tencent share-list rules share: option checks that name the option, and the shape of a
// rule that checks found images only (not-found ones are TencentShares.ImageFound's).
import { badOption, describeValue as describe, foundOnlyRule, listText, type PolicyRuleInfo, type RuleFinding, type SubjectRule } from '../../policy';

export { badOption, describeValue as describe, imageText, listText } from '../../policy';
import { TENCENT_SHARES_API, type FoundTencentShareSubject, type TencentShareFacts } from './facts';

/** Options of a rule that takes a list of accounts. */
export interface TencentAccountsOptions {
  /** Account IDs (UINs), as strings of digits, e.g. `'100001'`. At least one. */
  readonly accounts: readonly string[];
}

/** A rule's declaration, without the API (always this one). */
export type TencentRuleInfo = Omit<PolicyRuleInfo, 'apiId'>;

/** A rule over found images only (TencentShares.ImageFound reports the others). */
export function foundImageRule(
  info: TencentRuleInfo,
  check: (subject: FoundTencentShareSubject, now: Date) => RuleFinding | undefined,
): SubjectRule<TencentShareFacts> {
  return foundOnlyRule(TENCENT_SHARES_API, info, check);
}

/**
The options object itself, with only the options `known`: a rule factory called with nothing (when
options are `required`), with something else, or with an option it does not have (a misspelt option
would check nothing), fails here.
*/
export function optionsObject<T>(ruleId: string, options: T | undefined, required: boolean, known: readonly (keyof T & string)[]): Partial<T> {
  if (options === undefined && !required) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    return badOption(ruleId, 'options', `expected an object of options, got ${describe(options)}: pass the rule's options object, as its docs show`);
  }
  const unknown = Object.keys(options).filter((key) => !(known as readonly string[]).includes(key));
  if (unknown.length > 0) badOption(ruleId, unknown[0], `is not an option of this rule: its options are ${listText(known)}`);
  return options;
}

/** A non-empty list of UINs (strings of digits), without duplicates; returned as a set. */
export function accountSet(ruleId: string, option: string, value: unknown): ReadonlySet<string> {
  if (!Array.isArray(value) || value.length === 0) {
    return badOption(ruleId, option, `expected a non-empty list of account IDs, got ${describe(value)}: pass the UINs as strings of digits, e.g. ['100001']`);
  }
  value.forEach((uin: unknown, index) => {
    if (typeof uin !== 'string' || !/^\d+$/.test(uin)) {
      badOption(ruleId, `${option}[${index}]`, `expected an account ID (a string of digits, e.g. '100001'), got ${describe(uin)}: pass UINs as strings, since they can exceed 2^31`);
    }
  });
  return new Set(value as string[]);
}

/** A whole number of at least `min`, or `fallback` when undefined (and a fallback exists). */
export function integerOption(ruleId: string, option: string, value: unknown, min: number, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    return badOption(ruleId, option, `expected a whole number of at least ${min}, got ${describe(value)}: pass e.g. ${Math.max(min, 1) * 10}`);
  }
  return value;
}

/** "account 100001" or "accounts 100001 and 100002". */
export function accountsText(uins: readonly string[]): string {
  return `${uins.length === 1 ? 'account' : 'accounts'} ${listText(uins)}`;
}

/**
A rule over the accounts of each found image's share list, against the `accounts` option: `offends`
picks the UINs to report, and `finding` words the finding for them (called only when there are some).
*/
export function accountsRule(
  info: TencentRuleInfo,
  options: TencentAccountsOptions,
  offends: (uin: string, accounts: ReadonlySet<string>) => boolean,
  finding: (subject: FoundTencentShareSubject, uins: readonly string[], accounts: ReadonlySet<string>) => RuleFinding,
): SubjectRule<TencentShareFacts> {
  const accounts = accountSet(info.id, 'accounts', optionsObject(info.id, options, true, ['accounts']).accounts);
  return foundImageRule(info, (subject) => {
    const uins = subject.facts.shares.map((share) => share.uin).filter((uin) => offends(uin, accounts));
    return uins.length === 0 ? undefined : finding(subject, uins, accounts);
  });
}

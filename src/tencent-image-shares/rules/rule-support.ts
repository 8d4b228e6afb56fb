// What the Tencent share-list rules share: account-list options, and the shape of a rule that
// checks found images only (not-found ones are TencentShares.ImageFound's).
import { badOption, describeValue as describe, foundOnlyRule, listText, optionsObject, type PolicyRuleInfo, type RuleFinding, type SubjectRule } from '../../policy';

export { badOption, describeValue as describe, imageText, integerOption, listText, optionsObject } from '../../policy';
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
  const accounts = accountSet(info.id, 'accounts', optionsObject(info.id, options, ['accounts'], { example: "{ accounts: ['100001'] }" }).accounts);
  return foundImageRule(info, (subject) => {
    const uins = subject.facts.shares.map((share) => share.uin).filter((uin) => offends(uin, accounts));
    return uins.length === 0 ? undefined : finding(subject, uins, accounts);
  });
}

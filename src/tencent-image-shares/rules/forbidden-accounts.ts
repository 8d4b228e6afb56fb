import type { PolicyRule } from '../../policy';
import type { TencentShareFacts } from './facts';
import { accountsRule, accountsText, imageText, type TencentAccountsOptions } from './rule-support';

export const FORBIDDEN_ACCOUNTS_ID = 'TencentShares.ForbiddenAccounts';

/**
Images are never shared with the forbidden accounts (`accounts`), e.g. a former vendor's: one finding
per image shared with any of them, naming them all. Evidence: `{ uins }`. Not-found images are skipped.
*/
export function tencentForbiddenAccounts(options: TencentAccountsOptions): PolicyRule<TencentShareFacts> {
  return accountsRule({
    id: FORBIDDEN_ACCOUNTS_ID,
    severity: 'error',
    description: 'Images are not shared with forbidden accounts',
    docs: 'Some accounts must never receive an image (a former vendor, a test tenant). This rule lists every account of the `accounts` option an image is shared with.',
    fixHint: 'Unshare the image from the forbidden account (ModifyImageSharePermission with CANCEL).',
  }, options, (uin, forbidden) => forbidden.has(uin), (subject, uins) => ({
    message: `${imageText(subject)} is shared with forbidden ${accountsText(uins)}.`,
    evidence: { uins: [...uins] },
  }));
}

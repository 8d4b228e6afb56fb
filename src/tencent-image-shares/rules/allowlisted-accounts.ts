import type { PolicyRule } from '../../policy';
import type { TencentShareFacts } from './facts';
import { accountsRule, accountsText, imageText, type TencentAccountsOptions } from './rule-support';

export const ALLOWLISTED_ACCOUNTS_ID = 'TencentShares.AllowlistedAccounts';

/**
Images are shared only with the allowlisted accounts (`accounts`): one finding per image shared with
any other account, naming them all. Evidence: `{ uins, allowlist }`. Not-found images are skipped.
*/
export function tencentAllowlistedAccounts(options: TencentAccountsOptions): PolicyRule<TencentShareFacts> {
  return accountsRule({
    id: ALLOWLISTED_ACCOUNTS_ID,
    severity: 'error',
    description: 'Images are shared only with allowlisted accounts',
    docs: 'An image shared with an account outside the organization leaks what it contains. This rule lists every account an image is shared with that is not in the `accounts` option.',
    fixHint: 'Unshare the image from the account (ModifyImageSharePermission with CANCEL), or add the account to the allowlist.',
  }, options, (uin, allowlist) => !allowlist.has(uin), (subject, uins, allowlist) => ({
    message: `${imageText(subject)} is shared with ${accountsText(uins)}, not in the allowlist.`,
    evidence: { uins: [...uins], allowlist: [...allowlist] },
  }));
}

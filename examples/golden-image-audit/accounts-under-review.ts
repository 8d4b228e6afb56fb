// A custom rule: a SubjectRule has the same shape as the built-in ones. In your own project, import
// the types from 'cdktf-image-lookups'.
import type { SubjectRule, TencentShareFacts } from '../../src';

export const ACCOUNTS_UNDER_REVIEW_ID = 'GoldenImages.AccountsUnderReview';

/**
Flags every golden image shared with an account under review (allowed for now, on its way in or
out): one warning per image, naming the accounts and why they are under review. Evidence:
`{ accounts: [{ uin, note }] }`. Not-found images are skipped (TencentShares.ImageFound reports them).
*/
export function accountsUnderReview(accounts: Readonly<Record<string, string>>): SubjectRule<TencentShareFacts> {
  return {
    id: ACCOUNTS_UNDER_REVIEW_ID,
    apiId: 'tencent-image-shares',
    severity: 'warning',
    description: 'Golden images shared with an account under review are flagged',
    docs: 'Accounts under review may use golden images for now; each share with one is listed until the review ends.',
    fixHint: 'Finish the review: move the account to the allowlist, or unshare the image from it.',
    check: (subject) => {
      if (!subject.found) return [];
      const flagged = subject.facts.shares
        .filter(({ uin }) => Object.hasOwn(accounts, uin))
        .map(({ uin }) => ({ uin, note: accounts[uin] }));
      if (flagged.length === 0) return [];
      return [{
        message: `Image ${subject.imageId} (${subject.constructPath}) is shared with ${flagged.map(({ uin, note }) => `${uin} (${note})`).join(', ')}, under review.`,
        evidence: { accounts: flagged },
      }];
    },
  };
}

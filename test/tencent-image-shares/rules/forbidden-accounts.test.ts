import { LookupInputError } from '../../../src/engine';
import { tencentForbiddenAccounts } from '../../../src/tencent-image-shares/rules';
import { thrown } from '../../support/expect-errors';
import { findingsOf, messagesOf } from '../../support/policy-rule-check';
import { missing, NOW, shared } from './share-subjects';

const rule = tencentForbiddenAccounts({ accounts: ['666666'] });

describe('TencentShares.ForbiddenAccounts', () => {
  it('passes an image not shared with a forbidden account', () => {
    expect(messagesOf(rule, [shared('img-a', ['100001']), shared('img-b', [])], NOW)).toEqual([]);
  });

  it('names the image and the forbidden account', () => {
    expect(messagesOf(rule, [shared('img-a', ['100001', '666666'])], NOW)).toEqual(['Image img-a (stack/img-a) is shared with forbidden account 666666.']);
  });

  it('gives the forbidden UINs as evidence', () => {
    expect(findingsOf(rule, [shared('img-a', ['666666'])], NOW)[0]).toMatchObject({ severity: 'error', evidence: { uins: ['666666'] } });
  });

  it('skips an image that was not found', () => {
    expect(messagesOf(rule, [missing()], NOW)).toEqual([]);
  });

  it('refuses accounts that are not UIN strings', () => {
    expect(thrown(() => tencentForbiddenAccounts({ accounts: ['abc'] }), LookupInputError).message).toMatch(/^TencentShares\.ForbiddenAccounts option accounts\[0\]: expected an account ID/);
  });
});

import fc from 'fast-check';
import { LookupInputError } from '../../../src/engine';
import { tencentAllowlistedAccounts } from '../../../src/tencent-image-shares/rules';
import { thrown } from '../../support/expect-errors';
import { findingsOf, messagesOf } from '../../support/policy-rule-check';
import { missing, NOW, shared } from './share-subjects';

const rule = tencentAllowlistedAccounts({ accounts: ['100001', '100002'] });

describe('TencentShares.AllowlistedAccounts', () => {
  it('passes an image shared only with allowlisted accounts, and an unshared one', () => {
    expect(messagesOf(rule, [shared('img-a', ['100001', '100002']), shared('img-b', [])], NOW)).toEqual([]);
  });

  it('names the image and every account outside the allowlist', () => {
    expect(messagesOf(rule, [shared('img-a', ['100001', '200001', '200002'])], NOW)).toEqual(['Image img-a (stack/img-a) is shared with accounts 200001 and 200002, not in the allowlist.']);
  });

  it('gives the offending UINs and the allowlist as evidence, at error', () => {
    expect(findingsOf(rule, [shared('img-a', ['200001'])], NOW)[0]).toMatchObject({ ruleId: 'TencentShares.AllowlistedAccounts', severity: 'error', evidence: { uins: ['200001'], allowlist: ['100001', '100002'] } });
  });

  it('skips an image that was not found', () => {
    expect(messagesOf(rule, [missing()], NOW)).toEqual([]);
  });

  it('refuses an empty or malformed allowlist before evaluation, naming the option', () => {
    expect(thrown(() => tencentAllowlistedAccounts({ accounts: [] }), LookupInputError)).toMatchObject({ code: 'InvalidLookupInput', input: 'TencentShares.AllowlistedAccounts option accounts' });
    expect(thrown(() => tencentAllowlistedAccounts({ accounts: ['100001', 100002 as unknown as string] }), LookupInputError).message).toMatch(/option accounts\[1\]: expected an account ID .*got the number 100002/);
    expect(thrown(() => tencentAllowlistedAccounts(undefined as never), LookupInputError).input).toBe('TencentShares.AllowlistedAccounts option options');
  });

  it('reports an image exactly when one of its accounts is outside the allowlist', () => {
    const uin = fc.stringMatching(/^[1-3]0000[12]$/);
    fc.assert(fc.property(fc.array(uin, { maxLength: 5 }), (uins) => {
      expect(messagesOf(rule, [shared('img-p', uins)], NOW)).toHaveLength(uins.some((each) => !['100001', '100002'].includes(each)) ? 1 : 0);
    }));
  });
});

import { LookupInputError } from '../../../src/engine';
import { evaluatePolicies } from '../../../src/policy';
import { tencentSharesPack } from '../../../src/tencent-image-shares/rules';
import { thrown } from '../../support/expect-errors';
import { missing, NOW, shared, sharedAt } from './share-subjects';

describe('tencentSharesPack', () => {
  it('holds ImageFound and ShareQuotaHeadroom by default, and each other rule when its options are given', () => {
    expect(tencentSharesPack().rules.map((rule) => rule.id)).toEqual(['TencentShares.ImageFound', 'TencentShares.ShareQuotaHeadroom']);
    expect(tencentSharesPack({ allowlistedAccounts: { accounts: ['1'] }, forbiddenAccounts: { accounts: ['2'] }, unsharedImages: { imageIds: ['i'] }, maxSharesPerImage: { max: 1 }, maxShareAge: {} }).rules).toHaveLength(7);
  });

  it('validates the rules\' options when it is built', () => {
    expect(thrown(() => tencentSharesPack({ maxSharesPerImage: { max: -2 } }), LookupInputError).input).toBe('TencentShares.MaxSharesPerImage option max');
  });

  it('evaluates every rule over the subjects, in pack order, and counts suppressions', () => {
    const pack = tencentSharesPack({ allowlistedAccounts: { accounts: ['100001', '100002'] }, forbiddenAccounts: { accounts: ['666666'] }, unsharedImages: { imageIds: ['img-secret'] }, maxSharesPerImage: { max: 2 }, maxShareAge: { maxAgeDays: 30 }, shareQuotaHeadroom: { maxUsedRatio: 0.2 } });
    const subjects = [
      shared('img-ok', ['100001']),
      shared('img-wide', ['100001', '100002', '666666']),
      shared('img-secret', ['100002']),
      sharedAt('img-old', '100001', '2025-12-01 09:00:00', '2025-12-01T09:00:00+08:00'),
      missing('img-gone'),
    ];
    const result = evaluatePolicies(subjects, [pack], { now: NOW, suppressions: [{ ruleId: 'TencentShares.MaxShareAge', imageId: 'img-old', reason: 'reviewed in the June audit', owner: 'platform' }] });
    expect(result.findings.map((finding) => [finding.ruleId, finding.imageId, finding.severity])).toEqual([
      ['TencentShares.ImageFound', 'img-gone', 'error'],
      ['TencentShares.AllowlistedAccounts', 'img-wide', 'error'],
      ['TencentShares.ForbiddenAccounts', 'img-wide', 'error'],
      ['TencentShares.UnsharedImages', 'img-secret', 'error'],
      ['TencentShares.MaxSharesPerImage', 'img-wide', 'warning'],
      ['TencentShares.ShareQuotaHeadroom', 'img-ok', 'warning'],
    ]);
    expect(result.suppressed.map((entry) => entry.finding.imageId)).toEqual(['img-old']);
    expect(result.rules.map((rule) => [rule.id, rule.subjectCount, rule.suppressible])).toContainEqual(['TencentShares.UnsharedImages', 5, false]);
  });
});

describe('misspelt options', () => {
  test.each<[string, () => unknown, string]>([
    ['a pack option', () => tencentSharesPack({ allowListedAccounts: { accounts: ['1'] } } as never), 'TencentShares pack option allowListedAccounts'],
    ['a rule option', () => tencentSharesPack({ maxShareAge: { maxAgeDay: 30 } as never }), 'TencentShares.MaxShareAge option maxAgeDay'],
  ])('%s is refused, naming it, rather than checking nothing', (_what, make, input) => {
    const error = thrown(make, LookupInputError);
    expect(error.input).toBe(input);
    expect(error.message).toMatch(/is not an option of this rule: its options are/);
  });
});

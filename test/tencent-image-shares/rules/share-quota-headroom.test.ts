import fc from 'fast-check';
import { LookupInputError } from '../../../src/engine';
import { tencentShareQuotaHeadroom } from '../../../src/tencent-image-shares/rules';
import { thrown } from '../../support/expect-errors';
import { evaluatePolicies } from '../../../src/policy';
import { findingsOf, messagesOf } from '../../support/policy-rule-check';
import { missing, NOW, shared } from './share-subjects';

const rule = tencentShareQuotaHeadroom({ maxUsedRatio: 0.5 });
/** `count` found images shared with one account each, the account's quota `quota`. */
const images = (count: number, quota?: number, region = 'ap-guangzhou') => Array.from({ length: count }, (_, index) => shared(`img-${region}-${index}`, ['100001'], { region, facts: { maxImgShareNum: quota } }));

describe('TencentShares.ShareQuotaHeadroom', () => {
  it('passes while the shared images use at most maxUsedRatio of the quota; unshared images do not count', () => {
    expect(messagesOf(rule, [...images(2, 4), shared('img-private', [], { facts: { maxImgShareNum: 4 } }), missing()], NOW)).toEqual([]);
  });

  it('warns once per region, on its first shared image, above maxUsedRatio', () => {
    expect(findingsOf(rule, images(3, 4), NOW)).toMatchObject([{ severity: 'warning', imageId: 'img-ap-guangzhou-0', message: "3 of the looked-up images in region ap-guangzhou are shared, 75% of the account's share quota of 4, above the 50% allowed.", evidence: { region: 'ap-guangzhou', shared: 3, quota: 4, usedRatio: 0.75, maxUsedRatio: 0.5 } }]);
  });

  it('is an error above the quota itself', () => {
    expect(findingsOf(rule, images(3, 2), NOW)).toMatchObject([{ severity: 'error', message: "3 of the looked-up images in region ap-guangzhou are shared, more than the account's share quota of 2." }]);
  });

  it('reports one info "not applicable" finding where no subject has a quota (API 3.0), or nothing was found', () => {
    expect(findingsOf(rule, [...images(3), ...images(1, undefined, 'ap-shanghai'), missing('img-gone', 'ap-beijing')], NOW).map((finding) => [finding.severity, finding.imageId, finding.evidence.applicable])).toEqual([['info', 'img-ap-guangzhou-0', false], ['info', 'img-ap-shanghai-0', false], ['info', 'img-gone', false]]);
  });

  it('counts an image looked up by two constructs once', () => {
    const twice = [...images(2, 4), ...images(2, 4).map((subject) => ({ ...subject, constructPath: 'other/shares' }))];
    expect(messagesOf(rule, twice, NOW)).toEqual([]);
  });

  it('reports on the first shared image by construct path and image ID, whatever the order', () => {
    const subjects = images(3, 4);
    expect(findingsOf(rule, [...subjects].reverse(), NOW).map((finding) => finding.imageId)).toEqual(['img-ap-guangzhou-0']);
  });

  it('counts every looked-up image of the app, even those it does not check (its pack on one stack only)', () => {
    const [checked, ...elsewhere] = images(3, 4);
    const result = evaluatePolicies([checked, ...elsewhere.map((subject) => ({ ...subject, constructPath: 'other/shares' }))],
      [{ id: 'p', rules: [rule] }], { now: NOW, appliesTo: (_pack, subject) => subject.constructPath === checked.constructPath });
    expect(result.findings.map((finding) => [finding.imageId, finding.evidence.shared])).toEqual([[checked.imageId, 3]]);
  });

  it('counts each region against its own quota', () => {
    expect(messagesOf(rule, [...images(1, 4), ...images(3, 4, 'ap-shanghai')], NOW)).toEqual([expect.stringMatching(/^3 of the looked-up images in region ap-shanghai/)]);
  });

  it('defaults maxUsedRatio to 0.8', () => {
    expect([messagesOf(tencentShareQuotaHeadroom(), images(4, 5), NOW), messagesOf(tencentShareQuotaHeadroom(), images(5, 5), NOW)].map((messages) => messages.length)).toEqual([0, 1]);
  });

  it('refuses a maxUsedRatio outside (0, 1]', () => {
    expect(thrown(() => tencentShareQuotaHeadroom({ maxUsedRatio: 80 }), LookupInputError).message).toMatch(/^TencentShares\.ShareQuotaHeadroom option maxUsedRatio: expected a number above 0 and at most 1, got the number 80/);
    expect(thrown(() => tencentShareQuotaHeadroom({ maxUsedRatio: 0 }), LookupInputError).input).toBe('TencentShares.ShareQuotaHeadroom option maxUsedRatio');
  });

  it('finds something exactly when shared / quota exceeds maxUsedRatio', () => {
    fc.assert(fc.property(fc.nat(6), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 10 }), (count, quota, tenths) => {
      expect(messagesOf(tencentShareQuotaHeadroom({ maxUsedRatio: tenths / 10 }), images(count, quota), NOW)).toHaveLength(count / quota > tenths / 10 ? 1 : 0);
    }));
  });
});

import fc from 'fast-check';
import { LookupInputError } from '../../../src/engine';
import { tencentMaxSharesPerImage } from '../../../src/tencent-image-shares/rules';
import { thrown } from '../../support/expect-errors';
import { findingsOf, messagesOf } from '../../support/policy-rule-check';
import { missing, NOW, shared } from './share-subjects';

const rule = tencentMaxSharesPerImage({ max: 2 });

describe('TencentShares.MaxSharesPerImage', () => {
  it('passes an image shared with max accounts or fewer', () => {
    expect(messagesOf(rule, [shared('img-a', ['1', '2']), shared('img-b', [])], NOW)).toEqual([]);
  });

  it('names the image and the count when it is shared with more', () => {
    expect(messagesOf(rule, [shared('img-a', ['1', '2', '3'])], NOW)).toEqual(['Image img-a (stack/img-a) is shared with 3 accounts, more than the 2 allowed.']);
  });

  it('gives the count, max and UINs as evidence, at warning', () => {
    expect(findingsOf(rule, [shared('img-a', ['1', '2', '3'])], NOW)[0]).toMatchObject({ severity: 'warning', evidence: { count: 3, max: 2, uins: ['1', '2', '3'] } });
  });

  it('skips an image that was not found', () => {
    expect(messagesOf(tencentMaxSharesPerImage({ max: 0 }), [missing()], NOW)).toEqual([]);
  });

  it('refuses a max that is not a whole number of at least 0', () => {
    expect(thrown(() => tencentMaxSharesPerImage({ max: -1 }), LookupInputError).message).toMatch(/^TencentShares\.MaxSharesPerImage option max: expected a whole number of at least 0, got the number -1/);
    expect(thrown(() => tencentMaxSharesPerImage({ max: 1.5 }), LookupInputError).input).toBe('TencentShares.MaxSharesPerImage option max');
  });

  it('reports exactly the images with more than max shares', () => {
    fc.assert(fc.property(fc.nat(5), fc.nat(5), (max, count) => {
      expect(messagesOf(tencentMaxSharesPerImage({ max }), [shared('img-p', Array.from({ length: count }, (_, index) => `${100 + index}`))], NOW)).toHaveLength(count > max ? 1 : 0);
    }));
  });
});

import { LookupInputError } from '../../../src/engine';
import { evaluatePolicies } from '../../../src/policy';
import { tencentUnsharedImages } from '../../../src/tencent-image-shares/rules';
import { thrown } from '../../support/expect-errors';
import { findingsOf, messagesOf } from '../../support/policy-rule-check';
import { missing, NOW, shared } from './share-subjects';

const rule = tencentUnsharedImages({ imageIds: ['img-secret'], match: (subject) => subject.constructPath.startsWith('vault/') });

describe('TencentShares.UnsharedImages', () => {
  it('passes a private image with no shares, and other images with shares', () => {
    expect(messagesOf(rule, [shared('img-secret', []), shared('img-public', ['100001'])], NOW)).toEqual([]);
  });

  it('names the image and the accounts of a listed image that is shared', () => {
    expect(messagesOf(rule, [shared('img-secret', ['100001'])], NOW)).toEqual(['Image img-secret (stack/img-secret) must not be shared, but is shared with account 100001.']);
  });

  it('also reports the images the match predicate picks', () => {
    expect(findingsOf(rule, [shared('img-x', ['1', '2'], { constructPath: 'vault/x' })], NOW)).toMatchObject([{ severity: 'error', constructPath: 'vault/x', evidence: { uins: ['1', '2'] } }]);
  });

  it('cannot be suppressed', () => {
    expect(evaluatePolicies([shared('img-secret', ['1'])], [{ id: 'p', rules: [rule] }], { now: NOW, suppressions: [{ ruleId: 'TencentShares.UnsharedImages', imageId: 'img-secret', reason: 'we know about this one' }] }).findings).toHaveLength(1);
  });

  it('skips an image that was not found', () => {
    expect(messagesOf(rule, [missing('img-secret')], NOW)).toEqual([]);
  });

  it('refuses options that pick nothing, or of the wrong type', () => {
    expect(thrown(() => tencentUnsharedImages({}), LookupInputError).message).toMatch(/^TencentShares\.UnsharedImages option imageIds: neither imageIds nor match is given/);
    expect(thrown(() => tencentUnsharedImages({ imageIds: [''] }), LookupInputError).input).toBe('TencentShares.UnsharedImages option imageIds');
    expect(thrown(() => tencentUnsharedImages({ match: 'prod/*' as never }), LookupInputError).input).toBe('TencentShares.UnsharedImages option match');
  });
});

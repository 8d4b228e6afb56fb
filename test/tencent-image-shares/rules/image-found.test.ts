import { tencentImageFound } from '../../../src/tencent-image-shares/rules';
import { findingsOf, messagesOf } from '../../support/policy-rule-check';
import { missing, NOW, shared } from './share-subjects';

describe('TencentShares.ImageFound', () => {
  it('passes a found image, shared or not', () => {
    expect(messagesOf(tencentImageFound, [shared('img-a', []), shared('img-b', ['1'])], NOW)).toEqual([]);
  });

  it('reports an image that was not found as an error finding, naming it and the region', () => {
    expect(findingsOf(tencentImageFound, [missing('img-gone', 'ap-shanghai')], NOW)).toMatchObject([{ severity: 'error', imageId: 'img-gone', message: 'Image img-gone (stack/img-gone) was not found in region ap-shanghai.', evidence: { region: 'ap-shanghai' } }]);
  });
});

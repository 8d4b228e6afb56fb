import { Testing } from 'cdktf';
import { ImagePolicies, LookupTesting, tencentSharesFixture, tencentSharesPack } from '../../src';
import '../../src/testing/jest';
import { GoldenImages } from './golden-images';

describe('GoldenImages', () => {
  // The lookups' answers, as the API would give them: no network, emulator or cache file.
  const fixtures = [tencentSharesFixture({
    region: 'ap-guangzhou',
    images: {
      'img-jgggrva9': [{ uin: '1621874004', sharedAt: '2026-01-01T00:00:00Z' }],
      'img-6pb6lrmy': [{ uin: '1621874004', sharedAt: '2026-01-01T00:00:00Z' }, { uin: '2087654321', sharedAt: '2026-02-01T00:00:00Z' }],
    },
  })];

  test('an image shared outside the allowlist is a violation of that stack', () => {
    const app = LookupTesting.app({ fixtures });
    ImagePolicies.of(app).addPack(tencentSharesPack({ allowlistedAccounts: { accounts: ['1621874004'] } }));
    const stack = new GoldenImages(app, 'golden', { region: 'ap-guangzhou', imageIds: ['img-jgggrva9', 'img-6pb6lrmy'] });
    Testing.synth(stack);
    expect(stack).toHavePolicyViolation('TencentShares.AllowlistedAccounts', { imageId: 'img-6pb6lrmy' });
  });

  test('with the account allowlisted, the stack is compliant', () => {
    const app = LookupTesting.app({ fixtures });
    ImagePolicies.of(app).addPack(tencentSharesPack({ allowlistedAccounts: { accounts: ['1621874004', '2087654321'] } }));
    expect(new GoldenImages(app, 'golden', { region: 'ap-guangzhou', imageIds: ['img-jgggrva9', 'img-6pb6lrmy'] })).toBeCompliant();
  });
});

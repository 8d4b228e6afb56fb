import { formatLookupKey } from '../../src/engine';
import { tencentShareKey } from '../../src/tencent-image-shares';

describe('formatLookupKey', () => {
  test('names the cloud, the API and each parameter in the order given, leaving out undefined ones', () => {
    expect(formatLookupKey('tencent', 'GetImageShareUinInfo', [['region', 'ap-guangzhou'], ['extra', undefined], ['imageId', 'img-jgggrva9']]))
      .toBe('tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-jgggrva9');
  });

  test.each([':', ',', '{', ' '])('refuses a value containing %j, which would break keys or refresh globs', (character) => {
    expect(() => formatLookupKey('c', 'A', [['p', `x${character}y`]])).toThrow(/contains a character keys cannot hold/);
  });
});

describe('Tencent share keys', () => {
  test('are documented and stable: one per image, one per region for the account quota', () => {
    expect(tencentShareKey({ kind: 'image', region: 'ap-shanghai', imageId: 'img-31tjrtph' }))
      .toBe('tencent:GetImageShareUinInfo:region=ap-shanghai:imageId=img-31tjrtph');
    expect(tencentShareKey({ kind: 'account', region: 'ap-shanghai', imageId: 'img-31tjrtph' }))
      .toBe('tencent:GetImageShareUinInfo:region=ap-shanghai:scope=account');
  });
});

import { formatLookupKey } from '../../src/engine';

describe('formatLookupKey', () => {
  test('names the cloud, the API and each parameter in the order given, leaving out undefined ones', () => {
    expect(formatLookupKey('tencent', 'GetImageShareUinInfo', [['region', 'ap-guangzhou'], ['extra', undefined], ['imageId', 'img-jgggrva9']]))
      .toBe('tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-jgggrva9');
  });

  test.each([':', ',', '{', ' '])('refuses a value containing %j, which would break keys or refresh globs', (character) => {
    expect(() => formatLookupKey('c', 'A', [['p', `x${character}y`]])).toThrow(/contains a character keys cannot hold/);
  });
});

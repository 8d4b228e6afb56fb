import { aliyunVodImagesProvider, vodImagesPack } from '../../src/aliyun-vod-images';
import { cachedEntryProblem } from '../../src/engine/cached-entry-problem';
import { LookupInputError } from '../../src/engine/errors';
import { evaluatePolicies } from '../../src/policy';
import { resolveTencentClientConfig, tencentImageSharesProvider } from '../../src/tencent-image-shares';
import { resolveAliyunVodClientConfig } from '../../src/aliyun-vod-images';
import { tencentSharesFixture, vodImageFixture } from '../../src/testing';
import { thrown } from '../support/expect-errors';

const COVER = '7c1e4a2b9d3f4e6a8b0c2d4e6f8a0b1c';
const IMAGE_KEY = 'tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-jgggrva9';
const ACCOUNT_KEY = 'tencent:GetImageShareUinInfo:region=ap-guangzhou:scope=account';

function inputOf(run: () => unknown): string {
  return thrown(run, LookupInputError).input;
}

describe('tencentSharesFixture', () => {
  test('one entry per image and one for the quota, as the provider caches them', () => {
    expect(tencentSharesFixture({ region: 'ap-guangzhou', images: { 'img-jgggrva9': [{ uin: '1621874004', sharedAt: '2026-01-01T00:00:00Z' }], 'img-unknown1': null } }).entries).toEqual({
      [IMAGE_KEY]: {
        provider: 'tencent:GetImageShareUinInfo', outcome: 'found', endpoint: 'https://image.api.qcloud.com/v2/index.php', fetchedAt: '2026-01-01T00:00:00Z',
        value: { imageId: 'img-jgggrva9', shares: [{ uin: '1621874004', sharedAt: '2026-01-01T08:00:00+08:00', shareTimeStamp: '2026-01-01 08:00:00' }] },
      },
      'tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-unknown1': {
        provider: 'tencent:GetImageShareUinInfo', outcome: 'notFound', endpoint: 'https://image.api.qcloud.com/v2/index.php', fetchedAt: '2026-01-01T00:00:00Z',
      },
      [ACCOUNT_KEY]: {
        provider: 'tencent:GetImageShareUinInfo', outcome: 'found', endpoint: 'https://image.api.qcloud.com/v2/index.php', fetchedAt: '2026-01-01T00:00:00Z',
        value: { maxImgShareNum: 50 },
      },
    });
  });

  test('every entry passes the checks the engine makes on cached entries', () => {
    const config = resolveTencentClientConfig({ region: 'ap-guangzhou' }, {});
    const { entries } = tencentSharesFixture({ region: 'ap-guangzhou', maxImgShareNum: 0, images: { 'img-jgggrva9': [{ uin: '1' }, { uin: '2', shareTimeStamp: 'yesterday' }], 'img-2xk9q7dm': [] } });
    for (const [imageId, kind] of [['img-jgggrva9', 'image'], ['img-2xk9q7dm', 'image'], ['img-jgggrva9', 'account']] as const) {
      const query = { kind, imageId, config };
      expect(cachedEntryProblem(entries[tencentImageSharesProvider.keyOf(query)], tencentImageSharesProvider, query)).toBeUndefined();
    }
  });

  test('share times: any zone in, the Beijing-time text and its +08:00 reading out, as the provider reads the API', () => {
    const sharesOf = (share: object) => (tencentSharesFixture({ region: 'ap-guangzhou', images: { 'img-jgggrva9': [{ uin: '1', ...share }] } })
      .entries[IMAGE_KEY].value as { shares: unknown[] }).shares[0];
    expect(sharesOf({ sharedAt: '2016-01-13T07:16:53Z' })).toEqual({ uin: '1', sharedAt: '2016-01-13T15:16:53+08:00', shareTimeStamp: '2016-01-13 15:16:53' });
    expect(sharesOf({ sharedAt: '2016-01-13T15:16:53+08:00' })).toEqual({ uin: '1', sharedAt: '2016-01-13T15:16:53+08:00', shareTimeStamp: '2016-01-13 15:16:53' });
    // Across midnight in Beijing.
    expect(sharesOf({ sharedAt: '2025-12-31T20:00:00.000Z' })).toEqual({ uin: '1', sharedAt: '2026-01-01T04:00:00+08:00', shareTimeStamp: '2026-01-01 04:00:00' });
    expect(sharesOf({ shareTimeStamp: '2016-01-18 13:14:17' })).toEqual({ uin: '1', sharedAt: '2016-01-18T13:14:17+08:00', shareTimeStamp: '2016-01-18 13:14:17' });
    expect(sharesOf({ shareTimeStamp: '2016-01-18 13:14:17', sharedAt: '2016-01-18T05:14:17Z' })).toEqual(sharesOf({ shareTimeStamp: '2016-01-18 13:14:17' }));
    // Text of another shape stays as the API sent it, without an ISO time: the provider does the same.
    expect(sharesOf({ shareTimeStamp: '18/01/2016' })).toEqual({ uin: '1', shareTimeStamp: '18/01/2016' });
    expect(sharesOf({})).toEqual({ uin: '1', sharedAt: '2026-01-01T08:00:00+08:00', shareTimeStamp: '2026-01-01 08:00:00' });
  });

  test('a bad input is refused, naming it', () => {
    const images = (share: object) => ({ region: 'ap-guangzhou', images: { 'img-jgggrva9': [{ uin: '1', ...share }] } });
    expect(inputOf(() => tencentSharesFixture(images({ sharedAt: '2016-01-13 07:16:53' })))).toBe('tencentSharesFixture: images["img-jgggrva9"][0].sharedAt');
    expect(inputOf(() => tencentSharesFixture(images({ sharedAt: '2016-01-13T07:16:53.5Z' })))).toBe('tencentSharesFixture: images["img-jgggrva9"][0].sharedAt');
    expect(inputOf(() => tencentSharesFixture(images({ sharedAt: '2016-01-13T07:16:53Z', shareTimeStamp: '2016-01-13 07:16:53' }))))
      .toBe('tencentSharesFixture: images["img-jgggrva9"][0].shareTimeStamp');
    expect(inputOf(() => tencentSharesFixture(images({ uin: 1621874004 })))).toBe('tencentSharesFixture: images["img-jgggrva9"][0].uin');
    expect(inputOf(() => tencentSharesFixture({ region: 'ap-guangzhou', images: { 'img-1': [] } }))).toBe('tencentSharesFixture: images');
    expect(inputOf(() => tencentSharesFixture({ region: 'ap-guangzhou', images: { 'img-jgggrva9': 'none' as unknown as [] } }))).toBe('tencentSharesFixture: images["img-jgggrva9"]');
    expect(inputOf(() => tencentSharesFixture({ region: 'ap-guangzhou', images: {} }))).toBe('tencentSharesFixture: images');
    expect(inputOf(() => tencentSharesFixture({ region: 'ap-guangzhou', images: { 'img-jgggrva9': [] }, maxImgShareNum: -1 }))).toBe('tencentSharesFixture: maxImgShareNum');
    const region = thrown(() => tencentSharesFixture({ region: 'ap-guangzou', images: { 'img-jgggrva9': [] } }), LookupInputError);
    expect(region.input).toBe('tencentSharesFixture: region');
    expect(region.message).toContain('is not a Tencent Cloud region this library knows');
  });

  test('a region outside the known list takes allowUnknownRegion, as the construct does; the key does not change with it', () => {
    expect(thrown(() => tencentSharesFixture({ region: 'ap-jakarta', endpoint: 'https://image.api.qcloud.com', images: { 'img-jgggrva9': [] } }), LookupInputError).input)
      .toBe('tencentSharesFixture: region');
    const { entries } = tencentSharesFixture({ region: 'ap-jakarta', allowUnknownRegion: true, images: { 'img-jgggrva9': [] } });
    expect(entries['tencent:GetImageShareUinInfo:region=ap-jakarta:imageId=img-jgggrva9'].endpoint).toBe('https://image.api.qcloud.com/v2/index.php');
  });

  test('the test run\'s env vars do not change the fixture', () => {
    process.env.TENCENTCLOUD_IMAGE_ENDPOINT = 'http://127.0.0.1:9';
    process.env.TENCENTCLOUD_REGION = 'ap-shanghai';
    try {
      expect(tencentSharesFixture({ region: 'ap-guangzhou', images: { 'img-jgggrva9': [] } }).entries[IMAGE_KEY].endpoint).toBe('https://image.api.qcloud.com/v2/index.php');
    } finally {
      delete process.env.TENCENTCLOUD_IMAGE_ENDPOINT;
      delete process.env.TENCENTCLOUD_REGION;
    }
  });
});

describe('vodImageFixture', () => {
  const KEY = `aliyun:vod.GetImageInfo:region=cn-shanghai:outputType=cdn:imageId=${COVER}`;

  test('the defaults: a normal cover every option-free rule of the VOD pack accepts', () => {
    const entry = vodImageFixture({ region: 'cn-shanghai', imageId: COVER }).entries[KEY];
    expect(entry).toEqual({
      provider: 'aliyun:vod.GetImageInfo', outcome: 'found', endpoint: 'https://vod.cn-shanghai.aliyuncs.com/', fetchedAt: '2026-01-01T00:00:00Z',
      value: {
        imageId: COVER, title: 'Fixture image', imageType: 'cover', status: 'Normal', tags: [], creationTime: '2026-01-01T00:00:00Z',
        url: { url: `https://vod-fixture.example.com/image/default/${COVER}.png`, signatureRemoved: false },
        mezzanine: { sizeBytes: 204800, width: 1920, height: 1080 },
      },
    });
    const subject = { apiId: 'aliyun-vod-images', cloud: 'aliyun', region: 'cn-shanghai', imageId: COVER, constructPath: 'stack/cover', found: true as const, facts: entry.value };
    expect(evaluatePolicies([subject], [vodImagesPack()], { now: new Date('2026-06-01T00:00:00Z') }).findings).toEqual([]);
    const config = resolveAliyunVodClientConfig({ region: 'cn-shanghai' }, {});
    expect(cachedEntryProblem(entry, aliyunVodImagesProvider, { imageId: COVER, config, keepSignedUrls: false })).toBeUndefined();
  });

  test('info overrides the defaults; undefined removes a field; null is not found', () => {
    const value = vodImageFixture({ region: 'cn-shanghai', imageId: COVER, info: { status: 'Uploading', title: undefined, tags: ['cover'] } }).entries[KEY].value;
    expect(value).toMatchObject({ status: 'Uploading', tags: ['cover'] });
    expect(value).not.toHaveProperty('title');
    expect(vodImageFixture({ region: 'cn-shanghai', imageId: COVER, info: null }).entries).toEqual({
      [KEY]: { provider: 'aliyun:vod.GetImageInfo', outcome: 'notFound', endpoint: 'https://vod.cn-shanghai.aliyuncs.com/', fetchedAt: '2026-01-01T00:00:00Z' },
    });
  });

  test('the construct\'s key props are the key\'s', () => {
    expect(Object.keys(vodImageFixture({ region: 'cn-beijing', imageId: COVER, outputType: 'oss', authTimeout: 600, keepSignedUrls: true }).entries))
      .toEqual([`aliyun:vod.GetImageInfo:region=cn-beijing:outputType=oss:authTimeout=600:signedUrls=kept:imageId=${COVER}`]);
  });

  test('a bad input is refused, naming it', () => {
    expect(inputOf(() => vodImageFixture({ region: 'cn-shanghai', imageId: 'COVER' }))).toBe('vodImageFixture: imageId');
    expect(inputOf(() => vodImageFixture({ region: 'mars-1', imageId: COVER }))).toBe('vodImageFixture: region');
    expect(inputOf(() => vodImageFixture({ region: 'cn-shanghai', imageId: COVER, outputType: 'ftp' as 'oss' }))).toBe('vodImageFixture: outputType');
    expect(inputOf(() => vodImageFixture({ region: 'cn-shanghai', imageId: COVER, keepSignedUrls: 'yes' as unknown as boolean }))).toBe('vodImageFixture: keepSignedUrls');
    expect(inputOf(() => vodImageFixture({ region: 'cn-shanghai', imageId: COVER, info: { tags: 'cover' as unknown as string[] } }))).toBe('vodImageFixture: info.tags');
    expect(inputOf(() => vodImageFixture({ region: 'cn-shanghai', imageId: COVER, info: { mezzanine: { width: -1 } } }))).toBe('vodImageFixture: info.mezzanine.width');
    expect(inputOf(() => vodImageFixture({ region: 'cn-shanghai', imageId: COVER, info: { imageId: '00000000000000000000000000000000' } }))).toBe('vodImageFixture: info.imageId');
    expect(inputOf(() => vodImageFixture({ region: 'cn-shanghai', imageId: COVER, info: 'Normal' as unknown as null }))).toBe('vodImageFixture: info');
  });
});

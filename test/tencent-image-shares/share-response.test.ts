import { ZodError } from 'zod';
import { beijingTimeToIso, legacyEnvelopeSchema, parseShareData } from '../../src/tencent-image-shares/share-response';

const REQUEST_ID = 'req-0001';

/** `data` of the official GetImageShareUinInfo example: every number sent as a string. */
const OFFICIAL_EXAMPLE_DATA = {
  imageNum: '1',
  maxImgShareNum: '50',
  imageList: [{
    imageId: 'img-jgggrva9',
    shareUinInfo: [
      { uin: '1621874004', shareTimeStamp: '2016-01-13 15:16:53' },
      { uin: '877354327', shareTimeStamp: '2016-01-18 13:14:17' },
    ],
  }],
};

const OFFICIAL_EXAMPLE_PARSED = {
  imageNum: 1,
  maxImgShareNum: 50,
  images: [{
    imageId: 'img-jgggrva9',
    shares: [
      { uin: '1621874004', sharedAt: '2016-01-13T15:16:53+08:00', shareTimeStamp: '2016-01-13 15:16:53' },
      { uin: '877354327', sharedAt: '2016-01-18T13:14:17+08:00', shareTimeStamp: '2016-01-18 13:14:17' },
    ],
  }],
  requestId: REQUEST_ID,
};

describe('parseShareData: the documented shape', () => {
  test('the official example (numbers as strings) gives numbers, string UINs, ISO times and the raw times', () => {
    expect(parseShareData(OFFICIAL_EXAMPLE_DATA, REQUEST_ID)).toEqual(OFFICIAL_EXAMPLE_PARSED);
  });

  test('real JSON numbers are accepted as well', () => {
    const data = { ...OFFICIAL_EXAMPLE_DATA, imageNum: 1, maxImgShareNum: 50 };
    expect(parseShareData(data, REQUEST_ID)).toEqual(OFFICIAL_EXAMPLE_PARSED);
  });

  test('a UIN sent as a JSON number is kept as a string', () => {
    const data = { imageNum: 1, maxImgShareNum: 50, imageList: [{ imageId: 'img-jgggrva9', shareUinInfo: [{ uin: 1621874004, shareTimeStamp: '2016-01-13 15:16:53' }] }] };
    expect(parseShareData(data).images[0].shares[0].uin).toBe('1621874004');
  });

  test('a UIN above 2^31 sent as a string keeps every digit', () => {
    const data = { imageNum: '1', maxImgShareNum: '50', imageList: [{ imageId: 'img-jgggrva9', shareUinInfo: [{ uin: '100012345678', shareTimeStamp: '2024-03-04 10:21:08' }] }] };
    expect(parseShareData(data).images[0].shares[0].uin).toBe('100012345678');
  });

  test('numbers as strings with surrounding spaces are trimmed', () => {
    expect(parseShareData({ imageNum: ' 0 ', maxImgShareNum: '50 ', imageList: [] })).toMatchObject({ imageNum: 0, maxImgShareNum: 50 });
  });

  test('requestId is left undefined when not given', () => {
    expect(parseShareData(OFFICIAL_EXAMPLE_DATA).requestId).toBeUndefined();
  });

  test('a share time of another shape keeps its raw text and has no sharedAt', () => {
    const data = { imageNum: '1', maxImgShareNum: '50', imageList: [{ imageId: 'img-jgggrva9', shareUinInfo: [{ uin: '1', shareTimeStamp: '1452669413' }] }] };
    expect(parseShareData(data).images[0].shares[0]).toEqual({ uin: '1', sharedAt: undefined, shareTimeStamp: '1452669413' });
  });
});

describe('parseShareData: missing lists', () => {
  test.each([
    ['null', null],
    ['absent', undefined],
    ['empty', []],
  ])('shareUinInfo %s: the image is shared with nobody', (_what, shareUinInfo) => {
    const image: Record<string, unknown> = { imageId: 'img-2xk9q7dm' };
    if (shareUinInfo !== undefined) image.shareUinInfo = shareUinInfo;
    const parsed = parseShareData({ imageNum: '1', maxImgShareNum: '50', imageList: [image] });
    expect(parsed.images).toEqual([{ imageId: 'img-2xk9q7dm', shares: [] }]);
  });

  test.each([
    ['null', null],
    ['absent', undefined],
    ['empty', []],
  ])('imageList %s: no images', (_what, imageList) => {
    const data: Record<string, unknown> = { imageNum: '0', maxImgShareNum: '50' };
    if (imageList !== undefined) data.imageList = imageList;
    expect(parseShareData(data)).toEqual({ imageNum: 0, maxImgShareNum: 50, images: [], requestId: undefined });
  });
});

describe('parseShareData: shapes it refuses with a ZodError', () => {
  test.each([
    ['no data at all', undefined],
    ['data null', null],
    ['data a string', 'ok'],
    ['imageNum missing', { maxImgShareNum: '50', imageList: [] }],
    ['maxImgShareNum missing', { imageNum: '0', imageList: [] }],
    ['imageNum not an integer', { imageNum: '1.5', maxImgShareNum: '50', imageList: [] }],
    ['imageNum a word', { imageNum: 'one', maxImgShareNum: '50', imageList: [] }],
    ['maxImgShareNum a fraction', { imageNum: 0, maxImgShareNum: 50.5, imageList: [] }],
    ['imageList an object', { imageNum: '0', maxImgShareNum: '50', imageList: {} }],
    ['an image without imageId', { imageNum: '1', maxImgShareNum: '50', imageList: [{ shareUinInfo: [] }] }],
    ['a UIN with letters', { imageNum: '1', maxImgShareNum: '50', imageList: [{ imageId: 'img-jgggrva9', shareUinInfo: [{ uin: '12a', shareTimeStamp: '2016-01-13 15:16:53' }] }] }],
    ['a negative UIN', { imageNum: '1', maxImgShareNum: '50', imageList: [{ imageId: 'img-jgggrva9', shareUinInfo: [{ uin: -1, shareTimeStamp: '2016-01-13 15:16:53' }] }] }],
    ['a share without shareTimeStamp', { imageNum: '1', maxImgShareNum: '50', imageList: [{ imageId: 'img-jgggrva9', shareUinInfo: [{ uin: '1' }] }] }],
    ['a numeric shareTimeStamp', { imageNum: '1', maxImgShareNum: '50', imageList: [{ imageId: 'img-jgggrva9', shareUinInfo: [{ uin: '1', shareTimeStamp: 1452669413 }] }] }],
  ])('%s', (_what, data) => {
    expect(() => parseShareData(data)).toThrow(ZodError);
  });
});

describe('legacyEnvelopeSchema: the code of every answer', () => {
  test.each([
    ['"0"', '0', 0],
    ['0', 0, 0],
    ['"4100"', '4100', 4100],
    ['4400', 4400, 4400],
  ])('code %s is read as %i', (_shown, code, expected) => {
    expect(legacyEnvelopeSchema.parse({ code, message: '' }).code).toBe(expected);
  });

  test.each([
    ['absent', {}],
    ['a word', { code: 'OK' }],
    ['null', { code: null }],
  ])('code %s is refused', (_what, body) => {
    expect(legacyEnvelopeSchema.safeParse(body).success).toBe(false);
  });
});

describe('beijingTimeToIso', () => {
  test.each([
    ['2016-01-13 15:16:53', '2016-01-13T15:16:53+08:00'],
    ['2016-01-13T15:16:53', '2016-01-13T15:16:53+08:00'],
    [' 2016-01-13 15:16:53 ', '2016-01-13T15:16:53+08:00'],
    ['2024-02-29 00:00:00', '2024-02-29T00:00:00+08:00'],
    ['1999-12-31 23:59:59', '1999-12-31T23:59:59+08:00'],
  ])('%j → %s', (text, iso) => {
    expect(beijingTimeToIso(text)).toBe(iso);
  });

  test('the result is the same instant as the Beijing wall-clock time', () => {
    expect(new Date(beijingTimeToIso('2016-01-13 15:16:53')!).toISOString()).toBe('2016-01-13T07:16:53.000Z');
  });

  test.each([
    ['empty', ''],
    ['a date only', '2016-01-13'],
    ['a time only', '15:16:53'],
    ['Unix seconds', '1452669413'],
    ['a zone already given (Z)', '2016-01-13T15:16:53Z'],
    ['a zone already given (offset)', '2016-01-13 15:16:53+08:00'],
    ['fractional seconds', '2016-01-13 15:16:53.123'],
    ['no seconds', '2016-01-13 15:16'],
    ['unpadded month and day', '2016-1-3 15:16:53'],
    ['slashes', '2016/01/13 15:16:53'],
    ['two spaces', '2016-01-13  15:16:53'],
    ['month 13', '2016-13-01 15:16:53'],
    ['day 32', '2016-01-32 15:16:53'],
    ['hour 25', '2016-01-13 25:16:53'],
    ['minute 60', '2016-01-13 15:60:53'],
  ])('%s is undefined', (_what, text) => {
    expect(beijingTimeToIso(text)).toBeUndefined();
  });

  // Date.parse rolls day-of-month overflow over (Feb 30 → Mar 1); these must still be refused.
  test.each([
    ['February 30', '2016-02-30 10:00:00'],
    ['February 29 of a common year', '2023-02-29 10:00:00'],
    ['April 31', '2024-04-31 10:00:00'],
  ])('%s (a day its month does not have) is undefined', (_what, text) => {
    expect(beijingTimeToIso(text)).toBeUndefined();
  });
});

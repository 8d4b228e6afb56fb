import fc from 'fast-check';
import { isLookupError } from '../../src/engine/errors';
import { ShareAnswerInvalidError } from '../../src/tencent-image-shares/answer-error';
import { beijingTimeToIso, legacyEnvelopeSchema, parseShareData } from '../../src/tencent-image-shares/response';
import { thrown } from '../support/expect-errors';
import { OFFICIAL_EXAMPLE_DATA, OFFICIAL_EXAMPLE_IMAGE_ID, OFFICIAL_EXAMPLE_ONE_SHARE, OFFICIAL_EXAMPLE_SHARES_PARSED } from './fixtures';

const REQUEST_ID = 'req-0001';

const OFFICIAL_EXAMPLE_PARSED = {
  imageNum: 1,
  maxImgShareNum: 50,
  images: [{ imageId: OFFICIAL_EXAMPLE_IMAGE_ID, shares: OFFICIAL_EXAMPLE_SHARES_PARSED }],
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

describe('parseShareData: empty lists are real answers', () => {
  test('an image with an empty shareUinInfo is shared with nobody', () => {
    const parsed = parseShareData({ imageNum: '1', maxImgShareNum: '50', imageList: [{ imageId: 'img-2xk9q7dm', shareUinInfo: [] }] });
    expect(parsed.images).toEqual([{ imageId: 'img-2xk9q7dm', shares: [] }]);
  });

  test('an empty imageList (imageNum 0): none of the requested images exists', () => {
    expect(parseShareData({ imageNum: '0', maxImgShareNum: '50', imageList: [] }, undefined, ['img-unknown1']))
      .toEqual({ imageNum: 0, maxImgShareNum: 50, images: [], requestId: undefined });
  });

  test('requested IDs the list leaves out are simply absent from it (the client reads them as not found)', () => {
    const parsed = parseShareData(OFFICIAL_EXAMPLE_DATA, REQUEST_ID, ['img-jgggrva9', 'img-unknown1']);
    expect(parsed.images.map((image) => image.imageId)).toEqual(['img-jgggrva9']);
  });

  test('fields added later are ignored', () => {
    const data = { ...OFFICIAL_EXAMPLE_DATA, nextToken: 'x', imageList: OFFICIAL_EXAMPLE_DATA.imageList.map((image) => ({ ...image, osName: 'CentOS' })) };
    expect(parseShareData(data, REQUEST_ID)).toEqual(OFFICIAL_EXAMPLE_PARSED);
  });
});

const IMAGE = { imageId: OFFICIAL_EXAMPLE_IMAGE_ID, shareUinInfo: OFFICIAL_EXAMPLE_ONE_SHARE };
/** A well-formed one-image `data`, with `changes` applied. */
function dataWith(changes: Record<string, unknown>): Record<string, unknown> {
  return { imageNum: '1', maxImgShareNum: '50', imageList: [IMAGE], ...changes };
}
function imageWith(changes: Record<string, unknown>): Record<string, unknown> {
  return dataWith({ imageList: [{ ...IMAGE, ...changes }] });
}
function shareWith(share: unknown): Record<string, unknown> {
  return imageWith({ shareUinInfo: [share] });
}

describe('parseShareData: anything but the documented shape is a ShareAnswerInvalidError naming the field', () => {
  test.each<[string, unknown, string]>([
    ['no data at all', undefined, 'data'],
    ['data null', null, 'data'],
    ['data a string', 'ok', 'data'],
    ['data a list', [IMAGE], 'data'],
    ['imageNum missing', { maxImgShareNum: '50', imageList: [] }, 'data.imageNum'],
    ['maxImgShareNum missing', { imageNum: '0', imageList: [] }, 'data.maxImgShareNum'],
    ['imageNum not an integer', dataWith({ imageNum: '1.5' }), 'data.imageNum'],
    ['imageNum a word', dataWith({ imageNum: 'one' }), 'data.imageNum'],
    ['imageNum negative', dataWith({ imageNum: -1 }), 'data.imageNum'],
    ['imageNum null', dataWith({ imageNum: null }), 'data.imageNum'],
    ['maxImgShareNum a fraction', dataWith({ maxImgShareNum: 50.5 }), 'data.maxImgShareNum'],
    ['maxImgShareNum a boolean', dataWith({ maxImgShareNum: true }), 'data.maxImgShareNum'],
    ['imageList missing (code 0 without imageList)', { imageNum: '0', maxImgShareNum: '50' }, 'data.imageList'],
    ['imageList null', dataWith({ imageNum: '0', imageList: null }), 'data.imageList'],
    ['imageList an object', dataWith({ imageNum: '0', imageList: {} }), 'data.imageList'],
    ['imageList a string', dataWith({ imageNum: '0', imageList: 'img-jgggrva9' }), 'data.imageList'],
    ['an image that is a string', dataWith({ imageList: ['img-jgggrva9'] }), 'data.imageList[0]'],
    ['an image without imageId', imageWith({ imageId: undefined }), 'data.imageList[0].imageId'],
    ['an image with a numeric imageId', imageWith({ imageId: 42 }), 'data.imageList[0].imageId'],
    ['an image with an empty imageId', imageWith({ imageId: '' }), 'data.imageList[0].imageId'],
    ['an image without shareUinInfo', imageWith({ shareUinInfo: undefined }), 'data.imageList[0].shareUinInfo'],
    ['shareUinInfo null', imageWith({ shareUinInfo: null }), 'data.imageList[0].shareUinInfo'],
    ['shareUinInfo an object', imageWith({ shareUinInfo: { uin: '1', shareTimeStamp: '2016-01-13 15:16:53' } }), 'data.imageList[0].shareUinInfo'],
    ['a share entry that is a string', shareWith('1621874004'), 'data.imageList[0].shareUinInfo[0]'],
    ['a share entry that is null', shareWith(null), 'data.imageList[0].shareUinInfo[0]'],
    ['a UIN with letters', shareWith({ uin: '12a', shareTimeStamp: '2016-01-13 15:16:53' }), 'data.imageList[0].shareUinInfo[0].uin'],
    ['a negative UIN', shareWith({ uin: -1, shareTimeStamp: '2016-01-13 15:16:53' }), 'data.imageList[0].shareUinInfo[0].uin'],
    ['a UIN above 2^53 sent as a JSON number (its digits are already lost)', shareWith({ uin: 2 ** 53 + 2, shareTimeStamp: '2016-01-13 15:16:53' }), 'data.imageList[0].shareUinInfo[0].uin'],
    ['a UIN missing', shareWith({ shareTimeStamp: '2016-01-13 15:16:53' }), 'data.imageList[0].shareUinInfo[0].uin'],
    ['a share without shareTimeStamp', shareWith({ uin: '1' }), 'data.imageList[0].shareUinInfo[0].shareTimeStamp'],
    ['a numeric shareTimeStamp', shareWith({ uin: '1', shareTimeStamp: 1452669413 }), 'data.imageList[0].shareUinInfo[0].shareTimeStamp'],
    ['imageNum larger than the list (a partial answer)', dataWith({ imageNum: '2' }), 'data.imageNum'],
    ['imageNum smaller than the list', dataWith({ imageNum: '0' }), 'data.imageNum'],
    ['an image listed twice', dataWith({ imageNum: '2', imageList: [IMAGE, { ...IMAGE, shareUinInfo: [] }] }), 'data.imageList[1].imageId'],
  ])('%s', (_what, data, field) => {
    const error = thrown(() => parseShareData(data, REQUEST_ID), ShareAnswerInvalidError);
    expect(error).toMatchObject({ code: 'InvalidResponse', retryable: false, field });
    expect(isLookupError(error)).toBe(true);
    expect(error.message).toContain(`[request ${REQUEST_ID}]`);
  });

  test('an image the call did not request: the answer is not for this call', () => {
    const error = thrown(() => parseShareData(OFFICIAL_EXAMPLE_DATA, REQUEST_ID, ['img-6pb6lrmy']), ShareAnswerInvalidError);
    expect(error.field).toBe('data.imageList[0].imageId');
    expect(error.message).toContain('"img-jgggrva9" was not requested');
  });

  test('the message names the field and the problem, never the value', () => {
    const error = thrown(() => parseShareData(shareWith({ uin: 'SECRETISH', shareTimeStamp: '2016-01-13 15:16:53' })), ShareAnswerInvalidError);
    expect(error.message).toBe('GetImageShareUinInfo answered code 0 with an unexpected shape: data.imageList[0].shareUinInfo[0].uin ' +
      'expected an account ID (digits, as a string or a number below 2^53), got a string. Nothing was cached for the images of this call.');
    expect(error.message).not.toContain('SECRETISH');
  });

  test('arbitrary JSON never throws anything but a ShareAnswerInvalidError', () => {
    const share = fc.record({ uin: fc.oneof(fc.jsonValue(), fc.constant('1621874004')), shareTimeStamp: fc.oneof(fc.jsonValue(), fc.constant('2016-01-13 15:16:53')) }, { requiredKeys: [] });
    const image = fc.record({ imageId: fc.oneof(fc.constantFrom('img-jgggrva9', 'img-6pb6lrmy'), fc.jsonValue()), shareUinInfo: fc.oneof(fc.array(share), fc.jsonValue()) }, { requiredKeys: [] });
    const data = fc.oneof(fc.jsonValue(), fc.record({ imageNum: fc.jsonValue(), maxImgShareNum: fc.jsonValue(), imageList: fc.oneof(fc.array(image), fc.jsonValue()) }, { requiredKeys: [] }));
    fc.assert(fc.property(data, (value) => {
      try {
        const parsed = parseShareData(value, undefined, ['img-jgggrva9', 'img-6pb6lrmy']);
        expect(parsed.images.length).toBe(parsed.imageNum);
      } catch (error) {
        expect(error).toBeInstanceOf(ShareAnswerInvalidError);
      }
    }), { numRuns: 500 });
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

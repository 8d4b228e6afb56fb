import fc from 'fast-check';
import { ShareAnswerInvalidError } from '../../src/tencent-image-shares/answer-error';
import { api3EnvelopeSchema, api3RequestIdOf, createdTimeOf, parseSharePermissionSet, utcIsoToBeijingText } from '../../src/tencent-image-shares/api3-response';
import { beijingTimeToIso } from '../../src/tencent-image-shares/response';
import { thrown } from '../support/expect-errors';

const IMAGE_ID = 'img-6pb6lrmy';
const REQUEST_ID = '71e69b56-32be-4412-ab45-49eded6a87be';

/** The documented example answer's `Response`: two accounts, times in UTC. */
const DOCUMENTED_RESPONSE = {
  SharePermissionSet: [
    { CreatedTime: '2018-06-10T11:02:50Z', AccountId: '101104350000' },
    { CreatedTime: '2018-06-13T15:03:25Z', AccountId: '101104350001' },
  ],
  RequestId: REQUEST_ID,
};

describe('parseSharePermissionSet: the documented shape', () => {
  test('the documented example: AccountId becomes the uin, CreatedTime sharedAt (UTC) and shareTimeStamp (Beijing time, the v2 form)', () => {
    expect(parseSharePermissionSet(DOCUMENTED_RESPONSE, REQUEST_ID, IMAGE_ID)).toEqual({
      imageId: IMAGE_ID,
      requestId: REQUEST_ID,
      shares: [
        { uin: '101104350000', sharedAt: '2018-06-10T11:02:50Z', shareTimeStamp: '2018-06-10 19:02:50' },
        { uin: '101104350001', sharedAt: '2018-06-13T15:03:25Z', shareTimeStamp: '2018-06-13 23:03:25' },
      ],
    });
  });

  test('an empty SharePermissionSet: the image is shared with nobody', () => {
    expect(parseSharePermissionSet({ SharePermissionSet: [] }, undefined, IMAGE_ID)).toEqual({ imageId: IMAGE_ID, shares: [], requestId: undefined });
  });

  test('an AccountId sent as a safe-integer JSON number is kept as a digits string; one with spaces is trimmed', () => {
    const parsed = parseSharePermissionSet({ SharePermissionSet: [
      { CreatedTime: '2018-06-10T11:02:50Z', AccountId: 101104350000 },
      { CreatedTime: '2018-06-10T11:02:50Z', AccountId: ' 877354327 ' },
    ] }, REQUEST_ID, IMAGE_ID);
    expect(parsed.shares.map((share) => share.uin)).toEqual(['101104350000', '877354327']);
  });

  test('fields added later are ignored', () => {
    const response = { ...DOCUMENTED_RESPONSE, TotalCount: 2, SharePermissionSet: DOCUMENTED_RESPONSE.SharePermissionSet.map((entry) => ({ ...entry, Extra: 'x' })) };
    expect(parseSharePermissionSet(response, REQUEST_ID, IMAGE_ID).shares).toHaveLength(2);
  });

  test('the same sharing reads as the same instant on both APIs: the v2 text of shareTimeStamp is sharedAt', () => {
    const [share] = parseSharePermissionSet(DOCUMENTED_RESPONSE, REQUEST_ID, IMAGE_ID).shares;
    expect(Date.parse(beijingTimeToIso(share.shareTimeStamp)!)).toBe(Date.parse(share.sharedAt!));
  });
});

describe('parseSharePermissionSet: anything but the documented shape is a ShareAnswerInvalidError naming the field, never its value', () => {
  const entry = (changes: Record<string, unknown>) => ({ SharePermissionSet: [DOCUMENTED_RESPONSE.SharePermissionSet[0], { ...DOCUMENTED_RESPONSE.SharePermissionSet[1], ...changes }] });
  test.each<[string, unknown, string, RegExp]>([
    ['no Response at all', undefined, 'Response', /expected an object, got nothing/],
    ['a Response that is a list', [], 'Response', /expected an object, got an array/],
    ['no SharePermissionSet', { RequestId: REQUEST_ID }, 'Response.SharePermissionSet', /expected a list, got nothing \(the field is missing\)/],
    ['a null SharePermissionSet', { SharePermissionSet: null }, 'Response.SharePermissionSet', /expected a list, got null/],
    ['a SharePermissionSet that is text', { SharePermissionSet: 'none' }, 'Response.SharePermissionSet', /expected a list, got a string/],
    ['an entry that is not an object', { SharePermissionSet: ['101104350000'] }, 'Response.SharePermissionSet[0]', /expected an object, got a string/],
    ['an entry without AccountId', entry({ AccountId: undefined }), 'Response.SharePermissionSet[1].AccountId', /expected an account ID .* got nothing/],
    ['an AccountId that is not digits', entry({ AccountId: 'SECRETISH-1' }), 'Response.SharePermissionSet[1].AccountId', /expected an account ID .* got a string/],
    ['an AccountId above 2^53 as a number', entry({ AccountId: 2 ** 60 }), 'Response.SharePermissionSet[1].AccountId', /below 2\^53\), got a number/],
    ['a negative AccountId', entry({ AccountId: -5 }), 'Response.SharePermissionSet[1].AccountId', /got a number/],
    ['an AccountId that is an object', entry({ AccountId: { value: '1' } }), 'Response.SharePermissionSet[1].AccountId', /got an object/],
    ['an entry without CreatedTime', entry({ CreatedTime: undefined }), 'Response.SharePermissionSet[1].CreatedTime', /expected a UTC time .* got nothing/],
    ['a CreatedTime that is a number', entry({ CreatedTime: 1528628570 }), 'Response.SharePermissionSet[1].CreatedTime', /got a number/],
    ['a CreatedTime without a zone (never guessed)', entry({ CreatedTime: '2018-06-10T11:02:50' }), 'Response.SharePermissionSet[1].CreatedTime', /another shape/],
    ['a CreatedTime in the v2 form', entry({ CreatedTime: '2018-06-10 19:02:50' }), 'Response.SharePermissionSet[1].CreatedTime', /another shape/],
    ['a CreatedTime of an impossible date', entry({ CreatedTime: '2018-02-30T11:02:50Z' }), 'Response.SharePermissionSet[1].CreatedTime', /impossible date/],
    ['a CreatedTime with fractions of a second', entry({ CreatedTime: '2018-06-10T11:02:50.5Z' }), 'Response.SharePermissionSet[1].CreatedTime', /another shape/],
  ])('%s', (_what, response, field, reason) => {
    const error = thrown(() => parseSharePermissionSet(response, REQUEST_ID, IMAGE_ID), ShareAnswerInvalidError);
    expect(error).toMatchObject({ code: 'InvalidResponse', field, retryable: false });
    expect(error.details.reason).toMatch(reason);
    expect(error.message).toContain(`DescribeImageSharePermission answered without an Error with an unexpected shape: ${field} `);
    expect(error.message).toContain(`[request ${REQUEST_ID}]`);
    expect(error.message).not.toContain('SECRETISH');
  });

  test('arbitrary JSON never throws anything but a ShareAnswerInvalidError, and what it accepts is digits and UTC times', () => {
    const share = fc.record({
      AccountId: fc.oneof(fc.jsonValue(), fc.constant('101104350000'), fc.integer({ min: 0 })),
      CreatedTime: fc.oneof(fc.jsonValue(), fc.constant('2018-06-10T11:02:50Z'), fc.date({ noInvalidDate: true }).map((date) => date.toISOString())),
    }, { requiredKeys: [] });
    const response = fc.oneof(fc.jsonValue(), fc.record({ SharePermissionSet: fc.oneof(fc.array(share), fc.jsonValue()) }, { requiredKeys: [] }));
    fc.assert(fc.property(response, (value) => {
      try {
        for (const parsed of parseSharePermissionSet(value, undefined, IMAGE_ID).shares) {
          expect(parsed.uin).toMatch(/^\d+$/);
          expect(parsed.sharedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
          expect(parsed.shareTimeStamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
        }
      } catch (error) {
        expect(error).toBeInstanceOf(ShareAnswerInvalidError);
      }
    }), { numRuns: 500 });
  });
});

describe('createdTimeOf: a CreatedTime as both share times', () => {
  test.each([
    ['2018-06-10T11:02:50Z', '2018-06-10T11:02:50Z', '2018-06-10 19:02:50'],
    // Late in the UTC day: already the next day in Beijing.
    ['2019-02-25T16:44:25Z', '2019-02-25T16:44:25Z', '2019-02-26 00:44:25'],
    // Year and leap day boundaries.
    ['2023-12-31T16:00:00Z', '2023-12-31T16:00:00Z', '2024-01-01 00:00:00'],
    ['2024-02-28T20:30:00Z', '2024-02-28T20:30:00Z', '2024-02-29 04:30:00'],
    // The same instant with an explicit offset is normalized to UTC.
    ['2018-06-10T11:02:50+00:00', '2018-06-10T11:02:50Z', '2018-06-10 19:02:50'],
    ['2018-06-10T19:02:50+08:00', '2018-06-10T11:02:50Z', '2018-06-10 19:02:50'],
    ['2018-06-10T06:02:50-05:00', '2018-06-10T11:02:50Z', '2018-06-10 19:02:50'],
  ])('%s → sharedAt %s, shareTimeStamp %s', (text, sharedAt, shareTimeStamp) => {
    expect(createdTimeOf(text)).toEqual({ sharedAt, shareTimeStamp });
  });

  test.each([
    '', '2018-06-10', '2018-06-10T11:02Z', '2018-06-10T11:02:50', '2018-06-10 11:02:50Z', '2018-06-10t11:02:50z', ' 2018-06-10T11:02:50Z',
    '2018-06-10T11:02:50.000Z', '2018-13-10T11:02:50Z', '2018-06-31T11:02:50Z', '2018-06-10T24:00:00Z', '2018-06-10T11:60:50Z',
    '2018-06-10T11:02:50+25:00', '2018-06-10T11:02:50+0800', '1528628570', '9999-12-31T20:00:00Z',
  ])('%j is refused', (text) => {
    expect(createdTimeOf(text)).toBeUndefined();
  });

  test('every UTC second round-trips: shareTimeStamp read as Beijing time is sharedAt', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9000-01-01T00:00:00Z'), noInvalidDate: true }), (date) => {
      const utc = `${date.toISOString().slice(0, 19)}Z`;
      const created = createdTimeOf(utc)!;
      expect(created.sharedAt).toBe(utc);
      expect(Date.parse(beijingTimeToIso(created.shareTimeStamp)!)).toBe(Date.parse(utc));
    }), { numRuns: 300 });
  });
});

describe('utcIsoToBeijingText', () => {
  test('UTC+8, no zone, the v2 form', () => {
    expect(utcIsoToBeijingText('2018-06-10T11:02:50Z')).toBe('2018-06-10 19:02:50');
    expect(utcIsoToBeijingText('2016-01-13T07:16:53Z')).toBe('2016-01-13 15:16:53');
  });

  test.each(['2018-06-10T11:02:50+08:00', '2018-06-10 11:02:50', '2018-02-29T00:00:00Z', 'yesterday'])('%j: undefined', (text) => {
    expect(utcIsoToBeijingText(text)).toBeUndefined();
  });
});

describe('the envelope', () => {
  test('api3RequestIdOf reads Response.RequestId of a success and of an error', () => {
    expect(api3RequestIdOf({ Response: DOCUMENTED_RESPONSE })).toBe(REQUEST_ID);
    expect(api3RequestIdOf({ Response: { Error: { Code: 'InternalError', Message: 'x' }, RequestId: 'req-9' } })).toBe('req-9');
  });

  test.each([null, 'text', [], {}, { Response: null }, { Response: { RequestId: 7 } }, { Response: { RequestId: '' } }, { Response: { RequestId: 'x'.repeat(129) } }, { RequestId: 'top-level' }])(
    'api3RequestIdOf(%j) is undefined', (body) => {
      expect(api3RequestIdOf(body)).toBeUndefined();
    });

  test('api3EnvelopeSchema takes any Response object and keeps its other fields', () => {
    expect(api3EnvelopeSchema.parse({ Response: DOCUMENTED_RESPONSE }).Response).toEqual(DOCUMENTED_RESPONSE);
    expect(api3EnvelopeSchema.safeParse({ code: 0, data: {} }).success).toBe(false);
    expect(api3EnvelopeSchema.safeParse({ Response: 'x' }).success).toBe(false);
  });
});

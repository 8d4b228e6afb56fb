import fc from 'fast-check';
import { ZodError } from 'zod';
import {
  classifyImageInfosAnswer, imageInfoSchema, normalizeImageInfo, parseImageInfoAnswer, readVodErrorBody, type VodImageInfo,
} from '../../src/aliyun-vod-images/response';
import { VodAnswerInvalidError } from '../../src/aliyun-vod-images/answer-error';
import { isLookupError } from '../../src/engine/errors';
import { thrown } from '../support/expect-errors';
import { SEED_EXAMPLE, SEED_NORMALIZED, SEED_NORMALIZED_MEZZANINE } from './fixtures';

const SEED_EXPECTED: VodImageInfo = {
  ...SEED_NORMALIZED,
  imageId: 'bbc65bba53f9*****ed90de118a7849',
  appId: undefined,
  storageLocation: 'outin-bfefbb*****163e1c7426.oss-cn-shanghai.aliyuncs.com',
  // Without keepSignedUrls no URL has an expiry (it would change on every fetch); the query is dropped.
  url: { url: 'https://al*****.cn/image/default/5E84CD536*****D4DAD.png', signatureRemoved: true },
  mezzanine: {
    ...SEED_NORMALIZED_MEZZANINE,
    fileUrl: undefined,
    originalFileName: {
      url: 'https://outin-bfefbb*****163e1c7426.oss-cn-shanghai.aliyuncs.com/image/default/5E84CD536*****D4DAD.png',
      signatureRemoved: true,
    },
  },
};

const MINIMAL = { ImageId: '3e34733b40b9a96ccf5c1ff6f69aaaaa' };

/** Parses like the client does, then normalizes. */
function normalize(raw: unknown, keepSignedUrls = false): VodImageInfo {
  return normalizeImageInfo(imageInfoSchema.parse(raw), keepSignedUrls);
}

function withMezzanine(mezzanine: Record<string, unknown>): object {
  return { ...MINIMAL, Mezzanine: mezzanine };
}

describe("normalizeImageInfo: the seed's JSON example", () => {
  test('every field normalized: numbers, tags split, ISO time, signed URLs reduced to their stable part', () => {
    const info = normalize(SEED_EXAMPLE);
    expect(info).toEqual(SEED_EXPECTED);
    // toEqual treats undefined as absent: check the fields the example lacks explicitly.
    expect(info.status).toBeUndefined();
    expect(info.appId).toBeUndefined();
    expect(info.mezzanine?.fileUrl).toBeUndefined();
    expect(info.url).not.toHaveProperty('expiresAt');
    expect(info.mezzanine?.originalFileName).not.toHaveProperty('expiresAt');
    expect(typeof info.mezzanine?.sizeBytes).toBe('number');
  });

  test('no signature, key ID or expiry parameter is left anywhere in the result', () => {
    const printed = JSON.stringify(normalize(SEED_EXAMPLE));
    for (const fragment of ['Signature=', 'ALPET74o', 'OSSAccessKeyId', 'Expires=', 'auth_key=', '70a396e834', 'expiresAt']) {
      expect(printed).not.toContain(fragment);
    }
  });

  test('keepSignedUrls: the URLs are kept whole, with their expiry', () => {
    const info = normalize(SEED_EXAMPLE, true);
    // The masked auth_key has no `<expiry>-` field: no expiry can be read from it.
    expect(info.url).toStrictEqual({ url: SEED_EXAMPLE.URL, signatureRemoved: false });
    expect(info.mezzanine?.originalFileName).toStrictEqual({ url: SEED_EXAMPLE.Mezzanine.OriginalFileName, signatureRemoved: false, expiresAt: '2020-06-01T03:32:33Z' });
  });

  test('an unlisted ImageType and Status pass through unchanged', () => {
    expect(normalize({ ...SEED_EXAMPLE, ImageType: 'SomethingNew', Status: 'Blocked' })).toMatchObject({ imageType: 'SomethingNew', status: 'Blocked' });
    expect(normalize({ ...SEED_EXAMPLE, ImageType: 'cover', Status: 'Normal' })).toMatchObject({ imageType: 'cover', status: 'Normal' });
  });

  test('fields the API may add later are ignored', () => {
    expect(normalize({ ...SEED_EXAMPLE, Recommend: 'https://next.api.aliyun.com/troubleshoot', Extra: { a: 1 } })).toEqual(SEED_EXPECTED);
  });
});

describe('normalizeImageInfo: numbers', () => {
  test('FileSize as a string (the field table, the SDK) gives the same number as FileSize as a number (the example)', () => {
    const asString = normalize({ ...SEED_EXAMPLE, Mezzanine: { ...SEED_EXAMPLE.Mezzanine, FileSize: '8932' } });
    expect(asString).toEqual(SEED_EXPECTED);
    expect(asString.mezzanine?.sizeBytes).toBe(8932);
  });

  test('numeric strings are trimmed; every numeric field takes strings', () => {
    const info = normalize({ ...MINIMAL, CateId: ' 254766071 ', Mezzanine: { FileSize: ' 524288 ', Width: '1920', Height: '1080' } });
    expect(info.categoryId).toBe(254766071);
    expect(info.mezzanine).toMatchObject({ sizeBytes: 524288, width: 1920, height: 1080 });
  });

  test('zero is a number, not a missing value', () => {
    expect(normalize(withMezzanine({ FileSize: '0', Width: 0, Height: 0 })).mezzanine).toMatchObject({ sizeBytes: 0, width: 0, height: 0 });
  });

  test('a negative CateId is an integer like any other (CateId is a long)', () => {
    expect(normalize({ ...MINIMAL, CateId: -1 }).categoryId).toBe(-1);
    expect(normalize({ ...MINIMAL, CateId: '-1' }).categoryId).toBe(-1);
  });

  test('null is "no value", like an absent field', () => {
    const info = normalize({ ...MINIMAL, CateId: null, Mezzanine: { FileSize: null, Width: null, Height: null } });
    expect(info.categoryId).toBeUndefined();
    expect(info.mezzanine).toEqual({});
  });
});

/** The first issue of a refused ImageInfo: the field's path and the reason. */
function refusal(raw: unknown): { path: string; message: string } {
  const result = imageInfoSchema.safeParse(raw);
  if (result.success) throw new Error(`expected ${JSON.stringify(raw)} to be refused`);
  return { path: result.error.issues[0].path.join('.'), message: result.error.issues[0].message };
}

describe('imageInfoSchema: a field of the wrong type fails the image, naming the field', () => {
  test.each<[string, unknown]>([
    ['letters', 'abc'],
    ['an empty string', ''],
    ['a decimal string', '12.5'],
    ['a negative string', '-1'],
    ['an exponent', '1e3'],
    ['hex', '0x10'],
    ['a fraction', 12.5],
    ['a negative number', -1],
    ['a number beyond 2^53', 2 ** 53 + 2],
    ['a boolean', true],
    ['an object', { bytes: 1 }],
    ['an array', [1]],
  ])('Mezzanine.FileSize, Width and Height that are %s', (_what, garbage) => {
    for (const field of ['FileSize', 'Width', 'Height']) {
      expect(refusal({ ...SEED_EXAMPLE, Mezzanine: { ...SEED_EXAMPLE.Mezzanine, [field]: garbage } }))
        .toEqual({ path: `Mezzanine.${field}`, message: expect.stringContaining('expected a non-negative integer') });
    }
  });

  test.each<[string, unknown]>([
    ['a fraction', 1.5],
    ['letters', 'cat'],
    ['a boolean', false],
  ])('CateId that is %s', (_what, garbage) => {
    expect(refusal({ ...SEED_EXAMPLE, CateId: garbage })).toEqual({ path: 'CateId', message: expect.stringContaining('expected an integer') });
  });

  test.each(['Title', 'Description', 'ImageType', 'Status', 'Tags', 'AppId', 'CateName', 'StorageLocation', 'URL', 'CreationTime'])(
    '%s that is not a string', (field) => {
      for (const garbage of [42, true, {}, ['a', 'b']]) {
        expect(refusal({ ...SEED_EXAMPLE, [field]: garbage })).toEqual({ path: field, message: expect.stringMatching(/^expected a string, got (a number|a boolean|an object|an array)$/) });
      }
    });

  test.each(['FileURL', 'OriginalFileName'])('Mezzanine.%s that is not a string', (field) => {
    expect(refusal(withMezzanine({ [field]: 7 }))).toEqual({ path: `Mezzanine.${field}`, message: 'expected a string, got a number' });
  });

  test.each<[string, unknown]>([
    ['a string', 'n/a'],
    ['a number', 0],
    ['a list', []],
  ])('a Mezzanine that is %s', (_what, mezzanine) => {
    expect(refusal({ ...SEED_EXAMPLE, Mezzanine: mezzanine })).toEqual({ path: 'Mezzanine', message: expect.stringMatching(/^expected an object, got /) });
  });

  test.each<[string, string]>([
    ['no zone (ambiguous)', '2018-11-21T02:37:23'],
    ['a date and time with a space, no zone', '2018-11-21 02:37:23'],
    ['not a date', 'yesterday'],
    ['a zone but no valid date', '2018-13-45T99:99:99Z'],
  ])('a CreationTime with %s', (_what, creationTime) => {
    expect(refusal({ ...MINIMAL, CreationTime: creationTime })).toEqual({ path: 'CreationTime', message: expect.stringContaining('ISO 8601 time with a zone') });
  });

  test.each<[string, unknown]>([
    ['missing', undefined],
    ['a number', 12],
    ['empty', ''],
    ['null', null],
  ])('ImageId %s', (_what, imageId) => {
    const { ImageId: _dropped, ...withoutId } = SEED_EXAMPLE;
    expect(refusal(imageId === undefined ? withoutId : { ...withoutId, ImageId: imageId }).path).toBe('ImageId');
  });

  test('the message never repeats the value: a signed URL of the wrong type stays out of it', () => {
    const { message } = refusal({ ...MINIMAL, URL: { signed: 'https://x/a.png?Signature=SECRETSIG' } });
    expect(message).not.toContain('SECRETSIG');
  });
});

describe('normalizeImageInfo: tags', () => {
  test.each<[string, unknown, string[]]>([
    ['spaces around tags are trimmed, spaces inside kept', ' tag1 , tag 2,tag3 ', ['tag1', 'tag 2', 'tag3']],
    ['empty segments are dropped', 'a,,b, ,c,', ['a', 'b', 'c']],
    ['only commas and spaces give none', ' , ,, ', []],
    ['an empty string gives none', '', []],
    ['a single tag', 'cover', ['cover']],
    ['non-ASCII tags', '封面,春季', ['封面', '春季']],
  ])('%s', (_what, tags, expected) => {
    expect(normalize({ ...MINIMAL, Tags: tags }).tags).toEqual(expected);
  });

  test('no Tags field (or null) gives an empty list, never undefined', () => {
    expect(normalize(MINIMAL).tags).toEqual([]);
    expect(normalize({ ...MINIMAL, Tags: null }).tags).toEqual([]);
  });
});

describe('normalizeImageInfo: CreationTime', () => {
  test.each<[string, string, string | undefined]>([
    ['the documented UTC form', '2018-11-21T02:37:23Z', '2018-11-21T02:37:23Z'],
    ['milliseconds are dropped', '2018-11-21T02:37:23.456Z', '2018-11-21T02:37:23Z'],
    ['a lower-case z', '2018-11-21T02:37:23z', '2018-11-21T02:37:23Z'],
    ['an offset is converted to UTC', '2018-11-21T10:37:23+08:00', '2018-11-21T02:37:23Z'],
    ['an offset without colon', '2018-11-21T10:37:23+0800', '2018-11-21T02:37:23Z'],
    ['empty: no time', '', undefined],
  ])('%s: %j → %j', (_what, creationTime, expected) => {
    expect(normalize({ ...MINIMAL, CreationTime: creationTime }).creationTime).toBe(expected);
  });
});

describe('normalizeImageInfo: Mezzanine and URLs', () => {
  test('no Mezzanine: mezzanine undefined, the rest normalized', () => {
    const { Mezzanine: _dropped, ...withoutMezzanine } = SEED_EXAMPLE;
    const info = normalize(withoutMezzanine);
    expect(info.mezzanine).toBeUndefined();
    expect(info).toEqual({ ...SEED_EXPECTED, mezzanine: undefined });
  });

  test('a null Mezzanine is no Mezzanine', () => {
    expect(normalize({ ...SEED_EXAMPLE, Mezzanine: null }).mezzanine).toBeUndefined();
  });

  test('an empty Mezzanine gives an object with nothing in it', () => {
    expect(normalize(withMezzanine({})).mezzanine).toEqual({});
  });

  test('FileURL is reduced like URL; a plain OriginalFileName stays a name', () => {
    const fileUrl = 'https://outin-x.oss-cn-shanghai.aliyuncs.com/image/default/A.png?Expires=1700003600&OSSAccessKeyId=LTAIx&Signature=s%3D';
    const info = normalize(withMezzanine({ FileURL: fileUrl, OriginalFileName: 'spring-cover.png' }));
    expect(info.mezzanine?.fileUrl).toStrictEqual({ url: 'https://outin-x.oss-cn-shanghai.aliyuncs.com/image/default/A.png', signatureRemoved: true });
    expect(info.mezzanine?.originalFileName).toStrictEqual({ url: 'spring-cover.png', signatureRemoved: false });
    const kept = normalize(withMezzanine({ FileURL: fileUrl, OriginalFileName: 'spring-cover.png' }), true);
    expect(kept.mezzanine?.fileUrl).toStrictEqual({ url: fileUrl, signatureRemoved: false, expiresAt: '2023-11-14T23:13:20Z' });
    expect(kept.mezzanine?.originalFileName).toStrictEqual({ url: 'spring-cover.png', signatureRemoved: false });
  });

  test('empty or missing URL fields stay undefined', () => {
    const info = normalize({ ...MINIMAL, URL: '', Mezzanine: { FileURL: '', OriginalFileName: '' } });
    expect(info.url).toBeUndefined();
    expect(info.mezzanine?.fileUrl).toBeUndefined();
    expect(info.mezzanine?.originalFileName).toBeUndefined();
  });

  test('null text fields are absent ones', () => {
    const info = normalize({ ...MINIMAL, Title: null, Description: null, StorageLocation: null, URL: null, AppId: null });
    expect(info).toEqual({ imageId: MINIMAL.ImageId, tags: [] });
  });

  test('an ImageInfo without ImageId is refused by the schema', () => {
    const { ImageId: _dropped, ...withoutId } = SEED_EXAMPLE;
    expect(() => imageInfoSchema.parse(withoutId)).toThrow(ZodError);
  });
});

describe('readVodErrorBody: an error answer, whatever the HTTP status', () => {
  test('the documented error body', () => {
    expect(readVodErrorBody({ RequestId: 'req-1', HostId: 'vod.cn-shanghai.aliyuncs.com', Code: 'Throttling.User', Message: 'Request was denied due to user flow control.' }))
      .toEqual({ code: 'Throttling.User', message: 'Request was denied due to user flow control.', requestId: 'req-1', hostId: 'vod.cn-shanghai.aliyuncs.com' });
  });

  test('a Code alone is enough; a numeric Code is read as text; fields of the wrong type are left out', () => {
    expect(readVodErrorBody({ Code: 'InternalError' })).toEqual({ code: 'InternalError' });
    expect(readVodErrorBody({ Code: 500, Message: { text: 'x' }, RequestId: 7 })).toEqual({ code: '500' });
  });

  test.each<[string, unknown]>([
    ['a data answer', { RequestId: 'req-1', ImageInfo: [] }],
    ['{}', {}],
    ['a null Code', { Code: null, ImageInfo: [] }],
    ['a success Code (as some Alibaba APIs send)', { Code: 'OK', ImageInfo: [] }],
    ['null', null],
    ['a list', [{ Code: 'Throttling' }]],
    ['text', 'Throttling'],
  ])('%s is not an error body', (_what, body) => {
    expect(readVodErrorBody(body)).toBeUndefined();
  });
});

const A = '7c1e4a2b9d3f4e6a8b0c2d4e6f8a0b1c';
const B = 'e8b4d1c7a2f94e3b6c5d0a9f8e7b2c14';
const C = 'a3f9c8e27b6d4c1e9f0a5b3d7e2c4f60';
/** The endpoint that answered: found and not-found outcomes name it. */
const ENDPOINT = 'https://vod.cn-shanghai.aliyuncs.com/';

/** Outcomes as `id → outcome` (and the error's field), for short assertions. */
function summary(requested: readonly string[], body: unknown): Record<string, string> {
  const { outcomes } = classifyImageInfosAnswer(requested, body, false, ENDPOINT);
  return Object.fromEntries(outcomes.map((outcome) => [outcome.imageId, outcome.outcome === 'error' ? `error at ${outcome.error.field}` : outcome.outcome]));
}

describe('classifyImageInfosAnswer: not found only when VOD says so', () => {
  test('returned images are found, NonExistImageIds are not found, in the order requested', () => {
    const answer = classifyImageInfosAnswer([C, A, B], {
      RequestId: 'req-9', ImageInfo: [{ ImageId: A, Title: 'a' }, { ImageId: C, Title: 'c' }], NonExistImageIds: [B],
    }, false, ENDPOINT);
    expect(answer).toEqual({
      requestId: 'req-9',
      outcomes: [
        { imageId: C, outcome: 'found', value: expect.objectContaining({ imageId: C, title: 'c' }), endpoint: ENDPOINT },
        { imageId: A, outcome: 'found', value: expect.objectContaining({ imageId: A, title: 'a' }), endpoint: ENDPOINT },
        { imageId: B, outcome: 'notFound', endpoint: ENDPOINT },
      ],
    });
  });

  test.each<[string, unknown]>([
    ['ImageInfo absent', { RequestId: 'r', NonExistImageIds: [A, B] }],
    ['ImageInfo null', { RequestId: 'r', ImageInfo: null, NonExistImageIds: [A, B] }],
    ['ImageInfo empty', { RequestId: 'r', ImageInfo: [], NonExistImageIds: [B, A] }],
  ])('every image listed as nonexistent, %s: all not found', (_what, body) => {
    expect(summary([A, B], body)).toEqual({ [A]: 'notFound', [B]: 'notFound' });
  });

  test('requested IDs are deduplicated, first seen first', () => {
    const { outcomes } = classifyImageInfosAnswer([A, B, A], { ImageInfo: [{ ImageId: A }], NonExistImageIds: [B] }, false, ENDPOINT);
    expect(outcomes.map((outcome) => outcome.imageId)).toEqual([A, B]);
  });

  test('keepSignedUrls reaches the URLs', () => {
    const url = 'https://cdn.example-vod.com/a.png?auth_key=1590980550-0-0-70a396e834b1c2d3e4f5a6b7c8d9e0f1';
    const [kept] = classifyImageInfosAnswer([A], { ImageInfo: [{ ImageId: A, URL: url }] }, true, ENDPOINT).outcomes;
    const [removed] = classifyImageInfosAnswer([A], { ImageInfo: [{ ImageId: A, URL: url }] }, false, ENDPOINT).outcomes;
    expect(kept.outcome === 'found' && kept.value.url?.url).toBe(url);
    expect(removed.outcome === 'found' && removed.value.url?.url).toBe('https://cdn.example-vod.com/a.png');
  });
});

describe('classifyImageInfosAnswer: every other answer is an error for the images it leaves unexplained', () => {
  test('an error body with HTTP 200 ({"Code":"Throttling.User"}) is an error for every image, never "not found"', () => {
    const { outcomes, requestId } = classifyImageInfosAnswer([A, B], { RequestId: 'req-t', HostId: 'vod.cn-shanghai.aliyuncs.com', Code: 'Throttling.User', Message: 'flow control' }, false, ENDPOINT);
    expect(requestId).toBe('req-t');
    for (const outcome of outcomes) {
      expect(outcome.outcome).toBe('error');
      if (outcome.outcome !== 'error') continue;
      expect(outcome.error).toBeInstanceOf(VodAnswerInvalidError);
      expect(outcome.error).toMatchObject({ code: 'InvalidResponse', retryable: false, field: 'Code' });
      expect(outcome.error.message).toContain('Throttling.User');
      expect(outcome.error.message).toContain('[RequestId req-t]');
    }
  });

  test('{}: no image returned and none listed, so every image is an error', () => {
    expect(summary([A, B], {})).toEqual({ [A]: 'error at ImageInfo', [B]: 'error at ImageInfo' });
  });

  test('ImageInfo [] without NonExistImageIds: every image is an error', () => {
    expect(summary([A, B], { RequestId: 'r', ImageInfo: [] })).toEqual({ [A]: 'error at ImageInfo', [B]: 'error at ImageInfo' });
    const [outcome] = classifyImageInfosAnswer([A], { ImageInfo: [] }, false, ENDPOINT).outcomes;
    expect(outcome.outcome === 'error' && outcome.error.message).toMatch(/no entry for it and NonExistImageIds does not list it: a partial answer/);
  });

  test('a partial answer: the image neither returned nor listed is an error, the others keep their answers', () => {
    expect(summary([A, B, C], { ImageInfo: [{ ImageId: A }], NonExistImageIds: [B] })).toEqual({ [A]: 'found', [B]: 'notFound', [C]: 'error at ImageInfo' });
  });

  test('a field of the wrong type fails its own image, naming the field; the other images are found', () => {
    const body = { ImageInfo: [{ ImageId: A, Title: 'fine' }, { ImageId: B, Title: 42 }, { ImageId: C, Mezzanine: { FileSize: 'big' } }] };
    expect(summary([A, B, C], body)).toEqual({ [A]: 'found', [B]: 'error at ImageInfo[1].Title', [C]: 'error at ImageInfo[2].Mezzanine.FileSize' });
    const failure = classifyImageInfosAnswer([A, B, C], body, false, ENDPOINT).outcomes[1];
    expect(failure.outcome === 'error' && failure.error.details.imageIds).toEqual([B]);
  });

  test('two entries for one image: that image is an error (which one is right?)', () => {
    expect(summary([A, B], { ImageInfo: [{ ImageId: A, Title: 'one' }, { ImageId: B }, { ImageId: A, Title: 'two' }] }))
      .toEqual({ [A]: 'error at ImageInfo[2]', [B]: 'found' });
  });

  test('an image both returned and listed as nonexistent is an error', () => {
    expect(summary([A, B], { ImageInfo: [{ ImageId: A }, { ImageId: B }], NonExistImageIds: [B] })).toEqual({ [A]: 'found', [B]: 'error at ImageInfo[1]' });
  });

  test.each<[string, unknown, string]>([
    ['null', null, ''],
    ['a list', [{ ImageId: A }], ''],
    ['text', 'OK', ''],
    ['a number', 200, ''],
    ['ImageInfo an object', { ImageInfo: { ImageId: A } }, 'ImageInfo'],
    ['ImageInfo text', { ImageInfo: 'none' }, 'ImageInfo'],
    ['NonExistImageIds text', { ImageInfo: [], NonExistImageIds: A }, 'NonExistImageIds'],
    ['NonExistImageIds with a number', { ImageInfo: [], NonExistImageIds: [A, 7] }, 'NonExistImageIds[1]'],
    ['NonExistImageIds with an ID not requested', { ImageInfo: [{ ImageId: A }], NonExistImageIds: [C] }, 'NonExistImageIds'],
    ['an entry that is not an object', { ImageInfo: [{ ImageId: A }, 'B'] }, 'ImageInfo[1]'],
    ['an entry without ImageId', { ImageInfo: [{ ImageId: A }, { Title: 'whose?' }] }, 'ImageInfo[1].ImageId'],
    ['an entry with a numeric ImageId', { ImageInfo: [{ ImageId: A }, { ImageId: 7 }] }, 'ImageInfo[1].ImageId'],
    ['an entry for an image not requested', { ImageInfo: [{ ImageId: A }, { ImageId: C }] }, 'ImageInfo[1].ImageId'],
    ['a RequestId that is not a string', { RequestId: 12, ImageInfo: [{ ImageId: A }, { ImageId: B }] }, 'RequestId'],
  ])('%s: an error for every image, even those it returned', (_what, body, field) => {
    expect(summary([A, B], body)).toEqual({ [A]: `error at ${field}`, [B]: `error at ${field}` });
  });

  test('errors name the action, the images and the field, and are coded LookupErrors', () => {
    const [outcome] = classifyImageInfosAnswer([A], { RequestId: 'req-5', ImageInfo: [{ ImageId: A, Status: 3 }] }, false, ENDPOINT).outcomes;
    if (outcome.outcome !== 'error') throw new Error('expected an error');
    expect(isLookupError(outcome.error)).toBe(true);
    expect(outcome.error.message).toBe(`GetImageInfos answered with an unexpected shape for ${A}: ImageInfo[0].Status expected a string, got a number [RequestId req-5]. Nothing was cached for it.`);
  });

  test('a batch error lists the first IDs and a count', () => {
    const ids = Array.from({ length: 20 }, (_, index) => index.toString(16).padStart(32, 'b'));
    const [outcome] = classifyImageInfosAnswer(ids, null, false, ENDPOINT).outcomes;
    expect(outcome.outcome === 'error' && outcome.error.message).toContain(`${ids[0]}, ${ids[1]}, ${ids[2]} and 17 more`);
  });
});

describe('parseImageInfoAnswer (GetImageInfo): the documented shape for this very image, or an error', () => {
  test('the image, normalized, with its RequestId', () => {
    expect(parseImageInfoAnswer(A, { RequestId: 'req-1', ImageInfo: { ...SEED_EXAMPLE, ImageId: A } }, false))
      .toEqual({ requestId: 'req-1', image: { ...SEED_EXPECTED, imageId: A } });
  });

  test.each<[string, unknown, string]>([
    ['an error body with HTTP 200', { RequestId: 'r', Code: 'Throttling.User', Message: 'flow control' }, 'Code'],
    ['{}', {}, 'ImageInfo'],
    ['null', null, ''],
    ['ImageInfo null', { ImageInfo: null }, 'ImageInfo'],
    ['ImageInfo a list', { ImageInfo: [{ ImageId: A }] }, 'ImageInfo'],
    ['another image', { ImageInfo: { ImageId: B } }, 'ImageInfo.ImageId'],
    ['a wrong-typed Tags', { ImageInfo: { ImageId: A, Tags: ['cover'] } }, 'ImageInfo.Tags'],
    ['a wrong-typed FileSize', { ImageInfo: { ImageId: A, Mezzanine: { FileSize: false } } }, 'ImageInfo.Mezzanine.FileSize'],
  ])('%s: a VodAnswerInvalidError naming %s', (_what, body, field) => {
    const error = thrown(() => parseImageInfoAnswer(A, body, false), VodAnswerInvalidError);
    expect(error).toMatchObject({ code: 'InvalidResponse', field, details: { action: 'GetImageInfo', imageIds: [A] } });
  });
});

describe('the parsers never throw an untyped error, whatever JSON comes back', () => {
  test('arbitrary JSON: every requested image gets an outcome; errors are VodAnswerInvalidErrors', () => {
    const imageInfo = fc.record({ ImageId: fc.constantFrom(A, B, C, 7, undefined), Title: fc.jsonValue(), Mezzanine: fc.jsonValue() }, { requiredKeys: [] });
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record({ RequestId: fc.jsonValue(), ImageInfo: fc.oneof(fc.array(imageInfo), fc.jsonValue()), NonExistImageIds: fc.oneof(fc.subarray([A, B, C]), fc.jsonValue()) }, { requiredKeys: [] }),
    );
    fc.assert(fc.property(body, (value) => {
      const { outcomes } = classifyImageInfosAnswer([A, B], value, false, ENDPOINT);
      expect(outcomes.map((outcome) => outcome.imageId)).toEqual([A, B]);
      for (const outcome of outcomes) if (outcome.outcome === 'error') expect(outcome.error).toBeInstanceOf(VodAnswerInvalidError);
      try {
        parseImageInfoAnswer(A, value, false);
      } catch (error) {
        expect(error).toBeInstanceOf(VodAnswerInvalidError);
      }
    }), { numRuns: 500 });
  });
});

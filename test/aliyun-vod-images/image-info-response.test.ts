import { ZodError } from 'zod';
import { imageInfoSchema, normalizeImageInfo, type VodImageInfo } from '../../src/aliyun-vod-images/image-info-response';

/** `ImageInfo` of the seed's JSON example, as printed (masked IDs included): FileSize a number, ImageType "default", no Status, no AppId. */
const SEED_EXAMPLE = {
  Description: '测试描述',
  Mezzanine: {
    OriginalFileName: 'https://outin-bfefbb*****163e1c7426.oss-cn-shanghai.aliyuncs.com/image/default/5E84CD536*****D4DAD.png?Expires=1590982353&OSSAccessKeyId=*****&Signature=ALPET74o*****c%3D',
    Height: 200,
    Width: 200,
    FileSize: 8932,
  },
  CreationTime: '2018-11-21T02:37:23Z',
  ImageId: 'bbc65bba53f9*****ed90de118a7849',
  Title: 'this is a sample',
  CateId: 254766071,
  CateName: '测试',
  StorageLocation: 'outin-bfefbb*****163e1c7426.oss-cn-shanghai.aliyuncs.com',
  Tags: 'tag1,tag2,tag3',
  URL: 'https://al*****.cn/image/default/5E84CD536*****D4DAD.png?auth_key=159098055*****70a396e834',
  ImageType: 'default',
};

const SEED_EXPECTED: VodImageInfo = {
  imageId: 'bbc65bba53f9*****ed90de118a7849',
  title: 'this is a sample',
  description: '测试描述',
  imageType: 'default',
  status: undefined,
  tags: ['tag1', 'tag2', 'tag3'],
  appId: undefined,
  categoryId: 254766071,
  categoryName: '测试',
  creationTime: '2018-11-21T02:37:23Z',
  storageLocation: 'outin-bfefbb*****163e1c7426.oss-cn-shanghai.aliyuncs.com',
  // The masked auth_key has no `<expiry>-` field: no expiry, but the query is still dropped.
  url: { url: 'https://al*****.cn/image/default/5E84CD536*****D4DAD.png', signatureRemoved: true, expiresAt: undefined },
  mezzanine: {
    sizeBytes: 8932,
    width: 200,
    height: 200,
    fileUrl: undefined,
    originalFileName: {
      url: 'https://outin-bfefbb*****163e1c7426.oss-cn-shanghai.aliyuncs.com/image/default/5E84CD536*****D4DAD.png',
      signatureRemoved: true,
      expiresAt: '2020-06-01T03:32:33Z',
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
    expect(typeof info.mezzanine?.sizeBytes).toBe('number');
  });

  test('no signature, key ID or expiry parameter is left anywhere in the result', () => {
    const printed = JSON.stringify(normalize(SEED_EXAMPLE));
    for (const fragment of ['Signature=', 'ALPET74o', 'OSSAccessKeyId', 'Expires=', 'auth_key=', '70a396e834']) {
      expect(printed).not.toContain(fragment);
    }
  });

  test('keepSignedUrls: the URLs are kept whole, with their expiry', () => {
    const info = normalize(SEED_EXAMPLE, true);
    expect(info.url).toEqual({ url: SEED_EXAMPLE.URL, signatureRemoved: false, expiresAt: undefined });
    expect(info.mezzanine?.originalFileName).toEqual({ url: SEED_EXAMPLE.Mezzanine.OriginalFileName, signatureRemoved: false, expiresAt: '2020-06-01T03:32:33Z' });
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

  test.each<[string, unknown]>([
    ['letters', 'abc'],
    ['an empty string', ''],
    ['a decimal string', '12.5'],
    ['a negative string', '-1'],
    ['an exponent', '1e3'],
    ['hex', '0x10'],
    ['a boolean', true],
    ['null', null],
    ['an object', { bytes: 1 }],
  ])('garbage (%s) becomes undefined without failing the rest of the answer', (_what, garbage) => {
    const info = normalize({ ...SEED_EXAMPLE, CateId: garbage, Mezzanine: { ...SEED_EXAMPLE.Mezzanine, FileSize: garbage, Width: garbage, Height: garbage } });
    expect(info.categoryId).toBeUndefined();
    expect(info.mezzanine?.sizeBytes).toBeUndefined();
    expect(info.mezzanine?.width).toBeUndefined();
    expect(info.mezzanine?.height).toBeUndefined();
    // The other fields are unharmed.
    expect(info.title).toBe(SEED_EXPECTED.title);
    expect(info.mezzanine?.originalFileName).toEqual(SEED_EXPECTED.mezzanine?.originalFileName);
  });

  test.each<[string, number]>([
    ['a fraction', 12.5],
    ['a negative number', -1],
  ])('a JSON number that is %s is refused like its string form', (_what, garbage) => {
    const info = normalize({ ...MINIMAL, CateId: garbage, Mezzanine: { FileSize: garbage, Width: garbage, Height: garbage } });
    expect(info.categoryId).toBeUndefined();
    expect(info.mezzanine?.sizeBytes).toBeUndefined();
    expect(info.mezzanine?.width).toBeUndefined();
    expect(info.mezzanine?.height).toBeUndefined();
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

  test('no Tags field (or a non-string) gives an empty list, never undefined', () => {
    expect(normalize(MINIMAL).tags).toEqual([]);
    expect(normalize({ ...MINIMAL, Tags: ['a', 'b'] }).tags).toEqual([]);
  });
});

describe('normalizeImageInfo: CreationTime', () => {
  test.each<[string, string, string | undefined]>([
    ['the documented UTC form', '2018-11-21T02:37:23Z', '2018-11-21T02:37:23Z'],
    ['milliseconds are dropped', '2018-11-21T02:37:23.456Z', '2018-11-21T02:37:23Z'],
    ['a lower-case z', '2018-11-21T02:37:23z', '2018-11-21T02:37:23Z'],
    ['an offset is converted to UTC', '2018-11-21T10:37:23+08:00', '2018-11-21T02:37:23Z'],
    ['an offset without colon', '2018-11-21T10:37:23+0800', '2018-11-21T02:37:23Z'],
    ['no zone: ambiguous, so undefined', '2018-11-21T02:37:23', undefined],
    ['a date and time with a space, no zone', '2018-11-21 02:37:23', undefined],
    ['not a date', 'yesterday', undefined],
    ['a zone but no valid date', '2018-13-45T99:99:99Z', undefined],
    ['empty', '', undefined],
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

  test('a Mezzanine of the wrong type is dropped, not fatal', () => {
    expect(normalize({ ...SEED_EXAMPLE, Mezzanine: 'n/a' }).mezzanine).toBeUndefined();
    expect(normalize({ ...SEED_EXAMPLE, Mezzanine: null }).mezzanine).toBeUndefined();
  });

  test('an empty Mezzanine gives an object with nothing in it', () => {
    expect(normalize(withMezzanine({})).mezzanine).toEqual({});
  });

  test('FileURL is reduced like URL; a plain OriginalFileName stays a name', () => {
    const fileUrl = 'https://outin-x.oss-cn-shanghai.aliyuncs.com/image/default/A.png?Expires=1700003600&OSSAccessKeyId=LTAIx&Signature=s%3D';
    const info = normalize(withMezzanine({ FileURL: fileUrl, OriginalFileName: 'spring-cover.png' }));
    expect(info.mezzanine?.fileUrl).toEqual({ url: 'https://outin-x.oss-cn-shanghai.aliyuncs.com/image/default/A.png', signatureRemoved: true, expiresAt: '2023-11-14T23:13:20Z' });
    expect(info.mezzanine?.originalFileName).toEqual({ url: 'spring-cover.png', signatureRemoved: false });
  });

  test('empty or missing URL fields stay undefined', () => {
    const info = normalize({ ...MINIMAL, URL: '', Mezzanine: { FileURL: '', OriginalFileName: '' } });
    expect(info.url).toBeUndefined();
    expect(info.mezzanine?.fileUrl).toBeUndefined();
    expect(info.mezzanine?.originalFileName).toBeUndefined();
  });

  test('text fields of the wrong type become undefined', () => {
    const info = normalize({ ...MINIMAL, Title: 42, Description: null, StorageLocation: {}, URL: 7, AppId: ['app'] });
    expect(info).toEqual({ imageId: MINIMAL.ImageId, tags: [] });
  });

  test('an ImageInfo without ImageId is refused by the schema', () => {
    const { ImageId: _dropped, ...withoutId } = SEED_EXAMPLE;
    expect(() => imageInfoSchema.parse(withoutId)).toThrow(ZodError);
  });
});

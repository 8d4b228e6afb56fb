import { VOD_IMAGES_PACK_ID, vodImageRules, vodImagesPack } from '../../../src/aliyun-vod-images/rules';
import { LookupInputError } from '../../../src/engine';
import { evaluatePolicies } from '../../../src/policy';
import { thrown } from '../../support/expect-errors';
import { missingVodSubject, SEED_STORAGE, vodSubject, VOD_RULES_NOW as NOW } from '../fixtures';

describe('the VOD image pack', () => {
  const pack = vodImagesPack({
    requiredTags: { tags: ['approved'] }, allowedImageTypes: { types: ['cover'] }, sizeBounds: { maxBytes: 1_000_000 },
    allowedStorageLocations: { locations: [SEED_STORAGE] }, maxAge: { maxAgeDays: 90 },
  });

  test('without options it holds the rules that need none; each option adds its rule', () => {
    expect(vodImagesPack()).toEqual({ id: VOD_IMAGES_PACK_ID, rules: vodImageRules });
    expect(pack.rules.map((rule) => rule.id)).toEqual(['AliyunVod.ImageFound', 'AliyunVod.StatusNormal', 'AliyunVod.TitleRequired', 'AliyunVod.HttpsUrls',
      'AliyunVod.RequiredTags', 'AliyunVod.AllowedImageTypes', 'AliyunVod.SizeBounds', 'AliyunVod.AllowedStorageLocations', 'AliyunVod.MaxAge']);
  });

  test('every rule declares what reports need', () => {
    for (const rule of pack.rules) expect(rule).toMatchObject({ apiId: 'aliyun-vod-images', description: expect.any(String), docs: expect.any(String), fixHint: expect.any(String) });
  });

  test('evaluated over a few subjects, each rule reports what is wrong where, once', () => {
    const subjects = [
      vodSubject(),
      vodSubject({ status: 'UploadFail', title: undefined, tags: [] }, { imageId: 'old', constructPath: 'prod/old' }),
      vodSubject({ imageType: 'NormalSnapshot', creationTime: '2025-01-01T00:00:00Z', storageLocation: 'elsewhere.example.com' }, { imageId: 'snap', constructPath: 'prod/snap' }),
      missingVodSubject({ constructPath: 'prod/gone' }),
    ];
    const result = evaluatePolicies(subjects, [pack], { now: NOW });
    expect(result.findings.map((finding) => `${finding.severity} ${finding.ruleId} ${finding.constructPath}`)).toEqual([
      'error AliyunVod.ImageFound prod/gone', 'error AliyunVod.StatusNormal prod/old', 'warning AliyunVod.TitleRequired prod/old',
      'warning AliyunVod.RequiredTags prod/old', 'error AliyunVod.AllowedImageTypes prod/snap', 'error AliyunVod.AllowedStorageLocations prod/snap', 'warning AliyunVod.MaxAge prod/snap',
    ]);
    expect(result.rules.every((rule) => rule.subjectCount === 4 && rule.packId === 'aliyun-vod-images')).toBe(true);
    expect(JSON.parse(JSON.stringify(result.findings))).toEqual(result.findings);
  });

  test.each([
    [[], 'options', /expected an object of options, got an empty list/],
    [{ maxAge: 90 }, 'maxAge', /expected the options object of its rule/],
    [{ maxage: { maxAgeDays: 90 } }, 'maxage', /its options are requiredTags, allowedImageTypes, sizeBounds, allowedStorageLocations and maxAge/],
  ])('refuses %j up front, naming the option', (options, option, message) => {
    expect(thrown(() => vodImagesPack(options as never), LookupInputError)).toMatchObject({ input: `AliyunVod pack option ${option}`, message: expect.stringMatching(message) });
  });

  test('a rule\'s invalid options fail the pack, naming the rule', () => {
    expect(thrown(() => vodImagesPack({ maxAge: { maxAgeDays: 0 } }), LookupInputError).input).toBe('AliyunVod.MaxAge option maxAgeDays');
  });
});

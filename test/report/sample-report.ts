// Check reports for the report formats' tests: a realistic one with a finding of every kind (and text
// that needs escaping in every format), and a clean one.
import type { EvaluatedRule } from '../../src/policy';
import type { CheckFinding, CheckReport, LookupsFile, ReportedFinding } from '../../src/report';

const TENCENT = 'tencent-image-shares';
const VOD = 'aliyun-vod-images';

/** A message with what every format must escape: `<`, `&`, `"`, a line break, `%`, `,` and `:`. */
export const TRICKY_MESSAGE = 'img-0001abcd is shared with 100001 <partner & "ops">,\n100002: 50% of the share quota, not in the allowlist.';

/** A VOD image ID: 32 hex digits. */
export const VOD_COVER_ID = '3f1e0c9a5b7d4e2f8a6c1b3d5e7f9a0b';
const VOD_BANNER_ID = 'a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4';

function ruleOf(id: string, apiId: string, severity: EvaluatedRule['severity'], fields: Partial<EvaluatedRule> = {}): EvaluatedRule {
  return {
    id, apiId, severity, packId: apiId, suppressible: true, subjectCount: 2, constructPaths: [],
    description: `${id} holds`, docs: `Why ${id} matters, in **Markdown**.`, fixHint: `Make ${id} hold.`, ...fields,
  };
}

/** Every rule of the sample, sorted by id: two have no findings at all. */
export const SAMPLE_RULES: readonly EvaluatedRule[] = [
  ruleOf('AliyunVod.HttpsUrls', VOD, 'error', { description: 'VOD image URLs use HTTPS' }),
  ruleOf('AliyunVod.ImageFound', VOD, 'error', { description: 'VOD knows every looked-up image' }),
  ruleOf('AliyunVod.StatusNormal', VOD, 'error', {
    description: 'VOD images have the status Normal',
    docs: 'An image is usable once its upload has finished: its `Status` is `Normal`.',
    fixHint: 'Wait for the upload to finish, or upload the image again if it failed.',
  }),
  ruleOf('AliyunVod.TitleRequired', VOD, 'warning', { description: 'VOD images have a title' }),
  ruleOf('TencentShares.AllowlistedAccounts', TENCENT, 'error', {
    description: 'Images are shared only with allowlisted accounts',
    docs: 'An image shared with an account outside the organization leaks what it contains.',
    fixHint: 'Unshare the image from the account, or add the account to the allowlist.',
    suppressible: false,
  }),
  ruleOf('TencentShares.ForbiddenAccounts', TENCENT, 'error'),
  ruleOf('TencentShares.MaxShareAge', TENCENT, 'warning', { description: 'Shares are at most 90 days old' }),
  ruleOf('TencentShares.ShareQuotaHeadroom', TENCENT, 'info', { description: 'The account keeps headroom in its share quota' }),
];

const rule = (id: string): EvaluatedRule => {
  const found = SAMPLE_RULES.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no sample rule ${id}`);
  return found;
};

/** A reported finding of a sample rule, on a Tencent or VOD construct. */
export function reportedFinding(ruleId: string, fields: Partial<ReportedFinding> = {}): ReportedFinding {
  const { apiId, severity, fixHint, packId } = rule(ruleId);
  const tencent = apiId === TENCENT;
  return {
    ruleId, packId, severity, apiId, fixHint,
    constructPath: tencent ? 'prod/shares/base-image' : 'prod/vod/cover',
    cloud: tencent ? 'tencent' : 'alibaba',
    region: tencent ? 'ap-guangzhou' : 'cn-shanghai',
    imageId: tencent ? 'img-0001abcd' : VOD_COVER_ID,
    message: `${ruleId} does not hold`,
    evidence: {},
    ruleThrew: false,
    failOn: 'error',
    ...fields,
  };
}

const checkFinding = (ruleId: string, failing: boolean, fields: Partial<ReportedFinding> = {}): CheckFinding =>
  ({ ...reportedFinding(ruleId, fields), failing, baseline: 'new', ...fields });

/** The failing error with a tricky message, created at a known place. */
export const ALLOWLIST_FINDING = checkFinding('TencentShares.AllowlistedAccounts', true, {
  message: TRICKY_MESSAGE,
  evidence: { uins: ['100001', '100002'], allowlist: ['100003'] },
  source: { file: 'stacks/golden-images.ts', line: 12, column: 5 },
});

/** The failing VOD error, created in a file whose name needs escaping in a URI and a workflow command property. */
export const STATUS_FINDING = checkFinding('AliyunVod.StatusNormal', true, {
  message: `Image ${VOD_COVER_ID} has the status Uploading, not Normal`,
  evidence: { status: 'Uploading' },
  source: { file: 'stacks/vod images,v2.ts', line: 40, column: 3 },
});

/** An error the baseline knows: not failing. */
export const KNOWN_FINDING = checkFinding('AliyunVod.HttpsUrls', false, {
  message: 'The cover URL is http://cdn.example.com/cover.jpg', evidence: { url: 'http://cdn.example.com/cover.jpg' }, baseline: 'known',
});

/** A warning (not failing at failOn error), source unknown. */
export const AGE_FINDING = checkFinding('TencentShares.MaxShareAge', false, {
  constructPath: 'staging/shares/app-image', imageId: 'img-0002efgh', region: 'ap-shanghai',
  message: 'img-0002efgh has been shared with 100001 for 120 days (more than 90).', evidence: { uin: '100001', days: 120 },
});

/** An info, source unknown. */
export const QUOTA_FINDING = checkFinding('TencentShares.ShareQuotaHeadroom', false, {
  message: '9 of the account\'s 10 shared images are used (90%).', evidence: { used: 9, max: 10 },
});

/** The suppressed warning. */
export const SUPPRESSED_FINDING = reportedFinding('AliyunVod.TitleRequired', {
  constructPath: 'prod/vod/banner', imageId: VOD_BANNER_ID, message: `Image ${VOD_BANNER_ID} has no title`,
  source: { file: 'stacks/vod-images.ts', line: 7, column: 1 },
});

/** A check with a finding of every kind: 2 failing errors, a known error, a warning and an info; suppressions of every outcome; a baseline. */
export function sampleReport(): CheckReport {
  return {
    schemaVersion: 1,
    tool: { name: 'cdktf-image-lookups', version: '0.1.0' },
    generatedAt: '2026-06-01T12:34:56.789Z',
    evaluatedAt: '2026-06-01T00:00:00.000Z',
    mode: 'offline',
    failOn: 'error',
    summary: {
      lookups: 4, rules: SAMPLE_RULES.length, errors: 3, warnings: 1, infos: 1, failing: 2,
      suppressed: 1, expiredSuppressions: 1, ignoredSuppressions: 1, unusedSuppressions: 1,
      baseline: { file: 'image-lookups.baseline.json', new: 4, known: 1, resolved: 1 },
      passed: false,
    },
    rules: SAMPLE_RULES,
    // Sorted by construct path, image ID, rule id.
    findings: [ALLOWLIST_FINDING, QUOTA_FINDING, KNOWN_FINDING, STATUS_FINDING, AGE_FINDING],
    suppressed: [{
      finding: SUPPRESSED_FINDING,
      suppression: {
        index: 0, ruleId: 'AliyunVod.TitleRequired', constructPath: 'prod/vod/banner', reason: 'Banners get their titles from the CMS',
        owner: 'media-team', expiresAt: '2027-03-31T00:00:00.000Z',
      },
    }],
    expiredSuppressions: [{
      suppression: { index: 1, ruleId: 'AliyunVod.StatusNormal', constructPath: 'prod/vod/**', reason: 'Re-upload scheduled for May', expiresAt: '2026-05-01T00:00:00.000Z' },
      findings: [reportedFinding('AliyunVod.StatusNormal', { message: STATUS_FINDING.message, source: STATUS_FINDING.source })],
    }],
    ignoredSuppressions: [{
      finding: reportedFinding('TencentShares.AllowlistedAccounts', { message: TRICKY_MESSAGE, source: ALLOWLIST_FINDING.source }),
      suppression: { index: 2, ruleId: 'TencentShares.AllowlistedAccounts', constructPath: 'prod/shares/*', reason: 'The partner account is temporary', owner: 'platform' },
    }],
    unusedSuppressions: [{ index: 3, ruleId: 'TencentShares.ForbiddenAccounts', imageId: 'img-9999', reason: 'Legacy image, shared on purpose' }],
    baselineResolved: [{ ruleId: 'TencentShares.MaxShareAge', constructPath: 'prod/shares/old-image', imageId: 'img-0003ijkl' }],
  };
}

/** A check that found nothing: two clean rules, no suppressions, no baseline. */
export function cleanReport(): CheckReport {
  return {
    schemaVersion: 1,
    tool: { name: 'cdktf-image-lookups', version: '0.1.0' },
    generatedAt: '2026-06-01T12:34:56.789Z',
    evaluatedAt: '2026-06-01T00:00:00.000Z',
    mode: 'auto',
    summary: {
      lookups: 2, rules: 2, errors: 0, warnings: 0, infos: 0, failing: 0,
      suppressed: 0, expiredSuppressions: 0, ignoredSuppressions: 0, unusedSuppressions: 0, passed: true,
    },
    rules: [rule('AliyunVod.StatusNormal'), rule('TencentShares.AllowlistedAccounts')].map((clean) => ({ ...clean, subjectCount: 1 })),
    findings: [],
    suppressed: [],
    expiredSuppressions: [],
    ignoredSuppressions: [],
    unusedSuppressions: [],
  };
}

/** lookups.json of the sample: found images with facts, one not found. */
export function sampleLookupsFile(): LookupsFile {
  return {
    version: 1,
    generatedAt: '2026-06-01T12:34:56.789Z',
    lookups: [
      {
        apiId: TENCENT, cloud: 'tencent', region: 'ap-guangzhou', imageId: 'img-0001abcd', constructPath: 'prod/shares/base-image', found: true,
        facts: { shares: [{ uin: '100001', shareTimeStamp: '2026-01-01 00:00:00' }], maxImgShareNum: 10 },
        source: { file: 'stacks/golden-images.ts', line: 12, column: 5 },
      },
      { apiId: TENCENT, cloud: 'tencent', region: 'ap-shanghai', imageId: 'img-0002efgh', constructPath: 'staging/shares/app-image', found: false },
      { apiId: VOD, cloud: 'alibaba', region: 'cn-shanghai', imageId: VOD_COVER_ID, constructPath: 'prod/vod/cover', found: true, facts: { status: 'Uploading' } },
    ],
  };
}

import { readFileSync } from 'node:fs';
import type { Result } from 'sarif';
import { fingerprintOf } from '../../src/policy';
import { FINGERPRINT_KEY, renderSarifReport, type CheckReport } from '../../src/report';
import { SARIF_SCHEMA_FILE, sarifValidator } from './json-schema';
import { ALLOWLIST_FINDING, AGE_FINDING, cleanReport, sampleReport, STATUS_FINDING, SUPPRESSED_FINDING } from './sample-report';

const validateSarif = sarifValidator();

/** The results of a report's log. */
const resultsOf = (report: CheckReport): Result[] => renderSarifReport(report).runs[0].results ?? [];

describe('renderSarifReport', () => {
  test('ships the SARIF 2.1.0 schema exactly as @microsoft/jest-sarif has it', () => {
    const packaged = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    expect(readFileSync(SARIF_SCHEMA_FILE, 'utf8')).toBe(readFileSync(packaged, 'utf8'));
  });

  test('the schema check can fail: a log with a bad level or an unknown field is invalid', () => {
    const log = renderSarifReport(sampleReport());
    const results = log.runs[0].results ?? [];
    expect(validateSarif({ ...log, runs: [{ ...log.runs[0], results: [{ ...results[0], level: 'fatal' }] }] })).not.toEqual([]);
    expect(validateSarif({ ...log, runs: [{ ...log.runs[0], surprise: true }] })).toEqual(['/runs/0 must NOT have additional properties (surprise)']);
    // Formats are checked too: a file name with a space is not a URI reference until it is encoded.
    const unencoded = { ...results[0], locations: [{ physicalLocation: { artifactLocation: { uri: 'stacks/vod images.ts' } } }] };
    expect(validateSarif({ ...log, runs: [{ ...log.runs[0], results: [unencoded] }] }))
      .toEqual(['/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri must match format "uri-reference"']);
  });

  test.each([['the sample', sampleReport()], ['a clean check', cleanReport()]])('gives a valid SARIF 2.1.0 log for %s', (_, report) => {
    const log = renderSarifReport(report);
    expect(validateSarif(log)).toEqual([]);
    expect(log).toMatchObject({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0' });
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].invocations).toEqual([{ executionSuccessful: true }]);
  });

  test('describes the tool and every rule: level from severity, help with docs and fix, properties', () => {
    const { driver } = renderSarifReport(sampleReport()).runs[0].tool;
    expect(driver).toMatchObject({ name: 'cdktf-image-lookups', version: '0.1.0', informationUri: 'https://www.npmjs.com/package/cdktf-image-lookups' });
    expect(driver.rules?.map((rule) => [rule.id, rule.defaultConfiguration?.level])).toEqual([
      ['AliyunVod.HttpsUrls', 'error'], ['AliyunVod.ImageFound', 'error'], ['AliyunVod.StatusNormal', 'error'], ['AliyunVod.TitleRequired', 'warning'],
      ['TencentShares.AllowlistedAccounts', 'error'], ['TencentShares.ForbiddenAccounts', 'error'], ['TencentShares.MaxShareAge', 'warning'],
      ['TencentShares.ShareQuotaHeadroom', 'note'],
    ]);
    expect(driver.rules?.[4]).toEqual({
      id: 'TencentShares.AllowlistedAccounts',
      name: 'TencentSharesAllowlistedAccounts',
      shortDescription: { text: 'Images are shared only with allowlisted accounts' },
      fullDescription: { text: 'An image shared with an account outside the organization leaks what it contains.' },
      help: {
        text: 'An image shared with an account outside the organization leaks what it contains.\n\nFix: Unshare the image from the account, or add the account to the allowlist.',
        markdown: 'An image shared with an account outside the organization leaks what it contains.\n\n**Fix:** Unshare the image from the account, or add the account to the allowlist.',
      },
      defaultConfiguration: { level: 'error' },
      properties: { apiId: 'tencent-image-shares', packId: 'tencent-image-shares', suppressible: false },
    });
  });

  test('gives a result per unsuppressed finding, then per suppressed one, each ruleIndex naming its rule', () => {
    const log = renderSarifReport(sampleReport());
    const rules = log.runs[0].tool.driver.rules ?? [];
    const results = log.runs[0].results ?? [];
    expect(results.map((result) => [result.ruleId, result.level])).toEqual([
      ['TencentShares.AllowlistedAccounts', 'error'], ['TencentShares.ShareQuotaHeadroom', 'note'], ['AliyunVod.HttpsUrls', 'error'],
      ['AliyunVod.StatusNormal', 'error'], ['TencentShares.MaxShareAge', 'warning'], ['AliyunVod.TitleRequired', 'warning'],
    ]);
    for (const result of results) expect(rules[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
  });

  test('words a result as the message and the fix, and carries the finding\'s facts as properties', () => {
    const [allowlist] = resultsOf(sampleReport());
    expect(allowlist.message.text).toBe(`${ALLOWLIST_FINDING.message} Fix: Unshare the image from the account, or add the account to the allowlist.`);
    expect(allowlist.properties).toEqual({
      imageId: 'img-0001abcd', cloud: 'tencent', region: 'ap-guangzhou', apiId: 'tencent-image-shares',
      evidence: { uins: ['100001', '100002'], allowlist: ['100003'] }, baseline: 'new', failing: true,
    });
    expect(resultsOf(sampleReport())[3].message.text).toBe(`${STATUS_FINDING.message}. Fix: Wait for the upload to finish, or upload the image again if it failed.`);
  });

  test('gives a physical location only where the construct\'s source is known; a logical one always', () => {
    const results = resultsOf(sampleReport());
    expect(results[0].locations).toEqual([{
      physicalLocation: { artifactLocation: { uri: 'stacks/golden-images.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 12, startColumn: 5 } },
      logicalLocations: [{ name: 'base-image', fullyQualifiedName: 'prod/shares/base-image', kind: 'resource' }],
    }]);
    // A file name with a space and a comma, as a URI reference.
    expect(results[3].locations?.[0].physicalLocation?.artifactLocation?.uri).toBe('stacks/vod%20images%2Cv2.ts');
    expect(results[4].locations).toEqual([{ logicalLocations: [{ name: 'app-image', fullyQualifiedName: 'staging/shares/app-image', kind: 'resource' }] }]);
    expect(results.filter((result) => result.locations?.[0].physicalLocation).map((result) => result.ruleId))
      .toEqual(['TencentShares.AllowlistedAccounts', 'AliyunVod.StatusNormal', 'AliyunVod.TitleRequired']);
  });

  test('fingerprints a result as the baseline does: by rule, construct path and image, never the message', () => {
    const report = sampleReport();
    const [first] = resultsOf(report);
    expect(first.partialFingerprints).toEqual({ [FINGERPRINT_KEY]: fingerprintOf(ALLOWLIST_FINDING) });
    const reworded = resultsOf({ ...report, findings: report.findings.map((finding) => ({ ...finding, message: 'Reworded entirely.', evidence: { other: 1 } })) });
    expect(reworded.map((result) => result.partialFingerprints)).toEqual(resultsOf(report).map((result) => result.partialFingerprints));
    const otherImage = resultsOf({ ...report, findings: [{ ...ALLOWLIST_FINDING, imageId: 'img-other' }] });
    expect(otherImage[0].partialFingerprints?.[FINGERPRINT_KEY]).not.toBe(first.partialFingerprints?.[FINGERPRINT_KEY]);
  });

  test('marks baseline states: a known finding is unchanged, a new one new; none without a baseline', () => {
    expect(resultsOf(sampleReport()).map((result) => result.baselineState)).toEqual(['new', 'new', 'unchanged', 'new', 'new', undefined]);
    const { baseline: _, ...withoutBaseline } = AGE_FINDING;
    const [result] = resultsOf({ ...sampleReport(), findings: [withoutBaseline] });
    expect(result.baselineState).toBeUndefined();
    expect(result.properties).not.toHaveProperty('baseline');
    expect(result.properties).toMatchObject({ failing: false });
  });

  test('carries a suppressed finding with an accepted external suppression: its reason, owner and expiry', () => {
    const suppressed = resultsOf(sampleReport())[5];
    expect(suppressed).toMatchObject({ ruleId: SUPPRESSED_FINDING.ruleId, level: 'warning', properties: { failing: false } });
    expect(suppressed.suppressions).toEqual([{
      kind: 'external', status: 'accepted', justification: 'Banners get their titles from the CMS',
      properties: { owner: 'media-team', expiresAt: '2027-03-31T00:00:00.000Z' },
    }]);
    expect(resultsOf(sampleReport()).slice(0, 5).every((result) => result.suppressions === undefined)).toBe(true);
  });

  test('marks a finding of a rule that threw', () => {
    const [result] = resultsOf({ ...sampleReport(), findings: [{ ...ALLOWLIST_FINDING, ruleThrew: true }] });
    expect(result.properties).toMatchObject({ ruleThrew: true });
  });

  test('gives a clean check every rule and no result', () => {
    const log = renderSarifReport(cleanReport());
    expect(log.runs[0].tool.driver.rules?.map((rule) => rule.id)).toEqual(['AliyunVod.StatusNormal', 'TencentShares.AllowlistedAccounts']);
    expect(log.runs[0].results).toEqual([]);
  });
});

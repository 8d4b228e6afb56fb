import { renderFindingsTable, summaryLine, TABLE_WIDTH, type CheckReport } from '../../src/report';
import { AGE_FINDING, ALLOWLIST_FINDING, cleanReport, QUOTA_FINDING, sampleReport } from './sample-report';

const linesOf = (report: CheckReport): string[] => renderFindingsTable(report).trimEnd().split('\n');

describe('renderFindingsTable', () => {
  test('lists the findings failing first, then by severity, each row with its message and fix below', () => {
    const lines = linesOf(sampleReport());
    expect(lines.slice(0, 7)).toEqual([
      'Findings (5)',
      '      LEVEL  CONSTRUCT                 IMAGE                             RULE',
      'FAIL  ERROR  prod/shares/base-image    img-0001abcd                      TencentShares.AllowlistedAccounts',
      '             img-0001abcd is shared with 100001 <partner & "ops">,',
      '             100002: 50% of the share quota, not in the allowlist.',
      '             Fix: Unshare the image from the account, or add the account to the allowlist.',
      'FAIL  ERROR  prod/vod/cover            3f1e0c9a5b7d4e2f8a6c1b3d5e7f9a0b  AliyunVod.StatusNormal',
    ]);
    const rows = lines.slice(0, lines.indexOf('')).filter((line) => /^(FAIL| {4}) {2}(ERROR|WARN |INFO )/.test(line)).map((line) => line.split(/\s+/).filter(Boolean));
    expect(rows.map((cells) => [cells[0], cells[cells.length - 1]])).toEqual([
      ['FAIL', 'TencentShares.AllowlistedAccounts'], ['FAIL', 'AliyunVod.StatusNormal'], ['ERROR', 'AliyunVod.HttpsUrls'],
      ['WARN', 'TencentShares.MaxShareAge'], ['INFO', 'TencentShares.ShareQuotaHeadroom'],
    ]);
    expect(lines).toContain('             Known to the baseline: it does not fail the check.');
  });

  test('lists suppressed findings with the reason, owner and expiry, and every suppression that needs attention', () => {
    const text = renderFindingsTable(sampleReport());
    expect(text).toContain([
      'Suppressed (1)',
      '      LEVEL  CONSTRUCT        IMAGE                             RULE',
      '      WARN   prod/vod/banner  a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4  AliyunVod.TitleRequired',
      '             Image a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4 has no title',
      '             Suppressed by suppressions[0]: Banners get their titles from the CMS (media-team, expires 2027-03-31)',
    ].join('\n'));
    expect(text).toContain('Expired suppressions (1): their findings are reported again\n'
      + '  suppressions[1] AliyunVod.StatusNormal (constructs prod/vod/**) expired 2026-05-01, matching 1 finding. Its reason:\n'
      + '  Re-upload scheduled for May\n');
    expect(text).toContain('Ignored suppressions (1): their rules cannot be suppressed\n'
      + '  suppressions[2] TencentShares.AllowlistedAccounts (constructs prod/shares/*) matches prod/shares/base-image\n'
      + '  img-0001abcd: The partner account is temporary (platform)\n');
    expect(text).toContain('Unused suppressions (1): they match no finding; remove them, or fix their rule, path or image\n'
      + '  suppressions[3] TencentShares.ForbiddenAccounts (image img-9999): Legacy image, shared on purpose\n');
    expect(text).toContain('Baseline image-lookups.baseline.json: 4 new, 1 known, 1 resolved\n'
      + '  resolved: TencentShares.MaxShareAge on prod/shares/old-image img-0003ijkl\n');
  });

  test('ends with the summary line', () => {
    expect(linesOf(sampleReport()).at(-1)).toBe('5 findings (3 errors, 1 warning, 1 info), 2 failing; 1 suppressed, 1 expired, 1 ignored, 1 unused; '
      + 'baseline: 4 new, 1 known, 1 resolved; 4 images looked up, 8 rules: FAILED');
  });

  test('fits 120 columns: a long message wraps at words, a long construct path or image is cut and given in full below', () => {
    const longPath = 'production/platform-team/shared-images/golden/base-image-for-workers';
    const longImage = 'img-0123456789abcdef0123456789abcdef01';
    const words = Array.from({ length: 60 }, (_, index) => `word${index}`);
    const report: CheckReport = { ...cleanReport(), findings: [{ ...ALLOWLIST_FINDING, constructPath: longPath, imageId: longImage, message: words.join(' ') }] };
    const lines = linesOf(report);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(TABLE_WIDTH);
    expect(lines[2]).toBe('FAIL  ERROR  ...mages/golden/base-image-for-workers  img-0123456789a...456789abcdef01  TencentShares.AllowlistedAccounts');
    const messageLines = lines.slice(3, lines.findIndex((line) => line.includes('Fix:')));
    expect(messageLines.length).toBeGreaterThan(1);
    expect(messageLines.every((line) => line.startsWith(' '.repeat(13)))).toBe(true);
    expect(messageLines.join(' ').split(/\s+/).filter(Boolean)).toEqual(words);
    expect(lines).toContain(`             construct: ${longPath}`);
    expect(lines).toContain(`             image: ${longImage}`);
  });

  test('breaks a word longer than a line', () => {
    const report: CheckReport = { ...cleanReport(), findings: [{ ...AGE_FINDING, message: 'x'.repeat(250) }] };
    const lines = linesOf(report);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(TABLE_WIDTH);
    expect(lines.slice(3, 6).map((line) => line.trim()).join('')).toBe('x'.repeat(250));
  });

  test('says "No findings." for a clean check, then the summary', () => {
    expect(renderFindingsTable(cleanReport())).toBe('No findings.\n\n'
      + '0 findings (0 errors, 0 warnings, 0 info), 0 failing; 0 suppressed, 0 expired; 2 images looked up, 2 rules: passed\n');
  });

  test('says "No findings." when every finding is suppressed, and still lists them', () => {
    const lines = linesOf({ ...sampleReport(), findings: [] });
    expect(lines[0]).toBe('No findings.');
    expect(lines).toContain('Suppressed (1)');
  });

  test('marks no row FAIL when nothing fails', () => {
    const lines = linesOf({ ...cleanReport(), findings: [AGE_FINDING, QUOTA_FINDING] });
    expect(lines.some((line) => line.startsWith('FAIL'))).toBe(false);
    expect(lines.filter((line) => /^ {6}(WARN|INFO)/.test(line))).toHaveLength(2);
  });
});

describe('summaryLine', () => {
  test('counts findings by severity, failing ones, suppressions, lookups and rules, then the verdict', () => {
    expect(summaryLine({
      lookups: 13, rules: 9, errors: 1, warnings: 1, infos: 1, failing: 1,
      suppressed: 1, expiredSuppressions: 0, ignoredSuppressions: 0, unusedSuppressions: 0, passed: false,
    })).toBe('3 findings (1 error, 1 warning, 1 info), 1 failing; 1 suppressed, 0 expired; 13 images looked up, 9 rules: FAILED');
    expect(summaryLine({
      lookups: 1, rules: 1, errors: 0, warnings: 2, infos: 2, failing: 0,
      suppressed: 0, expiredSuppressions: 0, ignoredSuppressions: 0, unusedSuppressions: 2, passed: true,
    })).toBe('4 findings (0 errors, 2 warnings, 2 info), 0 failing; 0 suppressed, 0 expired, 2 unused; 1 image looked up, 1 rule: passed');
  });
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import { synthWithLookups } from '../../src/engine';
import { Emulator } from '../../src/emulator';
import { ImagePolicies } from '../../src/policy/image-policies';
import type { AppReport } from '../../src/report/check-report';
import { GoldenImageShareAudit, type GoldenImageShareAuditProps } from '../../examples/golden-image-audit/golden-image-share-audit';
import { ShareApiComparison } from '../../examples/golden-image-audit/share-api-comparison';
import { appIn, isolateEnv, tempDirs } from '../support/fixtures';
import { offlineEnv, ROOT, runCli, runTs } from './example-process';

const DATA = path.resolve(__dirname, '../../examples/golden-image-audit/emulator-data.json');
const MAIN = path.join(ROOT, 'examples/golden-image-audit/main.ts');
const ALLOWED = { '1621874004': 'production', '877354327': 'staging', '2087654321': 'disaster-recovery' };
/** The example app's clock. */
const CLOCK = '2026-06-01T00:00:00Z';

isolateEnv();
const tempDir = tempDirs();
let emulator: Emulator;
beforeAll(async () => {
  emulator = await Emulator.start({ data: DATA });
});
afterAll(() => emulator.stop());

/**
Synthesizes the Guangzhou audit through the real entry point and collects what it prints; with
`overApi3`, its images are looked up again over API 3.0 (the example's ShareApiComparison stack).
*/
async function audit(props: Partial<GoldenImageShareAuditProps>, overApi3 = false) {
  const { secretId, secretKey } = JSON.parse(fs.readFileSync(DATA, 'utf8')).credentials.tencent[0];
  Object.assign(process.env, {
    TENCENTCLOUD_IMAGE_ENDPOINT: emulator.origin, TENCENTCLOUD_CVM_ENDPOINT: emulator.origin, TENCENTCLOUD_SECRET_ID: secretId, TENCENTCLOUD_SECRET_KEY: secretKey,
  });
  const dir = tempDir();
  const printed: string[] = [];
  const spies = (['error', 'warn', 'log'] as const).map((method) =>
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => { printed.push(args.map(String).join(' ')); }));
  try {
    const stats = await synthWithLookups((app) => {
      ImagePolicies.of(app).pinClock(CLOCK);
      const legacy = new GoldenImageShareAudit(app, 'audit', {
        region: 'ap-guangzhou', imageIds: ['img-jgggrva9', 'img-6pb6lrmy', 'img-8hw3nc5t', 'img-2xk9q7dm'], allowedAccounts: ALLOWED, ...props,
      });
      if (overApi3) new ShareApiComparison(app, 'audit-api3', { legacy: legacy.shares });
    }, { cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir), log: (line) => printed.push(line) });
    return { stats, exitCode: process.exitCode, printed: printed.join('\n'), outdir: path.join(dir, 'cdktf.out') };
  } finally {
    for (const spy of spies) spy.mockRestore();
    process.exitCode = undefined;
  }
}

test('with the vendor account under review, the audit passes with warnings and writes the stack', async () => {
  const result = await audit({ accountsUnderReview: { '100000000001': 'vendor scanner' } });
  expect(result.exitCode).toBeUndefined();
  expect(result.printed).toMatch(/image-lookups: 5 lookups \(0 from cache, 5 fetched with 1 API call, 0 discovery-only\) in 2 rounds, mode auto/);
  // The account under review (the custom rule), and the 2016 shares (MaxShareAge, unsuppressed here).
  expect(result.printed).toContain('image-lookups: policies: 5 rules over 4 images: 0 errors, 2 warnings, 0 info, 0 failing;');
  const json = JSON.parse(fs.readFileSync(path.join(result.outdir, 'stacks/audit/cdk.tf.json'), 'utf8'));
  expect(json.locals.golden_image_shares['img-8hw3nc5t']).toEqual(['staging', 'vendor scanner']);
});

test('an account outside the allowlist fails synth, naming the image and the account', async () => {
  const result = await audit({});
  expect(result.stats).toBeUndefined();
  expect(result.exitCode).toBe(1);
  expect(result.printed).toContain('TencentShares.AllowlistedAccounts (error): Image img-8hw3nc5t (audit/golden-images) is shared with account 100000000001, not in the allowlist.');
});

test('an image the API does not know fails synth instead of passing silently', async () => {
  const result = await audit({ imageIds: ['img-jgggrva9', 'img-zzzzzzzz'] });
  expect(result.exitCode).toBe(1);
  expect(result.printed).toContain('TencentShares.ImageFound (error): Image img-zzzzzzzz (audit/golden-images) was not found in region ap-guangzhou.');
});

test('a shorter share age makes more warnings, which do not fail synth', async () => {
  const result = await audit({ accountsUnderReview: { '100000000001': 'vendor scanner' }, maxShareAgeDays: 365 });
  expect(result.exitCode).toBeUndefined();
  // At the pinned clock every image but the unshared one has a share over a year old.
  expect(result.printed).toContain('0 errors, 4 warnings, 0 info, 0 failing;');
});

test('the images looked up again over API 3.0, one call each, give the legacy digest: the output records it', async () => {
  emulator.resetStats();
  const result = await audit({ accountsUnderReview: { '100000000001': 'vendor scanner' } }, true);
  expect(result.exitCode).toBeUndefined();
  // 5 legacy lookups in 1 call (4 images and the account's quota), then 4 over API 3.0, one image per call.
  expect(result.printed).toMatch(/image-lookups: 9 lookups \(0 from cache, 9 fetched with 5 API calls, 0 discovery-only\) in 2 rounds, mode auto/);
  expect(emulator.stats.byAction).toEqual({ GetImageShareUinInfo: 1, DescribeImageSharePermission: 4 });
  const legacy = JSON.parse(fs.readFileSync(path.join(result.outdir, 'stacks/audit/cdk.tf.json'), 'utf8'));
  const api3 = JSON.parse(fs.readFileSync(path.join(result.outdir, 'stacks/audit-api3/cdk.tf.json'), 'utf8'));
  expect(api3.output.digest_matches_legacy.value).toBe(true);
  // The same snapshot triggers: switching the audit's API would not replace its resource.
  const triggers = (json: { resource: { null_resource: Record<string, { triggers: unknown }> } }) => Object.values(json.resource.null_resource)[0].triggers;
  expect(triggers(api3)).toEqual(triggers(legacy));
  expect(Object.keys(triggers(api3) as object)).toContain('digest');
});

describe('the example app, offline on the committed cache', () => {
  test('yields exactly one warning and one suppressed finding, and exits 0', async () => {
    const dir = tempDir();
    const reportDir = path.join(dir, 'reports');
    const result = await runTs(MAIN, [], ROOT, await offlineEnv({ CDKTF_OUTDIR: path.join(dir, 'cdktf.out'), IMAGE_LOOKUPS_REPORT_DIR: reportDir }));
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('image-lookups: 17 lookups (17 from cache, 0 fetched with 0 API calls, 0 discovery-only) in 1 round, mode offline');
    expect(result.stdout).toContain('image-lookups: policies: 12 rules over 15 images: 0 errors, 1 warning, 0 info, 0 failing; '
      + '1 suppressed, 0 expired suppressions, 0 ignored suppressions, 0 unused suppressions');
    expect(fs.readdirSync(path.join(dir, 'cdktf.out', 'stacks')).sort())
      .toEqual(['golden-images-guangzhou', 'golden-images-guangzhou-api3', 'golden-images-shanghai', 'media-covers']);
    // The committed cache holds both APIs' answers for the Guangzhou images, and they agree.
    const api3 = JSON.parse(fs.readFileSync(path.join(dir, 'cdktf.out', 'stacks', 'golden-images-guangzhou-api3', 'cdk.tf.json'), 'utf8'));
    expect(api3.output.digest_matches_legacy.value).toBe(true);

    const reports = fs.readdirSync(reportDir);
    expect(reports).toHaveLength(1);
    const report = JSON.parse(fs.readFileSync(path.join(reportDir, reports[0]), 'utf8')) as AppReport;
    expect(report.evaluatedAt).toBe('2026-06-01T00:00:00.000Z');
    expect(report.findings.map(({ ruleId, severity, constructPath, imageId }) => ({ ruleId, severity, constructPath, imageId }))).toEqual([
      { ruleId: 'GoldenImages.AccountsUnderReview', severity: 'warning', constructPath: 'golden-images-guangzhou/golden-images', imageId: 'img-8hw3nc5t' },
    ]);
    expect(report.suppressed.map(({ finding, suppression }) => ({ ruleId: finding.ruleId, constructPath: finding.constructPath, imageId: finding.imageId, owner: suppression.owner, expiresAt: suppression.expiresAt })))
      .toEqual([{ ruleId: 'TencentShares.MaxShareAge', constructPath: 'golden-images-guangzhou/golden-images', imageId: 'img-jgggrva9', owner: 'platform-images', expiresAt: undefined }]);
    expect([...report.expiredSuppressions, ...report.ignoredSuppressions, ...report.unusedSuppressions]).toEqual([]);
  });

  test('image-lookups check passes (exit 0) and reports the same two findings', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'reports');
    const result = await runCli(['check', '--out', out], ROOT, await offlineEnv());
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(/^\s+WARN\s+golden-images-guangzhou\/golden-images\s+img-8hw3nc5t\s+GoldenImages\.AccountsUnderReview$/m);
    expect(result.stdout).toMatch(/^\s+WARN\s+golden-images-guangzhou\/golden-images\s+img-jgggrva9\s+TencentShares\.MaxShareAge$/m);
    expect(result.stdout).toMatch(/^1 finding \(0 errors, 1 warning, 0 info\), 0 failing; 1 suppressed, 0 expired; .*: passed$/m);
    expect(fs.readdirSync(out).sort()).toEqual(['lookups.json', 'report.json', 'report.junit.xml', 'report.sarif']);
    const report = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8'));
    expect(report.summary).toMatchObject({ errors: 0, warnings: 1, infos: 0, failing: 0, suppressed: 1, passed: true });
  });
});

// Under IMAGE_LOOKUPS_REPORT_DIR (as `image-lookups check` runs an app) the app writes its side of
// the check contract, app-<pid>.json, when its policies are evaluated at synth: lookups, requested
// keys, findings with their failOn and the stack code line that created each lookup construct.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { resolveLookups } from '../../src/engine';
import { ImagePolicies } from '../../src/policy/image-policies';
import { subjectSourcesOf } from '../../src/policy/subject-registry';
import type { AppReport } from '../../src/report/check-report';
import { TencentImageShares } from '../../src/tencent-image-shares';
import { appIn, isolateEnv, tempDirs } from '../support/fixtures';
import { TEST_CREDENTIALS } from '../tencent-image-shares/fixtures';
import { customPack, flagRule, policyEmulator } from './policy-app';

isolateEnv();
const tempDir = tempDirs();
const emulator = policyEmulator();

const THIS_FILE = path.relative(process.cwd(), __filename).split(path.sep).join('/');

/** Where `marker`'s line creates a construct with `new`, 1-based. */
function siteOf(marker: string): { file: string; line: number; column: number } {
  const lines = fs.readFileSync(__filename, 'utf8').split('\n');
  const line = lines.findIndex((text) => text.includes(marker) && text.includes('new '));
  return { file: THIS_FILE, line: line + 1, column: lines[line].indexOf('new ') + 1 };
}

/** prod/golden (two images) and dev/golden, dev failing on warnings; a warning and an error rule. */
function build(app: App): void {
  const prod = new TerraformStack(app, 'prod');
  new TencentImageShares(prod, 'golden', { region: 'ap-guangzhou', endpoint: emulator.current.origin, ...TEST_CREDENTIALS, imageIds: ['img-jgggrva9', 'img-6pb6lrmy'] }); // site: prod
  const dev = new TerraformStack(app, 'dev');
  new TencentImageShares(dev, 'golden', { region: 'ap-guangzhou', endpoint: emulator.current.origin, ...TEST_CREDENTIALS, imageIds: ['img-2xk9q7dm'] }); // site: dev
  ImagePolicies.of(app).addPack(customPack('custom', flagRule('Custom.Error', 'error', ['img-6pb6lrmy']), flagRule('Custom.Warning', 'warning', ['img-2xk9q7dm'])));
  ImagePolicies.of(dev).failOn('warning');
  ImagePolicies.of(app).pinClock('2026-06-01T00:00:00Z');
}

async function synthIn(dir: string, define: (app: App) => void): Promise<{ app: App; error?: Error }> {
  const { app } = await resolveLookups(define, { cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir) });
  try {
    app.synth();
    return { app };
  } catch (error) {
    return { app, error: error as Error };
  }
}

test('the report has the lookups with their creation sites, the requested keys, and findings with failOn and source', async () => {
  const dir = tempDir();
  const reportDir = path.join(dir, 'report');
  process.env.IMAGE_LOOKUPS_REPORT_DIR = reportDir;
  const { error } = await synthIn(dir, build);
  // The error findings fail the synth, but the report was written first.
  expect(error?.message).toMatch(/^Encountered Annotations with level "ERROR"/);
  expect(fs.readdirSync(reportDir)).toEqual([`app-${process.pid}.json`]);

  const report = JSON.parse(fs.readFileSync(path.join(reportDir, `app-${process.pid}.json`), 'utf8')) as AppReport;
  const prod = siteOf('// site: prod');
  const dev = siteOf('// site: dev');
  expect(report).toMatchObject({ version: 1, evaluatedAt: '2026-06-01T00:00:00.000Z', mode: 'auto' });
  expect(report.requestedKeys).toEqual([
    'tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-2xk9q7dm',
    'tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-6pb6lrmy',
    'tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-jgggrva9',
    'tencent:GetImageShareUinInfo:region=ap-guangzhou:scope=account',
  ]);
  expect(report.lookups.map(({ constructPath, imageId, found, source }) => ({ constructPath, imageId, found, source }))).toEqual([
    { constructPath: 'prod/golden', imageId: 'img-jgggrva9', found: true, source: prod },
    { constructPath: 'prod/golden', imageId: 'img-6pb6lrmy', found: true, source: prod },
    { constructPath: 'dev/golden', imageId: 'img-2xk9q7dm', found: true, source: dev },
  ]);
  expect(report.rules.map((rule) => [rule.id, rule.subjectCount])).toEqual([['Custom.Error', 3], ['Custom.Warning', 3]]);
  expect(report.findings.map(({ constructPath, ruleId, severity, failOn, source }) => ({ constructPath, ruleId, severity, failOn, source }))).toEqual([
    { constructPath: 'prod/golden', ruleId: 'Custom.Error', severity: 'error', failOn: 'error', source: prod },
    { constructPath: 'dev/golden', ruleId: 'Custom.Warning', severity: 'warning', failOn: 'warning', source: dev },
  ]);
  expect(report).toMatchObject({ suppressed: [], expiredSuppressions: [], ignoredSuppressions: [], unusedSuppressions: [] });
});

test('with nothing attached, the app still reports its lookups', async () => {
  const dir = tempDir();
  process.env.IMAGE_LOOKUPS_REPORT_DIR = path.join(dir, 'report');
  await synthIn(dir, (app) => {
    new TencentImageShares(new TerraformStack(app, 'prod'), 'golden', { region: 'ap-guangzhou', endpoint: emulator.current.origin, ...TEST_CREDENTIALS, imageIds: ['img-2xk9q7dm'] }); // site: bare
  });
  const report = JSON.parse(fs.readFileSync(path.join(dir, 'report', `app-${process.pid}.json`), 'utf8')) as AppReport;
  expect(report.lookups).toMatchObject([{ constructPath: 'prod/golden', imageId: 'img-2xk9q7dm', source: siteOf('// site: bare') }]);
  expect(report).toMatchObject({ rules: [], findings: [] });
});

test('without IMAGE_LOOKUPS_REPORT_DIR no creation site is captured and no report is written', async () => {
  const dir = tempDir();
  const { app, error } = await synthIn(dir, build);
  expect(error?.message).toMatch(/^Encountered Annotations with level "ERROR"/);
  expect(subjectSourcesOf(app).map((source) => source.source)).toEqual([undefined, undefined]);
  expect(fs.readdirSync(dir).sort()).toEqual(['cache.json', 'cdktf.out']);
  expect(fs.readdirSync(path.join(dir, 'cdktf.out')).filter((name) => name.startsWith('app-'))).toEqual([]);
});

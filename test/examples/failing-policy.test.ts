// examples/failing-policy: an app whose policy fails, run as its README shows it, offline on its
// committed cache: the app alone exits 1 with the error annotation, `image-lookups check` exits 1
// with the finding in its table, its reports and (on GitHub Actions) an annotation line.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isolateEnv, tempDirs } from '../support/fixtures';
import { offlineEnv, ROOT, runCli, runTs, type ProcessResult } from './example-process';

const EXAMPLE = path.join(ROOT, 'examples/failing-policy');
const FINDING = 'Image img-k3v8pq2w (release-images/release) is shared with account 300000000042, not in the allowlist.';

isolateEnv();
const tempDir = tempDirs();

// The three runs are independent: they run at once, each in its own directory.
let dir: string;
let app: ProcessResult;
let check: ProcessResult;
let github: ProcessResult;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'image-lookups-failing-policy-'));
  const env = await offlineEnv();
  [app, check, github] = await Promise.all([
    runTs('main.ts', [], EXAMPLE, { ...env, CDKTF_OUTDIR: path.join(dir, 'cdktf.out') }),
    runCli(['check', '--out', path.join(dir, 'reports')], EXAMPLE, env),
    runCli(['check', '--format', 'json', '--out', path.join(dir, 'github')], EXAMPLE, { ...env, GITHUB_ACTIONS: 'true' }),
  ]);
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the app fails synth (exit 1) with the finding as an error annotation', () => {
  expect(app.code).toBe(1);
  const output = `${app.stdout}\n${app.stderr}`;
  expect(output).toContain('image-lookups: policies: 3 rules over 2 images: 1 error, 0 warnings, 0 info, 1 failing;');
  expect(output).toContain(`[release-images/release] img-k3v8pq2w: TencentShares.AllowlistedAccounts (error): ${FINDING} Fix: `);
});

test('image-lookups check exits 1, with the finding in the table and every report', () => {
  expect(check.code).toBe(1);
  expect(check.stdout).toMatch(/^FAIL\s+ERROR\s+release-images\/release\s+img-k3v8pq2w\s+TencentShares\.AllowlistedAccounts$/m);
  expect(check.stdout).toContain(FINDING);
  expect(check.stdout).toMatch(/^1 finding \(1 error, 0 warnings, 0 info\), 1 failing; 0 suppressed, 0 expired; .*: FAILED$/m);
  expect(check.stdout).not.toContain('::error');
  // The app's own output goes to stderr.
  expect(check.stderr).toContain('image-lookups: policies: 3 rules over 2 images');

  const out = path.join(dir, 'reports');
  expect(fs.readdirSync(out).sort()).toEqual(['lookups.json', 'report.json', 'report.junit.xml', 'report.sarif']);
  const report = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8'));
  expect(report).toMatchObject({ schemaVersion: 1, mode: 'offline', evaluatedAt: '2026-06-01T00:00:00.000Z' });
  expect(report.summary).toMatchObject({ lookups: 2, errors: 1, warnings: 0, failing: 1, suppressed: 0, passed: false });
  expect(report.findings).toEqual([expect.objectContaining({
    ruleId: 'TencentShares.AllowlistedAccounts', constructPath: 'release-images/release', imageId: 'img-k3v8pq2w',
    severity: 'error', failing: true, evidence: { uins: ['300000000042'], allowlist: ['1621874004', '877354327'] },
    source: { file: 'examples/failing-policy/main.ts', line: 15, column: 3 },
  })]);
  const lookups = JSON.parse(fs.readFileSync(path.join(out, 'lookups.json'), 'utf8'));
  expect(lookups.version).toBe(1);
  expect(lookups.lookups.map(({ imageId, found }: { imageId: string; found: boolean }) => ({ imageId, found })))
    .toEqual([{ imageId: 'img-k3v8pq2w', found: true }, { imageId: 'img-r7c4m1zs', found: true }]);
  expect(fs.readFileSync(path.join(out, 'report.junit.xml'), 'utf8')).toContain('TencentShares.AllowlistedAccounts');
  const sarif = JSON.parse(fs.readFileSync(path.join(out, 'report.sarif'), 'utf8'));
  expect(sarif.runs[0].results).toEqual([expect.objectContaining({ ruleId: 'TencentShares.AllowlistedAccounts', level: 'error' })]);
});

test('on GitHub Actions, check also prints an annotation at the construct\'s line', () => {
  expect(github.code).toBe(1);
  expect(github.stdout).toMatch(/^::error file=examples\/failing-policy\/main\.ts,line=15,col=3,title=TencentShares\.AllowlistedAccounts::release-images\/release img-k3v8pq2w: /m);
  expect(fs.readdirSync(path.join(dir, 'github')).sort()).toEqual(['lookups.json', 'report.json']);
});

test('a baseline accepts today\'s finding: created with exit 0, then the check passes against it', async () => {
  const work = tempDir();
  const baseline = path.join(work, 'baseline.json');
  const env = await offlineEnv();
  expect((await runCli(['check', '--create-baseline', baseline, '--format', 'json', '--out', path.join(work, 'a')], EXAMPLE, env)).code).toBe(0);
  expect(fs.existsSync(baseline)).toBe(true);
  const result = await runCli(['check', '--baseline', baseline, '--format', 'json', '--out', path.join(work, 'b')], EXAMPLE, env);
  expect(result.code).toBe(0);
  const report = JSON.parse(fs.readFileSync(path.join(work, 'b', 'report.json'), 'utf8'));
  expect(report.summary).toMatchObject({ failing: 0, passed: true, baseline: { new: 0, known: 1, resolved: 0 } });
}, 120_000);

test('--baseline with --create-baseline is a usage error: exit 2, before the app runs', async () => {
  const result = await runCli(['check', '--baseline', 'a.json', '--create-baseline', 'b.json'], EXAMPLE, await offlineEnv());
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('--baseline and --create-baseline do not go together');
});

// `image-lookups check` as a pipeline runs it: the real bin (from lib/, which `npm ci` builds) as a
// process, on a real app (test/cli/check-app) synthesized offline from the committed cache, with
// no credentials and every endpoint on a closed loopback port.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { XMLValidator } from 'fast-xml-parser';
import { API_LIST } from '../../src/apis';
import type { CheckReport, LookupsFile } from '../../src/report/check-report';
import { tempDirs } from '../support/fixtures';
import { cleanEnv, runNode, type Run } from '../support/run-process';

const ROOT = path.resolve(__dirname, '../..');
const APP_DIR = path.join(__dirname, 'check-app');
const COMMITTED_CACHE = path.join(ROOT, 'image-lookups.context.json');
const tempDir = tempDirs();

/** Runs `image-lookups check ARGS` in the test app, offline on the committed cache, with the scenario's policies. */
function check(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const closedPort = Object.fromEntries(API_LIST.flatMap((api) => api.endpointEnvVars.map((name) => [name, 'http://127.0.0.1:9'])));
  return runNode([path.join(ROOT, 'bin/image-lookups.js'), 'check', ...args], {
    cwd: APP_DIR,
    env: { ...cleanEnv(), ...closedPort, CHECKPOINT_DISABLE: '1', IMAGE_LOOKUPS_MODE: 'offline', IMAGE_LOOKUPS_CACHE: COMMITTED_CACHE, ...env },
  });
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

describe('image-lookups check: exit codes', () => {
  test('0 when nothing fails; every report is written even when clean, and nothing touches the cache', async () => {
    const out = tempDir();
    const cacheBefore = fs.readFileSync(COMMITTED_CACHE, 'utf8');
    const run = await check(['--out', out], { CHECK_APP_SCENARIO: 'clean' });
    expect(run.stderr).toContain('in mode offline');
    expect(run.code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['lookups.json', 'report.json', 'report.junit.xml', 'report.sarif']);
    const report = readJson<CheckReport>(path.join(out, 'report.json'));
    expect(report.summary).toMatchObject({ lookups: 5, errors: 0, failing: 0, passed: true });
    expect(report.findings).toEqual([]);
    expect(run.stdout).toMatch(/passed/);
    expect(fs.readFileSync(COMMITTED_CACHE, 'utf8')).toBe(cacheBefore);
  });

  test.each(['cdktf', 'cdktn'])('1 on error findings, with findings from every stack in one report (app on %s)', async (cdktf) => {
    const out = tempDir();
    const run = await check(['--out', out], { CHECK_APP_SCENARIO: 'failing', CHECK_APP_CDKTF: cdktf });
    expect(run.stderr).toContain(`check-app: cdktf is ${cdktf}`);
    expect(run.code).toBe(1);
    const report = readJson<CheckReport>(path.join(out, 'report.json'));
    expect(report.findings.map((finding) => [finding.constructPath, finding.imageId, finding.ruleId, finding.failing])).toEqual([
      ['guangzhou/golden', 'img-6pb6lrmy', 'TencentShares.AllowlistedAccounts', true],
      ['guangzhou/golden', 'img-8hw3nc5t', 'TencentShares.AllowlistedAccounts', true],
      ['shanghai/golden', 'img-m9s0fe6v', 'TencentShares.AllowlistedAccounts', true],
    ]);
    expect(report.summary).toMatchObject({ errors: 3, failing: 3, passed: false });
    // The table names each finding's construct, image and rule.
    expect(run.stdout).toMatch(/shanghai\/golden\s+img-m9s0fe6v\s+TencentShares\.AllowlistedAccounts/);
    expect(run.stdout).toMatch(/FAILED/);
  });

  test('a warning passes by default and fails with --fail-on warning; a suppressed finding never fails', async () => {
    const passing = await check(['--out', tempDir()], { CHECK_APP_SCENARIO: 'warning' });
    expect(passing.code).toBe(0);
    const out = tempDir();
    const failing = await check(['--out', out, '--fail-on', 'warning'], { CHECK_APP_SCENARIO: 'warning' });
    expect(failing.code).toBe(1);
    const report = readJson<CheckReport>(path.join(out, 'report.json'));
    expect(report.failOn).toBe('warning');
    expect(report.findings.map((finding) => [finding.imageId, finding.ruleId, finding.severity, finding.failing])).toEqual([
      ['img-8hw3nc5t', 'TencentShares.MaxSharesPerImage', 'warning', true],
      ['img-jgggrva9', 'TencentShares.MaxSharesPerImage', 'warning', true],
    ]);
    expect(report.suppressed.map(({ finding }) => finding.imageId)).toEqual(['img-6pb6lrmy']);
  });

  test.each<[string, readonly string[], NodeJS.ProcessEnv, RegExp]>([
    ['an unknown format', ['--format', 'json,html'], {}, /unknown format html/],
    ['an unknown failOn', ['--fail-on', 'info'], {}, /--fail-on info: use error/],
    ['both baseline flags', ['--baseline', 'a.json', '--create-baseline', 'b.json'], {}, /do not go together/],
    ['a missing baseline file', ['--baseline', '/nonexistent/baseline.json'], {}, /Cannot use the baseline \/nonexistent\/baseline.json/],
    ['a lookup missing from the cache in offline mode', [], { CHECK_APP_SCENARIO: 'missing' }, /the app failed \(exit code 1\)/],
    ['an app with no lookups to report', [], { CHECK_APP_SCENARIO: 'no-lookups' }, /reported no lookups to check/],
  ])('2 when the check cannot run: %s', async (_what, args, env, message) => {
    const out = tempDir();
    // An earlier check's files: none may survive a check that cannot run, or a pipeline would upload them.
    for (const name of ['report.json', 'report.sarif', 'lookups.json']) fs.writeFileSync(path.join(out, name), '{"stale":true}');
    const run = await check(['--out', out, ...args], { CHECK_APP_SCENARIO: 'clean', ...env });
    const usageError = /unknown format|--fail-on|go together/.test(message.source);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    // Bad usage stops before anything runs; a check that started removes the earlier files first.
    expect(fs.readdirSync(out).length).toBe(usageError ? 3 : 0);
  });

  test('2 when cdktf.json has no app command', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'cdktf.json'), '{}');
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/image-lookups.js'), 'check'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(2);
    expect(stderr).toMatch(/cdktf\.json/);
  });
});

describe('image-lookups check: a throwing rule', () => {
  test('is an error finding naming the rule, not a crash', async () => {
    const out = tempDir();
    const run = await check(['--out', out, '--format', 'json'], { CHECK_APP_SCENARIO: 'throws' });
    expect(run.code).toBe(1);
    const report = readJson<CheckReport>(path.join(out, 'report.json'));
    const thrown = report.findings.filter((finding) => finding.ruleId === 'Custom.Throws');
    expect(thrown).toHaveLength(5);
    expect(thrown[0]).toMatchObject({ severity: 'error', ruleThrew: true, failing: true });
    expect(thrown[0].message).toMatch(/Rule Custom\.Throws \(pack custom\) failed while checking img-\w+: Error: rule bug/);
  });
});

describe('image-lookups check: the baseline', () => {
  test('--create-baseline records the findings and passes; --baseline then fails only on new ones', async () => {
    const dir = tempDir();
    const baseline = path.join(dir, 'baseline.json');
    const created = await check(['--out', path.join(dir, 'first'), '--create-baseline', baseline], { CHECK_APP_SCENARIO: 'failing' });
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Recorded 3 finding\(s\) in the baseline/);
    expect(readJson<{ findings: unknown[] }>(baseline).findings).toHaveLength(3);

    const out = path.join(dir, 'second');
    const known = await check(['--out', out, '--baseline', baseline], { CHECK_APP_SCENARIO: 'failing' });
    expect(known.code).toBe(0);
    const report = readJson<CheckReport>(path.join(out, 'report.json'));
    expect(report.findings.every((finding) => finding.baseline === 'known' && !finding.failing)).toBe(true);
    expect(report.summary.baseline).toMatchObject({ new: 0, known: 3, resolved: 0 });

    // Drop one recorded finding: it is new again, and fails.
    const recorded = readJson<{ version: number; findings: { imageId: string }[] }>(baseline);
    fs.writeFileSync(baseline, JSON.stringify({ ...recorded, findings: recorded.findings.filter((entry) => entry.imageId !== 'img-m9s0fe6v') }));
    const oneNew = await check(['--out', out, '--baseline', baseline, '--format', 'json'], { CHECK_APP_SCENARIO: 'failing' });
    expect(oneNew.code).toBe(1);
    const again = readJson<CheckReport>(path.join(out, 'report.json'));
    expect(again.findings.filter((finding) => finding.failing).map((finding) => finding.imageId)).toEqual(['img-m9s0fe6v']);

    // A clean app against the baseline: every recorded finding is resolved.
    const clean = await check(['--out', out, '--baseline', baseline, '--format', 'json'], { CHECK_APP_SCENARIO: 'clean' });
    expect(clean.code).toBe(0);
    expect(readJson<CheckReport>(path.join(out, 'report.json')).baselineResolved).toHaveLength(2);
  });
});

describe('image-lookups check: the files', () => {
  test('report.json and lookups.json match their schemas, JUnit is well-formed, SARIF names the stack source line', async () => {
    const out = tempDir();
    const run = await check(['--out', out], { CHECK_APP_SCENARIO: 'failing' });
    expect(run.code).toBe(1);
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validReport = ajv.compile(readJson(path.join(ROOT, 'src/report/report.schema.json')));
    expect(validReport(readJson(path.join(out, 'report.json')))).toBe(true);
    const validLookups = ajv.compile(readJson(path.join(ROOT, 'src/report/lookups.schema.json')));
    const lookups = readJson<LookupsFile>(path.join(out, 'lookups.json'));
    expect(validLookups(lookups)).toBe(true);
    expect(lookups.lookups.map((lookup) => lookup.imageId)).toEqual(['img-jgggrva9', 'img-6pb6lrmy', 'img-8hw3nc5t', 'img-31tjrtph', 'img-m9s0fe6v']);
    expect(lookups.lookups[0]).toMatchObject({ found: true, facts: { shares: [{ uin: '1621874004' }, { uin: '877354327' }] } });

    expect(XMLValidator.validate(fs.readFileSync(path.join(out, 'report.junit.xml'), 'utf8'))).toBe(true);

    const sarif = readJson<{ runs: { results: { ruleId: string; locations: { physicalLocation?: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] }>(path.join(out, 'report.sarif'));
    const [result] = sarif.runs[0].results;
    const line = fs.readFileSync(path.join(APP_DIR, 'main.ts'), 'utf8').split('\n').findIndex((text) => text.includes("new TencentImageShares(guangzhou, 'golden'")) + 1;
    // Relative to the repository root, from which code scanning resolves it.
    expect(result.locations[0].physicalLocation).toMatchObject({ artifactLocation: { uri: 'test/cli/check-app/main.ts' }, region: { startLine: line } });
  });

  test('--format picks the report files; lookups.json is always written', async () => {
    const out = tempDir();
    expect((await check(['--out', out, '--format', 'sarif'], { CHECK_APP_SCENARIO: 'clean' })).code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['lookups.json', 'report.sarif']);
  });

  test('the default directory is cdktf.out/image-lookups', async () => {
    const dir = tempDir();
    const tsNode = path.join(ROOT, 'node_modules/ts-node/register/transpile-only');
    fs.writeFileSync(path.join(dir, 'cdktf.json'), JSON.stringify({ app: `node -r ${tsNode} ${path.join(APP_DIR, 'main.ts')}` }));
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/image-lookups.js'), 'check', '--format', 'json'], {
      cwd: dir,
      env: { ...process.env, CHECKPOINT_DISABLE: '1', IMAGE_LOOKUPS_MODE: 'offline', IMAGE_LOOKUPS_CACHE: COMMITTED_CACHE, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.dev.json') },
      stdio: 'ignore',
    });
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'cdktf.out', 'image-lookups')).sort()).toEqual(['lookups.json', 'report.json']);
  });

  test('GitHub annotation lines only under GITHUB_ACTIONS', async () => {
    const plain = await check(['--out', tempDir(), '--format', 'json'], { CHECK_APP_SCENARIO: 'failing' });
    expect(plain.stdout).not.toMatch(/^::error/m);
    const github = await check(['--out', tempDir(), '--format', 'json'], { CHECK_APP_SCENARIO: 'failing', GITHUB_ACTIONS: 'true' });
    expect(github.stdout.split('\n').filter((line) => line.startsWith('::error '))).toHaveLength(3);
    expect(github.stdout).toMatch(/^::error file=test\/cli\/check-app\/main\.ts,line=\d+,col=\d+,title=TencentShares\.AllowlistedAccounts::guangzhou\/golden img-6pb6lrmy/m);
  });
});

// The package as npm packs it: a copy of the package's sources in a temp dir is packed with the real
// `npm pack`, which runs `prepack` (the clean build), as `npm publish` does. The tarball is then
// checked as a consumer gets it: no script runs on install, the CLI and library are there and run,
// and every source map reference resolves inside the tarball. (A copy, so the checkout's lib/ is
// never deleted under other suites that run the CLI from it.)
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);
/** One work dir for the suite (the fixtures' temp dirs go after each test; the tarball serves them all). */
let workDir: string;
function tempDir(name: string): string {
  const dir = path.join(workDir, name);
  fs.mkdirSync(dir);
  return dir;
}

/** The scripts npm runs in a consumer's project when it installs the package (`prepare` too, for git and directory installs). */
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare'];

interface Packed {
  /** Paths inside the tarball, relative to its `package/` folder. */
  readonly files: string[];
  /** Where the tarball was extracted: its `package/` folder. */
  readonly dir: string;
  readonly manifest: { scripts?: Record<string, string>; bin?: Record<string, string> };
}

let packed: Packed;

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'image-lookups-pack-'));
  const source = tempDir('source');
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
  // What the build and the "files" field read: package.json, tsconfig.json, src/, and the files shipped as they are.
  for (const entry of new Set(['package.json', 'tsconfig.json', 'src', ...pkg.files.filter((file) => !file.startsWith('lib'))])) {
    fs.cpSync(path.join(ROOT, entry), path.join(source, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(source, 'node_modules'), 'dir');
  const out = tempDir('out');
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', out], {
    cwd: source,
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const [{ filename, files }] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  const extracted = tempDir('extracted');
  await run('tar', ['-xzf', path.join(out, filename), '-C', extracted]);
  const dir = path.join(extracted, 'package');
  packed = { files: files.map((file) => file.path).sort(), dir, manifest: JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) };
}, 180_000);

afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

test('installing the package runs no script in the consumer\'s project: the build is in prepack', () => {
  const scripts = packed.manifest.scripts ?? {};
  expect(INSTALL_SCRIPTS.filter((name) => name in scripts)).toEqual([]);
  expect(scripts.prepack).toBeDefined();
  // npm adds `node-gyp rebuild` as the install script of a package with a binding.gyp.
  expect(packed.files).not.toContain('binding.gyp');
});

test('the tarball holds the CLI, the built library with its types, and the README; not the tests', () => {
  expect(packed.files).toEqual(expect.arrayContaining([
    'README.md', 'package.json', 'bin/image-lookups.js', 'lib/index.js', 'lib/index.d.ts', 'lib/cli/main.js',
    'lib/testing/jest.js', 'lib/report/report.schema.json', 'lib/report/lookups.schema.json',
  ]));
  expect(packed.files.filter((file) => !/^(bin|lib)\//.test(file) && !['README.md', 'package.json'].includes(file))).toEqual([]);
  expect(Object.values(packed.manifest.bin ?? {}).map((bin) => bin.replace(/^\.\//, ''))).toEqual(['bin/image-lookups.js']);
});

test('every source map reference in the tarball resolves to a file in the tarball', () => {
  const inTarball = new Set(packed.files);
  const unresolved: string[] = [];
  const resolve = (from: string, reference: string) => path.posix.normalize(path.posix.join(path.posix.dirname(from), reference));
  for (const file of packed.files) {
    if (file.endsWith('.js') || file.endsWith('.d.ts')) {
      const text = fs.readFileSync(path.join(packed.dir, file), 'utf8');
      for (const [, reference] of text.matchAll(/^\/\/# sourceMappingURL=(\S+)\s*$/gm)) {
        if (!reference.startsWith('data:') && !inTarball.has(resolve(file, reference))) unresolved.push(`${file} → ${reference}`);
      }
    }
    if (file.endsWith('.map')) {
      const map = JSON.parse(fs.readFileSync(path.join(packed.dir, file), 'utf8')) as { sources?: string[]; sourceRoot?: string };
      for (const source of map.sources ?? []) {
        const target = resolve(file, path.posix.join(map.sourceRoot ?? '', source));
        if (!inTarball.has(target)) unresolved.push(`${file} → ${source}`);
      }
    }
  }
  expect(unresolved).toEqual([]);
});

test('the packed CLI runs from the tarball', async () => {
  // As in a consumer's node_modules: the package's dependencies beside it.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(packed.dir, 'node_modules'), 'dir');
  const { stdout } = await run(process.execPath, [path.join(packed.dir, 'bin/image-lookups.js'), '--help'], { cwd: packed.dir });
  expect(stdout).toMatch(/^Usage: image-lookups /m);
});

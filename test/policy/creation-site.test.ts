// creationSite(): the first stack frame outside this library, node's own code and node_modules,
// relative to the working directory, source-mapped.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { creationSite } from '../../src/policy/creation-site';

const ROOT = path.resolve(__dirname, '../..');
const THIS_FILE = 'test/policy/creation-site.test.ts';

/**
The 1-based line of `marker` in this file, and the columns of its `creationSite(` call: V8 places a
call at its callee or at its opening parenthesis, depending on how the module was compiled.
*/
function siteOf(marker: string): { line: number; column: number } {
  const lines = fs.readFileSync(__filename, 'utf8').split('\n');
  const line = lines.findIndex((text) => text.includes(marker) && !text.includes('siteOf('));
  const start = lines[line].indexOf('creationSite(') + 1;
  return { line: line + 1, column: oneOf(start, start + 'creationSite'.length) };
}

/** An asymmetric matcher for one of two numbers. */
function oneOf(a: number, b: number): number {
  return { asymmetricMatch: (value: unknown) => value === a || value === b, toString: () => `${a} or ${b}` } as unknown as number;
}

test('called from this file: this file\'s line and column, relative to the working directory', () => {
  const site = creationSite(ROOT); // site: direct
  expect(site).toEqual({ file: THIS_FILE, ...siteOf('// site: direct') });
});

test('relative to another working directory, with / separators', () => {
  const site = creationSite(path.join(ROOT, 'test')); // site: other cwd
  expect(site).toEqual({ file: 'policy/creation-site.test.ts', ...siteOf('// site: other cwd') });
});

test('the working directory defaults to process.cwd()', () => {
  const cwd = jest.spyOn(process, 'cwd').mockReturnValue(path.join(ROOT, 'test', 'policy'));
  try {
    expect(creationSite()?.file).toBe('creation-site.test.ts');
  } finally {
    cwd.mockRestore();
  }
});

describe('frames in node_modules are never the site', () => {
  // A library of its own in a node_modules folder, calling creationSite now or from a timer.
  let dir: string;
  let library: { now(site: typeof creationSite): ReturnType<typeof creationSite>; later(site: typeof creationSite): Promise<ReturnType<typeof creationSite>> };
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'image-lookups-site-'));
    const file = path.join(dir, 'node_modules', 'some-library', 'index.js');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, [
      'exports.now = (site) => site();',
      'exports.later = (site) => new Promise((resolve) => setImmediate(() => resolve(site())));',
    ].join('\n'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    library = require(file);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('called through a library: the code that called the library', () => {
    const site = library.now(creationSite); // site: through a library
    expect(site).toMatchObject({ file: path.relative(process.cwd(), __filename).split(path.sep).join('/'), line: siteOf('// site: through a library').line });
  });

  test('called by a library from a timer, with no stack code on the stack: undefined', async () => {
    expect(await library.later(creationSite)).toBeUndefined();
  });
});

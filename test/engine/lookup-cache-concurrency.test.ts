import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { LookupCache, type CacheEntry } from '../../src/engine';
import { cacheLockPath } from '../../src/engine/cache-lock';
import { tempDirs } from '../support/fixtures';

const ROOT = path.resolve(__dirname, '../..');
const WRITER = path.join(__dirname, 'cache-writer-process.ts');
const tempDir = tempDirs();

const ENTRY: CacheEntry = {
  provider: 'test:writer',
  outcome: 'found',
  value: { writer: 'seed' },
  endpoint: 'http://127.0.0.1/',
  fetchedAt: '2026-01-01T00:00:00Z',
};

interface Writer {
  readonly child: ChildProcess;
  /** Resolves when the process printed `line` ("ready", "locked"). */
  readonly printed: (line: string) => Promise<void>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Starts cache-writer-process.ts in its own node process; jest's env is passed on explicitly. */
function startWriter(...args: string[]): Writer {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', WRITER, ...args], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.dev.json') },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
  const printed = (line: string) => new Promise<void>((resolve, reject) => {
    const check = () => { if (stdout.split('\n').includes(line)) resolve(); };
    child.stdout!.on('data', (chunk) => { stdout += chunk; check(); });
    check();
    void exited.then(({ code }) => reject(new Error(`the writer exited (${code}) before printing ${line}: ${stderr}`)));
  });
  return { child, printed, exited };
}

function keysIn(file: string): string[] {
  return Object.keys(JSON.parse(fs.readFileSync(file, 'utf8')).entries).sort();
}

test('processes saving disjoint entries into one file at once lose none of them, and all exit 0', async () => {
  const file = path.join(tempDir(), 'cache.json');
  const writers = ['a', 'b', 'c', 'd'].map((prefix) => ({ prefix, writer: startWriter('save', file, prefix, '40') }));
  // Every process loads the file (empty, like four synths started together) before any of them saves.
  await Promise.all(writers.map(({ writer }) => writer.printed('ready')));
  for (const { writer } of writers) writer.child.stdin!.end('go\n');

  const exits = await Promise.all(writers.map(({ writer }) => writer.exited));

  expect(exits).toEqual(writers.map(() => ({ code: 0, signal: null, stderr: '' })));
  const expected = writers.flatMap(({ prefix }) => Array.from({ length: 40 }, (_, index) => `${prefix}:${index}`)).sort();
  expect(keysIn(file)).toEqual(expected);
  expect(fs.readdirSync(path.dirname(file))).toEqual(['cache.json']);
});

test('a reset while another process holds the old entries in memory stays done when that process saves', async () => {
  const file = path.join(tempDir(), 'cache.json');
  const seed = LookupCache.load(file);
  for (const key of ['old:0', 'old:1', 'old:2', 'keep:0']) seed.set(key, ENTRY);
  await seed.save();
  const writer = startWriter('save', file, 'new', '5');
  await writer.printed('ready');

  const reset = { out: [] as string[], err: [] as string[] };
  const code = await main(['reset', 'old:*', '--cache', file], (line) => reset.out.push(line), (line) => reset.err.push(line));
  expect({ code, ...reset }).toMatchObject({ code: 0, out: expect.arrayContaining(['3 lookups reset in ' + file]) });
  writer.child.stdin!.end('go\n');

  expect(await writer.exited).toEqual({ code: 0, signal: null, stderr: '' });
  expect(keysIn(file)).toEqual(['keep:0', 'new:0', 'new:1', 'new:2', 'new:3', 'new:4']);
});

test('a stale lock (not refreshed for a minute) is taken over', async () => {
  const file = path.join(tempDir(), 'cache.json');
  fs.mkdirSync(cacheLockPath(file));
  const aMinuteAgo = new Date(Date.now() - 60_000);
  fs.utimesSync(cacheLockPath(file), aMinuteAgo, aMinuteAgo);

  const cache = LookupCache.load(file);
  cache.set('a:key', ENTRY);
  expect(await cache.save()).toBe(true);

  expect(keysIn(file)).toEqual(['a:key']);
  expect(fs.existsSync(cacheLockPath(file))).toBe(false);
});

test('the lock of a process killed while holding it is taken over once it goes stale', async () => {
  const file = path.join(tempDir(), 'cache.json');
  const holder = startWriter('hold-lock', file);
  await holder.printed('locked');
  holder.child.kill('SIGKILL');
  expect(await holder.exited).toMatchObject({ signal: 'SIGKILL' });
  expect(fs.existsSync(cacheLockPath(file))).toBe(true);

  const cache = LookupCache.load(file);
  cache.set('a:key', ENTRY);
  expect(await cache.save()).toBe(true);

  expect(keysIn(file)).toEqual(['a:key']);
  expect(fs.existsSync(cacheLockPath(file))).toBe(false);
});

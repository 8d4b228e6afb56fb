// A separate process that saves entries into one cache file, as a synth or refresh would.
// Run with ts-node: node -r ts-node/register/transpile-only cache-writer-process.ts <mode> <file> ...
//
//   save <file> <prefix> <count>: loads the file once (like an engine at its start), prints "ready",
//     waits for "go" on stdin, then sets and saves `<prefix>:<n>` one at a time, count times.
//   hold-lock <file>: takes the file's lock, prints "locked", and waits to be killed while holding it.
import * as readline from 'node:readline';
import { withCacheLock } from '../../src/engine/cache-lock';
import { LookupCache } from '../../src/engine/lookup-cache';

const [mode, file, prefix, count] = process.argv.slice(2);

function waitForGo(): Promise<void> {
  return new Promise((resolve) => {
    const lines = readline.createInterface({ input: process.stdin });
    lines.on('line', (line) => {
      if (line.trim() === 'go') {
        lines.close();
        resolve();
      }
    });
  });
}

async function save(): Promise<void> {
  const cache = LookupCache.load(file);
  process.stdout.write('ready\n');
  await waitForGo();
  for (let index = 0; index < Number(count); index++) {
    cache.set(`${prefix}:${index}`, {
      provider: 'test:writer',
      outcome: 'found',
      value: { writer: prefix, index },
      endpoint: 'http://127.0.0.1/',
      fetchedAt: '2026-01-01T00:00:00Z',
    });
    await cache.save();
  }
}

async function holdLock(): Promise<void> {
  await withCacheLock(file, async () => {
    process.stdout.write('locked\n');
    // A timer keeps the process, and so its lock, alive until the test kills it.
    await new Promise(() => setInterval(() => undefined, 60_000));
  });
}

(mode === 'save' ? save() : holdLock()).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as lockfile from 'proper-lockfile';
import { CacheFileLockedError, CacheFileUnwritableError } from './errors';

/**
A lock not refreshed for this long belongs to a run that died (SIGKILL, a crash, a machine
switched off) and is taken over. The holder refreshes it every half of this, and holds it only
to read, merge and write one file, which takes milliseconds.
*/
const STALE_LOCK_MS = 10_000;

/** How long a run waits for another run's lock: long enough to outlast a stale lock being taken over. */
const LOCK_WAIT_MS = 3 * STALE_LOCK_MS;

/** Waits between attempts grow from this, with jitter, so runs queued on one lock do not retry in step. */
const FIRST_RETRY_DELAY_MS = 5;
const MAX_RETRY_DELAY_MS = 200;

/** What `withCacheLock` reports besides the action's result. */
export interface CacheLockOutcome<T> {
  readonly result: T;
  /**
  Whether the lock was lost while the action ran (this process stalled past the stale time and
  another run took it over). The action's write may then have raced with the other run's.
  */
  readonly compromised: boolean;
}

/**
The lock of a cache file: a directory beside it, `<file>.lock` (proper-lockfile's convention), in
the file's real directory, so runs that reach one file through different paths (a symlinked
checkout) share one lock.
*/
export function cacheLockPath(file: string): string {
  let directory = path.dirname(file);
  try {
    directory = fs.realpathSync(directory);
  } catch {
    // No directory yet: nothing can hold a lock in it either.
  }
  return path.join(directory, `${path.basename(file)}.lock`);
}

/**
Runs `action` holding the cache file's lock, shared by every process that uses this library.
The file need not exist (its directory must): the lock is a directory of its own, not the file.
Waits for another run's lock (up to LOCK_WAIT_MS), takes over a stale one, and never throws from a
timer: a lost lock is reported in the outcome, not by crashing the process.
*/
export async function withCacheLock<T>(file: string, action: () => Promise<T>): Promise<CacheLockOutcome<T>> {
  const lockPath = cacheLockPath(file);
  let compromised = false;
  const options = {
    // The file may not exist yet, so it cannot be resolved through realpath.
    realpath: false,
    lockfilePath: lockPath,
    stale: STALE_LOCK_MS,
    // proper-lockfile's default throws from a timer, which would crash the process.
    onCompromised: () => { compromised = true; },
  };
  const release = await acquire(file, lockPath, options);
  try {
    const result = await action();
    return { result, compromised };
  } finally {
    // Releasing a lock another run took over fails; that run now owns the directory, so leave it be.
    await release().catch(() => undefined);
  }
}

async function acquire(file: string, lockPath: string, options: lockfile.LockOptions): Promise<() => Promise<void>> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      // Retried here rather than by proper-lockfile, which retries every error alike: only a held lock is worth waiting for.
      return await lockfile.lock(file, { ...options, retries: 0 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw new CacheFileUnwritableError(file, error);
      if (Date.now() - started >= LOCK_WAIT_MS) {
        throw new CacheFileLockedError(file, lockPath, `its lock stayed taken for ${LOCK_WAIT_MS / 1000} s`, error);
      }
      const ceiling = Math.min(MAX_RETRY_DELAY_MS, FIRST_RETRY_DELAY_MS * 2 ** attempt);
      await sleep(ceiling / 2 + Math.random() * (ceiling / 2));
    }
  }
}

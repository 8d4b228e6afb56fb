import * as path from 'node:path';
import { CacheFileMissingError } from '../engine/errors';
import { LookupCache, resolveCacheFile } from '../engine/lookup-cache';
import { suggestedCommand } from '../engine/suggested-command';
import { readAppReports } from '../report/read-app-reports';
import { inspectedAppRun, readAppCommand, runAppCommand, withScratchDir } from './app-command';

/** The exit codes of `prune`. */
export const PRUNE_EXIT = { ok: 0, couldNotRun: 1 } as const;

export interface PruneOptions {
  /** @default IMAGE_LOOKUPS_CACHE, else ./image-lookups.context.json */
  readonly cacheFile?: string;
  /** List what would be pruned, and write nothing. @default false */
  readonly dryRun?: boolean;
  /** @default the current directory */
  readonly cwd?: string;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

export interface PruneOutput {
  /** The pruned keys and the summary: stdout. */
  readonly print: (line: string) => void;
  /** The app's output and this command's notes: stderr. */
  readonly printError: (line: string) => void;
}

/**
`image-lookups prune [--dry-run]`: builds the app once, offline (no fetch, so one build on a cache
that answers every lookup), with IMAGE_LOOKUPS_REPORT_DIR set; then drops the cache entries whose
keys no app report requested, and lists them. An app that fails, or reports nothing, prunes
nothing: which keys it uses is then unknown. Returns 0, or 1 when it could not run. Never throws.
*/
export async function pruneCommand(options: PruneOptions, output: PruneOutput): Promise<number> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  return withScratchDir('prune', PRUNE_EXIT.couldNotRun, output.printError, async (workDir) => {
    const cacheFile = resolveCacheFile(options.cacheFile, env, cwd);
    const again = suggestedCommand(['prune', ...(options.dryRun ? ['--dry-run'] : [])], cacheFile, cwd);
    // A damaged file fails here, before the app runs.
    const before = LookupCache.load(cacheFile);
    if (!before.fileExists) {
      if (options.cacheFile !== undefined) throw new CacheFileMissingError(cacheFile, '--cache');
      output.print(`No cache file yet: ${cacheFile}; nothing to prune.`);
      return PRUNE_EXIT.ok;
    }
    const appCommand = readAppCommand(cwd);
    // Which keys the app requests does not depend on its findings or on the entries' age.
    const { reportDir, env: appEnv } = inspectedAppRun(env, workDir, {
      IMAGE_LOOKUPS_MODE: 'offline',
      IMAGE_LOOKUPS_CACHE: cacheFile,
      IMAGE_LOOKUPS_FAIL_ON_STALE: undefined,
      IMAGE_LOOKUPS_REFRESH: undefined,
    });

    output.printError(`image-lookups prune: building the app offline (${appCommand}) to see which lookups it requests`);
    const code = await runAppCommand(appCommand, { cwd, env: appEnv, output: (chunk) => output.printError(chunk.replace(/\n$/, '')) });
    if (code !== 0) {
      output.printError(`image-lookups prune: the app failed offline (exit code ${code}; see its output above), so which lookups it requests is unknown; ` +
        `nothing was pruned. If a lookup is missing from the cache, fill it first (${suggestedCommand(['refresh'], cacheFile, cwd)}), then run ${again} again.`);
      return PRUNE_EXIT.couldNotRun;
    }
    const reports = readAppReports(reportDir);
    if (reports.length === 0) {
      output.printError(`image-lookups prune: the app (${appCommand}) built, but reported no lookups, so nothing was pruned: ` +
        'pruning on no report would drop every entry. Check that it creates its lookup constructs, and loads the same cdktf-image-lookups as the CLI (npm ls cdktf-image-lookups).');
      return PRUNE_EXIT.couldNotRun;
    }
    const requested = new Set(reports.flatMap((report) => report.requestedKeys));
    // Loaded again: a run that saved meanwhile keeps its entries, and the save below merges under the file's lock.
    const cache = LookupCache.load(cacheFile);
    const unused = cache.keys().filter((key) => !requested.has(key));
    const where = path.relative(cwd, cacheFile) || cacheFile;
    if (unused.length === 0) {
      output.print(`Nothing to prune: the app requests all ${cache.size} lookup(s) in ${where}.`);
      return PRUNE_EXIT.ok;
    }
    if (options.dryRun) {
      for (const key of unused) output.print(`would prune ${key}`);
      output.print(`${unused.length} of ${cache.size} lookup(s) in ${where} are not requested by the app; nothing written (dry run). To drop them: ${suggestedCommand(['prune'], cacheFile, cwd)}`);
      return PRUNE_EXIT.ok;
    }
    for (const key of unused) cache.delete(key);
    await cache.save();
    for (const key of unused) output.print(`pruned ${key}`);
    output.print(`${unused.length} lookup(s) pruned from ${where}; ${cache.size} kept.`);
    return PRUNE_EXIT.ok;
  });
}

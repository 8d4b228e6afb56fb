import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EntryChange } from '../api-descriptor';
import { API_LIST } from '../apis';
import { cacheChanges, type CacheChanges } from '../engine/cache-changes';
import { CacheFileMissingError } from '../engine/errors';
import { LookupCache, resolveCacheFile, type CacheEntry } from '../engine/lookup-cache';
import { suggestedCommand } from '../engine/suggested-command';
import { readAppReports } from '../report/read-app-reports';
import { inspectedAppRun, readAppCommand, runAppCommand, withScratchDir } from './app-command';

/** The exit codes of `diff`. */
export const DIFF_EXIT = { unchanged: 0, changed: 1, couldNotRun: 2 } as const;

/** The version of `diff --json`'s shape (README "image-lookups diff"); a breaking change raises it. */
export const DIFF_REPORT_VERSION = 1;

/** What `diff --json` prints. */
export interface DiffReport {
  readonly version: typeof DIFF_REPORT_VERSION;
  /** The cache file compared, resolved. It is never written. */
  readonly cacheFile: string;
  /** The GLOB given, or null when every lookup was fetched again. */
  readonly glob: string | null;
  /** Whether any key differs: the exit code is then 1. */
  readonly changed: boolean;
  readonly summary: { readonly added: number; readonly changed: number; readonly removed: number };
  /** Each key that differs, sorted by key. */
  readonly keys: readonly DiffKey[];
}

/** One key that differs between the cache file and a fresh fetch. */
export interface DiffKey {
  readonly key: string;
  /** `added`: not in the cache file; `removed`: found there, not found now; `changed`: any other difference. */
  readonly kind: keyof CacheChanges;
  /** The API's id (its folder under src/, e.g. `tencent-image-shares`), or null for a provider no API of this version knows. */
  readonly api: string | null;
  /** The provider id, e.g. `tencent:GetImageShareUinInfo`. */
  readonly provider: string;
  /** The image the key is about; absent for an account-level entry. */
  readonly imageId?: string;
  /** What changed, from the API's describeChanges, plus the endpoint. Never empty. */
  readonly changes: readonly EntryChange[];
}

export interface DiffOptions {
  /** @default IMAGE_LOOKUPS_CACHE, else ./image-lookups.context.json */
  readonly cacheFile?: string;
  /** Fetch only the keys matching this glob. @default every lookup the app requests */
  readonly glob?: string;
  /** Print the DiffReport as JSON instead of the table. @default false */
  readonly json?: boolean;
  /** @default the current directory */
  readonly cwd?: string;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

export interface DiffOutput {
  /** The table or JSON: stdout. */
  readonly print: (line: string) => void;
  /** The app's output and this command's notes: stderr, so `--json` output stays JSON. */
  readonly printError: (line: string) => void;
}

/**
`image-lookups diff [GLOB]`: runs the app in refresh mode against a copy of the cache file, then
compares the copy's entries with the file's and prints what changed per key. The file itself is
only read. Returns 0 when nothing changed, 1 when something did, 2 when the diff could not run.
Never throws.
*/
export async function diffCommand(options: DiffOptions, output: DiffOutput): Promise<number> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  return withScratchDir('diff', DIFF_EXIT.couldNotRun, output.printError, async (workDir) => {
    const cacheFile = resolveCacheFile(options.cacheFile, env, cwd);
    // A damaged file fails here, before the app runs or anything is fetched.
    const original = LookupCache.load(cacheFile);
    if (options.cacheFile !== undefined && !original.fileExists) throw new CacheFileMissingError(cacheFile, '--cache');
    const untouched = fileState(cacheFile);
    const appCommand = readAppCommand(cwd);

    const copy = path.join(workDir, 'cache', path.basename(cacheFile));
    fs.mkdirSync(path.dirname(copy));
    if (original.fileExists) fs.copyFileSync(cacheFile, copy);
    // A failing policy finding is check's business, not a reason to stop comparing the cache.
    const { reportDir, env: appEnv } = inspectedAppRun(env, workDir, {
      IMAGE_LOOKUPS_MODE: 'refresh',
      IMAGE_LOOKUPS_CACHE: copy,
      IMAGE_LOOKUPS_REFRESH: options.glob || undefined,
    });

    output.printError(`image-lookups diff: fetching ${options.glob ? `the lookups matching ${options.glob}` : 'every lookup'} again by running the app (${appCommand}); ${path.relative(cwd, cacheFile) || cacheFile} is only read`);
    const code = await runAppCommand(appCommand, { cwd, env: appEnv, output: (chunk) => output.printError(chunk.replace(/\n$/, '')) });
    if (code !== 0) {
      output.printError(`image-lookups diff: the app failed (exit code ${code}), so nothing was compared; see its output above.`);
      return DIFF_EXIT.couldNotRun;
    }
    if (fileState(cacheFile) !== untouched) {
      output.printError(`image-lookups diff: the app wrote ${cacheFile} itself, so its cache file is not taken from IMAGE_LOOKUPS_CACHE ` +
        '(is `cacheFile` set in code?). Nothing was compared: let IMAGE_LOOKUPS_CACHE choose the file, and review the file\'s changes with git diff.');
      return DIFF_EXIT.couldNotRun;
    }

    const fresh = LookupCache.load(copy);
    const requested = requestedKeysOf(reportDir);
    const report = diffReport(cacheFile, options.glob, original, fresh, requested);
    if (options.json) output.print(JSON.stringify(report, null, 2));
    else printTable(report, output.print, requested?.size, suggestedCommand(['refresh', ...(options.glob ? [options.glob] : [])], cacheFile, cwd));
    return report.changed ? DIFF_EXIT.changed : DIFF_EXIT.unchanged;
  });
}

/** Compares a cache's entries (`before`) with the same cache fetched again (`after`). */
export function diffReport(cacheFile: string, glob: string | undefined, before: LookupCache, after: LookupCache, requested?: ReadonlySet<string>): DiffReport {
  // Only what the app's final build requested: a key fetched for a provisional build alone is no change to report.
  const compared = after.keys().filter((key) => requested === undefined || requested.has(key));
  const changes = cacheChanges((key) => before.get(key), compared.map((key) => [key, after.get(key)!] as const));
  const keys = (Object.keys(changes) as (keyof CacheChanges)[])
    .flatMap((kind) => changes[kind].map((key) => diffKey(key, kind, before.get(key), after.get(key)!)))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    version: DIFF_REPORT_VERSION,
    cacheFile,
    glob: glob ?? null,
    changed: keys.length > 0,
    summary: { added: changes.added.length, changed: changes.changed.length, removed: changes.removed.length },
    keys,
  };
}

function diffKey(key: string, kind: keyof CacheChanges, before: CacheEntry | undefined, after: CacheEntry): DiffKey {
  const api = API_LIST.find((candidate) => candidate.providers.some((provider) => provider.id === after.provider));
  const described = api ? [...api.describeChanges(before, after)] : [];
  if (before && before.endpoint !== after.endpoint) {
    described.push({ field: 'endpoint', change: 'changed', before: before.endpoint, after: after.endpoint, text: `answered by ${after.endpoint} (was ${before.endpoint})` });
  }
  // cacheChanges saw a difference the API does not describe (a field it does not know, a value of another shape).
  if (described.length === 0) described.push({ field: 'value', change: 'changed', text: kind === 'added' ? `new lookup: ${after.outcome}` : 'the answer changed' });
  const imageId = /(?:^|:)imageId=([^:]+)/.exec(key)?.[1];
  return { key, kind, api: api?.id ?? null, provider: after.provider, ...(imageId ? { imageId } : {}), changes: described };
}

function printTable(report: DiffReport, print: (line: string) => void, requested: number | undefined, refresh: string): void {
  const where = report.cacheFile;
  if (!report.changed) {
    const fetched = report.glob !== null ? `the lookups matching ${report.glob}` : requested === undefined ? 'the lookups the app requests' : `the ${requested} lookup(s) the app requests`;
    print(`No change: ${fetched}, fetched again, match ${where}.`);
    return;
  }
  const rows: string[][] = [];
  for (const entry of report.keys) entry.changes.forEach((change, index) => rows.push(index === 0 ? [entry.key, entry.kind, change.text] : ['', '', change.text]));
  const header = ['KEY', 'KIND', 'WHAT CHANGED'];
  const widths = [0, 1].map((column) => Math.max(header[column].length, ...rows.map((row) => row[column].length)));
  for (const row of [header, ...rows]) print(`${row[0].padEnd(widths[0])}  ${row[1].padEnd(widths[1])}  ${row[2]}`.trimEnd());
  const { added, changed, removed } = report.summary;
  print(`${report.keys.length} lookup(s) differ from ${where}: ${changed} changed, ${added} added, ${removed} removed. ` +
    `The file was not written; to update it, run: ${refresh}`);
}

/** The keys the app requested, from its reports; undefined when it wrote none (a lookup of its own, without policy subjects). */
function requestedKeysOf(reportDir: string): ReadonlySet<string> | undefined {
  const reports = readAppReports(reportDir);
  return reports.length === 0 ? undefined : new Set(reports.flatMap((report) => report.requestedKeys));
}

/** The file's content and modification time, to tell that nothing wrote it. */
function fileState(file: string): string {
  try {
    return `${fs.statSync(file).mtimeMs}:${fs.readFileSync(file, 'base64')}`;
  } catch {
    return 'absent';
  }
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { resolveCacheFile } from '../engine/lookup-cache';
import { booleanEnv } from '../engine/lookup-options';
import { createBaseline, type Baseline } from '../policy/baseline';
import { readBaselineFile, writeBaselineFile } from '../policy/baseline-file';
import type { FailOn } from '../policy/fail-on';
import { aggregateReports, lookupsFileOf } from '../report/aggregate-reports';
import type { AppReport } from '../report/check-report';
import { AppReportMissingError } from '../report/errors';
import { renderGithubAnnotations } from '../report/github-annotations';
import { renderJsonReport, renderLookupsFile } from '../report/json-report';
import { renderJunitReport } from '../report/junit-report';
import { readAppReports } from '../report/read-app-reports';
import { renderSarifReport } from '../report/sarif-report';
import { renderFindingsTable } from '../report/table-report';
import { rebaseSources, sourceRootOf } from '../report/source-root';
import { inspectedAppRun, readAppCommand, runAppCommand, withScratchDir } from './app-command';

/** The report formats `--format` chooses from, with the file each is written to. */
export const REPORT_FILES = { json: 'report.json', junit: 'report.junit.xml', sarif: 'report.sarif' } as const;

export type ReportFormat = keyof typeof REPORT_FILES;

/** The raw lookup results, written by every check whatever `--format` says. */
export const LOOKUPS_FILE = 'lookups.json';

/** Where `check` writes its reports, relative to the app's directory. */
export const DEFAULT_REPORT_OUT = path.join('cdktf.out', 'image-lookups');

/** The exit codes of `check`. */
export const CHECK_EXIT = { clean: 0, failing: 1, couldNotRun: 2 } as const;

export interface CheckOptions {
  /** @default every format */
  readonly formats?: readonly ReportFormat[];
  /** @default cdktf.out/image-lookups under `cwd` */
  readonly out?: string;
  /** @default each finding's (IMAGE_LOOKUPS_FAIL_ON, else the app's) */
  readonly failOn?: FailOn;
  /**
  Fail (exit 1) when a requested lookup is stale: older than its maxAge and not fetched again.
  @default IMAGE_LOOKUPS_FAIL_ON_STALE, else off (stale lookups are counted in one warning line)
  */
  readonly failOnStale?: boolean;
  /** Fail only on findings this baseline file does not record. @default no baseline */
  readonly baseline?: string;
  /** Record the findings in this file and pass. @default no baseline is written */
  readonly createBaseline?: string;
  /** @default IMAGE_LOOKUPS_CACHE, else ./image-lookups.context.json */
  readonly cacheFile?: string;
  /** @default the current directory */
  readonly cwd?: string;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @default the current time */
  readonly now?: Date;
}

export interface CheckOutput {
  /** The table and GitHub annotations: stdout. */
  readonly print: (line: string) => void;
  /** The app's output and this command's notes: stderr. */
  readonly printError: (line: string) => void;
  /** The app's output, as it comes. @default printError per chunk */
  readonly appOutput?: (chunk: string) => void;
}

/**
`image-lookups check`: synthesizes the app (cdktf.json's `app`) with IMAGE_LOOKUPS_REPORT_DIR set,
aggregates what each app process reports there into one report over every stack, writes the
report files and lookups.json, prints the findings table, and returns the exit code: 0 when
nothing fails, 1 on failing findings, 2 when the check could not run. Never throws.
*/
export async function checkCommand(options: CheckOptions, output: CheckOutput): Promise<number> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  return withScratchDir('check', CHECK_EXIT.couldNotRun, output.printError, async (workDir) => {
    const out = path.resolve(cwd, options.out ?? DEFAULT_REPORT_OUT);
    // An earlier check's files must not outlive this one: a run that cannot finish leaves none, and
    // `--format` leaves only what it asked for (pipelines upload whatever is there).
    for (const name of [...Object.values(REPORT_FILES), LOOKUPS_FILE]) fs.rmSync(path.join(out, name), { force: true });
    // A bad switch, baseline or app command fails before the app runs (and before any lookup is fetched).
    const failOnStale = options.failOnStale ?? booleanEnv(env, 'IMAGE_LOOKUPS_FAIL_ON_STALE');
    const baseline: Baseline | undefined = options.baseline === undefined ? undefined : readBaselineFile(path.resolve(cwd, options.baseline));
    const appCommand = readAppCommand(cwd);
    // Every stack is synthesized and evaluated, so one report covers them all; this command decides the exit code.
    const { reportDir, env: appEnv } = inspectedAppRun(env, workDir, {
      IMAGE_LOOKUPS_CACHE: resolveCacheFile(options.cacheFile, env, cwd),
      ...(options.failOn ? { IMAGE_LOOKUPS_FAIL_ON: options.failOn } : {}),
    });
    output.printError(`image-lookups check: running the app (${appCommand}) in mode ${env.IMAGE_LOOKUPS_MODE || 'auto'}`);
    const code = await runAppCommand(appCommand, { cwd, env: appEnv, output: output.appOutput ?? ((chunk) => output.printError(chunk.replace(/\n$/, ''))) });
    if (code !== 0) {
      output.printError(`image-lookups check: the app failed (exit code ${code}), so nothing was checked; see its output above.`);
      return CHECK_EXIT.couldNotRun;
    }
    const sourceRoot = sourceRootOf(cwd);
    const reports = readAppReports(reportDir).map((report) => rebaseSources(report, cwd, sourceRoot));
    if (reports.length === 0) throw new AppReportMissingError(appCommand);

    const generatedAt = (options.now ?? new Date()).toISOString();
    const report = aggregateReports(reports, {
      generatedAt,
      toolVersion: toolVersion(),
      failOn: options.failOn,
      baseline: baseline && options.baseline ? { file: options.baseline, baseline } : undefined,
    });
    fs.mkdirSync(out, { recursive: true });
    const formats = options.formats ?? (Object.keys(REPORT_FILES) as ReportFormat[]);
    const render: Record<ReportFormat, () => string> = {
      json: () => renderJsonReport(report),
      junit: () => renderJunitReport(report),
      sarif: () => `${JSON.stringify(renderSarifReport(report), null, 2)}\n`,
    };
    const written = [
      ...formats.map((format) => write(path.join(out, REPORT_FILES[format]), render[format]())),
      write(path.join(out, LOOKUPS_FILE), renderLookupsFile(lookupsFileOf(reports, generatedAt))),
    ];

    output.print(renderFindingsTable(report).replace(/\n$/, ''));
    if (env.GITHUB_ACTIONS === 'true') for (const line of renderGithubAnnotations(report)) output.print(line);
    output.print(`Reports: ${written.map((file) => path.relative(cwd, file) || file).join(', ')}`);

    if (options.createBaseline !== undefined) {
      const file = path.resolve(cwd, options.createBaseline);
      const recorded = createBaseline(report.findings);
      await writeBaselineFile(file, recorded);
      output.print(`Recorded ${recorded.findings.length} finding(s) in the baseline ${path.relative(cwd, file) || file}: later checks with --baseline fail only on new ones.`);
      // A rule that threw checked nothing, so it is never recorded: accepting the estate as it is needs working rules.
      const broken = [...new Set(report.findings.filter((finding) => finding.ruleThrew).map((finding) => finding.ruleId))];
      if (broken.length > 0) {
        output.printError(`image-lookups check: not recorded, since they checked nothing: the findings of ${broken.join(', ')}, which threw. Fix the rule, then record the baseline again.`);
        return CHECK_EXIT.failing;
      }
      return CHECK_EXIT.clean;
    }
    const staleFails = reportStaleLookups(reports, failOnStale, output);
    return report.summary.passed && !staleFails ? CHECK_EXIT.clean : CHECK_EXIT.failing;
  });
}

/** Prints one line about stale lookups, if any; returns whether they fail the check. */
function reportStaleLookups(reports: readonly AppReport[], failOnStale: boolean, output: CheckOutput): boolean {
  const withStale = reports.filter((report) => (report.staleKeys?.length ?? 0) > 0);
  if (withStale.length === 0) return false;
  // Every app process of one check reads the same cache, so one process's line speaks for all.
  const summary = withStale[0].staleSummary ?? `${new Set(withStale.flatMap((report) => report.staleKeys ?? [])).size} cached lookups are stale.`;
  output.printError(failOnStale ? `image-lookups check: failed: ${summary}` : `image-lookups check: warning: ${summary} (--fail-on-stale makes this fail the check.)`);
  return failOnStale;
}

function write(file: string, text: string): string {
  writeFileAtomic.sync(file, text);
  return file;
}

function toolVersion(): string {
  // src/cli and lib/cli are both two levels below package.json.
  return (require('../../package.json') as { version: string }).version;
}

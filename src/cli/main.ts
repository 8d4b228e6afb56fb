import { parseArgs } from 'node:util';
import { isLookupError } from '../engine/errors';
import { listCommand, resetCommand } from './cache-commands';
import type { FailOn } from '../policy/fail-on';
import { checkCommand, REPORT_FILES, type CheckOptions, type ReportFormat } from './check-command';
import { emulatorCommand } from './emulator-command';
import { integerFlag, joinNegativeNumbers, rateFlag } from './numeric-flags';
import { diffCommand } from './diff-command';
import { pruneCommand } from './prune-command';
import { refreshCommand } from './refresh-command';
import { UsageError } from './usage-error';

export const USAGE = `Usage: image-lookups <command> [options]

Commands:
  list [--json]             Show the cached lookups: key, outcome, when last verified, age, and whether
                            each is stale (IMAGE_LOOKUPS_MAX_AGE) or a "not found" due to be asked again.
  refresh [GLOB]            Run the app (cdktf.json "app") in refresh mode: fetch every lookup again,
                            or only those whose key matches GLOB.
  reset GLOB                Drop the cached lookups whose key matches GLOB.
  diff [GLOB] [--json]      Fetch every lookup (or those matching GLOB) again, as refresh does, into a
                            temporary copy of the cache, and print what changed per image; the cache
                            file is only read. Exit codes: 0 no change, 1 changes, 2 could not run.
  prune [--dry-run]         Build the app once offline and drop the cached lookups it no longer
                            requests, listing them; --dry-run only lists them.
  check [--format json,junit,sarif] [--out DIR] [--fail-on error|warning] [--fail-on-stale]
        [--baseline FILE | --create-baseline FILE]
                            Synthesize the app (cdktf.json "app") in the mode IMAGE_LOOKUPS_MODE sets
                            (default auto), evaluate its policies over every stack, print the findings
                            and write the reports and lookups.json to DIR (default cdktf.out/image-lookups).
                            Exit codes: 0 nothing fails, 1 failing findings (or stale lookups,
                            with --fail-on-stale), 2 the check could not run.
  emulator --port N --data FILE [--latency MS] [--throttle-rate R] [--error-rate R] [--quiet]
                            Serve the emulated cloud APIs on 127.0.0.1 from a data file, logging
                            one line per request (--quiet: none). Reloads FILE when it changes or
                            on SIGHUP; SIGINT or SIGTERM stops it.
                            N: 0 to 65535 (default 8787; 0 picks a free port); MS: 0 to 600000;
                            R: a decimal from 0 to 1.

Options:
  --cache FILE              The cache file (default: IMAGE_LOOKUPS_CACHE, else ./image-lookups.context.json).
  -h, --help                Show this help.

Exit codes: 0 ok, 1 failed (check: failing findings), 2 bad usage (check: could not run).`;

/**
Runs one CLI command and returns its exit code; never throws. `appOutput` receives the output of the
app that `refresh` runs.
@default appOutput: none, the app writes straight to this process's stdout and stderr (so its progress line sees the terminal)
*/
export async function main(argv: readonly string[], print: (line: string) => void = (line) => console.log(line),
  printError: (line: string) => void = (line) => console.error(line), appOutput?: (chunk: string) => void): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: joinNegativeNumbers(argv),
      allowPositionals: true,
      options: {
        'cache': { type: 'string' },
        'json': { type: 'boolean' },
        'port': { type: 'string' },
        'data': { type: 'string' },
        'latency': { type: 'string' },
        'throttle-rate': { type: 'string' },
        'error-rate': { type: 'string' },
        'quiet': { type: 'boolean' },
        'format': { type: 'string' },
        'out': { type: 'string' },
        'fail-on': { type: 'string' },
        'fail-on-stale': { type: 'boolean' },
        'baseline': { type: 'string' },
        'create-baseline': { type: 'string' },
        'dry-run': { type: 'boolean' },
        'help': { type: 'boolean', short: 'h', default: false },
      },
    });
    const [command, ...rest] = positionals;
    if (values.help) {
      print(USAGE);
      return 0;
    }
    if (command !== undefined && Object.hasOwn(COMMAND_FLAGS, command)) expectFlags(command, values);
    const cacheFile = values.cache;
    if (cacheFile !== undefined && cacheFile.trim() === '') throw new UsageError('--cache needs a file path', '--cache');
    switch (command) {
      case 'list':
        expectArguments(command, rest, 0);
        return listCommand({ cacheFile, json: values.json ?? false }, print);
      case 'refresh':
        expectArguments(command, rest, 1);
        return await refreshCommand({ cacheFile, glob: rest[0], appOutput }, print);
      case 'reset':
        expectArguments(command, rest, 1);
        return await resetCommand({ cacheFile, glob: rest[0] }, print);
      case 'diff':
        expectArguments(command, rest, 1);
        return await diffCommand({ cacheFile, glob: rest[0], json: values.json ?? false }, { print, printError });
      case 'prune':
        expectArguments(command, rest, 0);
        return await pruneCommand({ cacheFile, dryRun: values['dry-run'] ?? false }, { print, printError });
      case 'check':
        expectArguments(command, rest, 0);
        return await checkCommand(checkOptions(values, cacheFile), { print, printError });
      case 'emulator':
        expectArguments(command, rest, 0);
        if (!values.data) throw new UsageError('emulator needs --data FILE', '--data');
        return await emulatorCommand({
          port: integerFlag('--port', values.port ?? '8787', 0, 65535),
          data: values.data,
          latencyMs: values.latency === undefined ? undefined : integerFlag('--latency', values.latency, 0, 600_000),
          throttleRate: values['throttle-rate'] === undefined ? undefined : rateFlag('--throttle-rate', values['throttle-rate']),
          serverErrorRate: values['error-rate'] === undefined ? undefined : rateFlag('--error-rate', values['error-rate']),
          quiet: values.quiet ?? false,
        }, print);
      case undefined:
        throw new UsageError('no command given');
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: unknown } | undefined)?.code?.toString().startsWith('ERR_PARSE_ARGS')) {
      printError(`image-lookups: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    printError(`image-lookups: ${isLookupError(error) ? error.message : (error as Error | undefined)?.message ?? String(error)}`);
    return 1;
  }
}

function checkOptions(values: Record<string, string | boolean | undefined>, cacheFile: string | undefined): CheckOptions {
  const text = (flag: string) => {
    const value = values[flag];
    if (typeof value === 'string' && value.trim() === '') throw new UsageError(`--${flag} needs a value`, `--${flag}`);
    return value as string | undefined;
  };
  const format = text('format');
  const formats = format?.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = formats?.filter((name) => !(name in REPORT_FILES));
  if (unknown?.length) throw new UsageError(`--format ${format}: unknown format ${unknown.join(', ')}; use json, junit and sarif, comma-separated`, '--format');
  const failOnText = text('fail-on');
  if (failOnText !== undefined && failOnText !== 'error' && failOnText !== 'warning') {
    throw new UsageError(`--fail-on ${failOnText}: use error (fail on errors) or warning (fail on warnings and errors)`, '--fail-on');
  }
  const baseline = text('baseline');
  const createBaseline = text('create-baseline');
  if (baseline !== undefined && createBaseline !== undefined) {
    throw new UsageError('--baseline and --create-baseline do not go together: record a baseline first, then check against it', '--baseline');
  }
  return {
    formats: formats && ([...new Set(formats)] as ReportFormat[]),
    out: text('out'),
    failOn: failOnText as FailOn | undefined,
    failOnStale: values['fail-on-stale'] === true ? true : undefined,
    baseline,
    createBaseline,
    cacheFile,
  };
}

/** The flags each command takes (besides --help): any other is a usage error, never silently ignored. */
const COMMAND_FLAGS: Readonly<Record<string, readonly string[]>> = {
  list: ['cache', 'json'],
  refresh: ['cache'],
  reset: ['cache'],
  diff: ['cache', 'json'],
  prune: ['cache', 'dry-run'],
  check: ['cache', 'format', 'out', 'fail-on', 'fail-on-stale', 'baseline', 'create-baseline'],
  emulator: ['port', 'data', 'latency', 'throttle-rate', 'error-rate', 'quiet'],
};

function expectFlags(command: string, values: Record<string, unknown>): void {
  const allowed = COMMAND_FLAGS[command];
  const other = Object.keys(values).filter((flag) => flag !== 'help' && values[flag] !== undefined && !allowed.includes(flag));
  if (other.length > 0) {
    throw new UsageError(`${command} does not take ${other.map((flag) => `--${flag}`).join(', ')}; it takes ${allowed.map((flag) => `--${flag}`).join(', ')}`, `--${other[0]}`);
  }
}

function expectArguments(command: string, rest: readonly string[], max: number): void {
  if (rest.length > max) throw new UsageError(`${command} takes ${max === 0 ? 'no arguments' : `at most ${max} argument`}, got: ${rest.join(' ')}`);
}

import { parseArgs } from 'node:util';
import { isLookupError } from '../engine/errors';
import { listCommand, resetCommand } from './cache-commands';
import { emulatorCommand } from './emulator-command';
import { integerFlag, joinNegativeNumbers, rateFlag } from './numeric-flags';
import { refreshCommand } from './refresh-command';
import { UsageError } from './usage-error';

export const USAGE = `Usage: image-lookups <command> [options]

Commands:
  list [--json]             Show the cached lookups (key, outcome, fetched at, age).
  refresh [GLOB]            Run the app (cdktf.json "app") in refresh mode: fetch every lookup again,
                            or only those whose key matches GLOB.
  reset GLOB                Drop the cached lookups whose key matches GLOB.
  emulator --port N --data FILE [--latency MS] [--throttle-rate R] [--error-rate R]
                            Serve the emulated cloud APIs on 127.0.0.1 from a data file.
                            N: 0 to 65535 (default 8787; 0 picks a free port); MS: 0 to 600000;
                            R: a decimal from 0 to 1.

Options:
  --cache FILE              The cache file (default: IMAGE_LOOKUPS_CACHE, else ./image-lookups.context.json).
  -h, --help                Show this help.

Exit codes: 0 ok, 1 failed, 2 bad usage.`;

/** Runs one CLI command and returns its exit code; never throws. */
export async function main(argv: readonly string[], print: (line: string) => void = (line) => console.log(line),
  printError: (line: string) => void = (line) => console.error(line)): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: joinNegativeNumbers(argv),
      allowPositionals: true,
      options: {
        'cache': { type: 'string' },
        'json': { type: 'boolean', default: false },
        'port': { type: 'string' },
        'data': { type: 'string' },
        'latency': { type: 'string' },
        'throttle-rate': { type: 'string' },
        'error-rate': { type: 'string' },
        'help': { type: 'boolean', short: 'h', default: false },
      },
    });
    const [command, ...rest] = positionals;
    if (values.help) {
      print(USAGE);
      return 0;
    }
    const cacheFile = values.cache;
    if (cacheFile !== undefined && cacheFile.trim() === '') throw new UsageError('--cache needs a file path', '--cache');
    switch (command) {
      case 'list':
        expectArguments(command, rest, 0);
        return listCommand({ cacheFile, json: values.json }, print);
      case 'refresh':
        expectArguments(command, rest, 1);
        return await refreshCommand({ cacheFile, glob: rest[0] }, print);
      case 'reset':
        expectArguments(command, rest, 1);
        return await resetCommand({ cacheFile, glob: rest[0] }, print);
      case 'emulator':
        expectArguments(command, rest, 0);
        if (!values.data) throw new UsageError('emulator needs --data FILE', '--data');
        return await emulatorCommand({
          port: integerFlag('--port', values.port ?? '8787', 0, 65535),
          data: values.data,
          latencyMs: values.latency === undefined ? undefined : integerFlag('--latency', values.latency, 0, 600_000),
          throttleRate: values['throttle-rate'] === undefined ? undefined : rateFlag('--throttle-rate', values['throttle-rate']),
          serverErrorRate: values['error-rate'] === undefined ? undefined : rateFlag('--error-rate', values['error-rate']),
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

function expectArguments(command: string, rest: readonly string[], max: number): void {
  if (rest.length > max) throw new UsageError(`${command} takes ${max === 0 ? 'no arguments' : `at most ${max} argument`}, got: ${rest.join(' ')}`);
}

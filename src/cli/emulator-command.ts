import { readFileSync } from 'node:fs';
import { API_LIST } from '../apis';
import { watchDataFile } from '../emulator/data-file-watcher';
import { emulatorEnvOf, shellExportLine } from '../emulator/emulator-env';
import { Emulator } from '../emulator/emulator-server';

export interface EmulatorCommandOptions {
  readonly port: number;
  /** The data file: reloaded when it changes and on SIGHUP. */
  readonly data: string;
  readonly latencyMs?: number;
  readonly throttleRate?: number;
  readonly serverErrorRate?: number;
  /**
  Print no line per request (start-up, reload and stop lines stay).
  @default false
  */
  readonly quiet?: boolean;
  /**
  Also stop when the parent process exits. npm (npx, npm exec, npm run) runs a command through
  `sh -c` and passes a SIGTERM on to that shell only, which exits without passing it on: without
  this, the emulator would outlive npm and keep its port.
  @default whether npm started this process (`npm_execpath` is set)
  */
  readonly stopWithParent?: boolean;
  /**
  How often the parent is checked, in milliseconds.
  @default 500
  */
  readonly parentCheckMs?: number;
}

/** `image-lookups emulator --port N --data FILE`: serves the emulated APIs until interrupted. */
export async function emulatorCommand(options: EmulatorCommandOptions, print: (line: string) => void): Promise<number> {
  const { data: file } = options;
  // Read before the emulator loads it, and watched before the first line is printed: a save made
  // as soon as that line shows (a script waiting for it) is seen, never taken as the loaded text.
  let loadedText = textOf(file);
  const emulator = await Emulator.start({
    port: options.port, data: file, latencyMs: options.latencyMs, throttleRate: options.throttleRate,
    serverErrorRate: options.serverErrorRate, log: options.quiet ? undefined : print,
  });
  let exports = envLines(emulator);
  const reload = (why: string) => {
    const text = textOf(file);
    // An editor's save can fire several events: reload once per new content.
    if (why === 'changed' && text === loadedText) return;
    try {
      emulator.replaceData(file);
    } catch (error) {
      print(`Kept the previous data: ${file} was refused (${why}): ${(error as Error).message.replace(/\n\s*/g, ' ')}`);
      return;
    }
    loadedText = text;
    print(`Reloaded ${file} (${why}): serving its data from the next request.`);
    const changed = envLines(emulator);
    if (changed.join('\n') !== exports.join('\n')) for (const line of changed) print(line);
    exports = changed;
  };
  const watcher = watchDataFile(file, () => reload('changed'));
  const onHangUp = () => reload('SIGHUP');
  process.on('SIGHUP', onHangUp);
  print(`Emulator listening on ${emulator.origin} (pid ${process.pid}, data: ${file}). Ctrl-C stops it; saving ${file} or SIGHUP reloads it.`);
  for (const line of exports) print(line);

  const stopWithParent = options.stopWithParent ?? process.env.npm_execpath !== undefined;
  let stop!: (reason: string) => void;
  const stopped = new Promise<string>((resolve) => { stop = resolve; });
  const onInterrupt = () => stop('SIGINT');
  const onTerminate = () => stop('SIGTERM');
  process.once('SIGINT', onInterrupt);
  process.once('SIGTERM', onTerminate);
  let parentCheck: NodeJS.Timeout | undefined;
  if (stopWithParent) {
    const parent = process.ppid;
    // process.ppid is read afresh each time: an orphan is adopted by init or a subreaper.
    parentCheck = setInterval(() => { if (process.ppid !== parent) stop('its parent process exited'); }, options.parentCheckMs ?? 500);
    parentCheck.unref();
  }
  const reason = await stopped;
  // Nothing of the command may keep the process alive once the server is closed.
  process.off('SIGINT', onInterrupt);
  process.off('SIGTERM', onTerminate);
  process.off('SIGHUP', onHangUp);
  clearInterval(parentCheck);
  watcher.close();
  await emulator.stop();
  print(`Emulator stopped (${reason}) after ${emulator.stats.requests} request(s).`);
  return 0;
}

/**
The env vars of every API it serves, with the data's first key per API: the emulator's own
sample keys, not real ones, so printing them is the point.
*/
function envLines(emulator: Emulator): string[] {
  const apis = emulatorEnvOf(API_LIST, emulator.origin, (section) => emulator.credentialsOf(section));
  const keyless = apis.filter((entry) => !entry.hasKey).map((entry) => entry.api.title);
  return [
    'Point lookups at it (the emulator\'s own keys from the data file, not real ones; paste into a shell):',
    shellExportLine(Object.assign({}, ...apis.map((entry) => entry.env))),
    ...(keyless.length > 0 ? [`The data file lists no key for ${keyless.join(', ')}: add one under "credentials" to call it.`] : []),
  ];
}

/** The file's text, or undefined while it cannot be read (an editor may be replacing it). */
function textOf(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

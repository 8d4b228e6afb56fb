// Runs the real bin (bin/image-lookups.js, from lib/) as a process in the cache app, against the
// bundled emulator serving a data file the test may change between runs.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { API_LIST } from '../../../src/apis';
import { Emulator } from '../../../src/emulator';
import { cleanEnv, runNode, type Run } from '../../support/run-process';

const ROOT = path.resolve(__dirname, '../../..');
export const CACHE_APP_DIR = __dirname;
/** The VOD image the app looks up (see main.ts). */
export const VOD_IMAGE = '7c1e4a2b9d3f4e6a8b0c2d4e6f8a0b1c';

export type { Run };

/** The example's emulator data, as JSON to change. */
export type EmulatorDataJson = {
  credentials: Record<string, Array<Record<string, string>>>;
  tencent: { maxImgShareNum: number; regions: Record<string, Record<string, Array<{ uin: string; shareTimeStamp: string }>>> };
  aliyun: { images: Record<string, Record<string, unknown>> };
};

export function exampleData(): EmulatorDataJson {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/golden-image-audit/emulator-data.json'), 'utf8')) as EmulatorDataJson;
}

/**
An emulator for the whole test file serving a data file of its own (the example's data at first):
`change` rewrites the file and has the emulator serve it, as when the cloud's facts change; `reset`
puts the example's data back.
*/
export function emulatorOfDataFile(): {
  readonly current: Emulator;
  readonly dataFile: string;
  change(edit: (data: EmulatorDataJson) => void): void;
  reset(): void;
} {
  let dir = '';
  const holder = {
    current: undefined as unknown as Emulator,
    get dataFile() { return path.join(dir, 'emulator-data.json'); },
    change(edit: (data: EmulatorDataJson) => void) {
      const data = JSON.parse(fs.readFileSync(holder.dataFile, 'utf8')) as EmulatorDataJson;
      edit(data);
      fs.writeFileSync(holder.dataFile, JSON.stringify(data, null, 2));
      holder.current.replaceData(holder.dataFile);
    },
    reset() {
      holder.change((data) => Object.assign(data, exampleData()));
    },
  };
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'image-lookups-emulator-data-'));
    fs.writeFileSync(holder.dataFile, JSON.stringify(exampleData(), null, 2));
    holder.current = await Emulator.start({ data: holder.dataFile });
  });
  afterAll(async () => {
    await holder.current?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return holder;
}

/** Every API's env vars pointing at `origin`, signed with the first key of its section of `data`. */
export function emulatorEnv(origin: string, data: EmulatorDataJson): NodeJS.ProcessEnv {
  return Object.assign({}, ...API_LIST.map((api) => api.emulatorEnv(origin, data.credentials[api.emulator.section.name][0] as never)));
}

/**
Runs `image-lookups ARGS` in the cache app. The env starts from none of the library's variables and
no proxy, every endpoint on a closed loopback port, then `env` (the emulator's, the scenario).
*/
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}, cwd = CACHE_APP_DIR): Promise<Run> {
  const closedPort = Object.fromEntries(API_LIST.flatMap((api) => api.endpointEnvVars.map((name) => [name, 'http://127.0.0.1:9'])));
  return runNode([path.join(ROOT, 'bin/image-lookups.js'), ...args], {
    cwd, env: { ...cleanEnv(), ...closedPort, CHECKPOINT_DISABLE: '1', IMAGE_LOOKUPS_PROGRESS: '0', ...env },
  });
}

/** Runs the cache app's own command (what cdktf.json's `app` runs, as `cdktf synth` does), with `env` over a clean one. */
export function runApp(env: NodeJS.ProcessEnv, outdir: string): Promise<Run> {
  return runNode(['-r', 'ts-node/register/transpile-only', 'main.ts'], {
    cwd: CACHE_APP_DIR, env: { ...cleanEnv(), IMAGE_LOOKUPS_PROGRESS: '0', CDKTF_OUTDIR: outdir, ...env },
  });
}

/** The env of a run against `emulator` with `cacheFile`, then `extra`. */
export function cacheEnvOf(emulator: { readonly current: Emulator; readonly dataFile: string }, cacheFile: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const data = JSON.parse(fs.readFileSync(emulator.dataFile, 'utf8')) as EmulatorDataJson;
  return { ...emulatorEnv(emulator.current.origin, data), IMAGE_LOOKUPS_CACHE: cacheFile, ...extra };
}

/** The file's content and modification time: equal when nothing wrote it. */
export function fileState(file: string): { readonly text: string; readonly mtimeMs: number } {
  return { text: fs.readFileSync(file, 'utf8'), mtimeMs: fs.statSync(file).mtimeMs };
}

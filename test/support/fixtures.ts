import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Testing } from 'cdktf';
import { LIBRARY_ENV_PREFIXES } from '../../src/apis';
import { Emulator, type EmulatorDataInput, type EmulatorOptions } from '../../src/emulator';

// Still imported from here by test/cli/emulator-command.test.ts; the data lives with its API.

/**
Env vars the library reads; tests start from none of them and get the originals back. The proxy
variables too: traffic to the emulator on 127.0.0.1 must not go through a CI runner's proxy.
*/
const LIBRARY_ENV = new RegExp(`^(${LIBRARY_ENV_PREFIXES.join('|')}|(HTTPS?|NO|ALL)_PROXY$)`, 'i');

export function isolateEnv(): void {
  let saved: NodeJS.ProcessEnv;
  beforeEach(() => {
    saved = { ...process.env };
    for (const name of Object.keys(process.env)) if (LIBRARY_ENV.test(name)) delete process.env[name];
  });
  afterEach(() => {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  });
}

/** Temporary directories removed after each test. */
export function tempDirs(): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'image-lookups-test-'));
    made.push(dir);
    return dir;
  };
}

/** An app factory writing into `dir`, for resolveLookups' createApp. */
export function appIn(dir: string): () => App {
  return () => new App({ outdir: path.join(dir, 'cdktf.out') });
}

/** Every file under a directory with its content, to compare two synth outputs byte for byte. */
export function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      files[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  }
  return files;
}

/** `Testing.app()` leaves a cdktf.outdir.* folder in the temp dir: this makes apps and removes their folders after each test. */
export function testingApps(): () => App {
  const made: App[] = [];
  afterEach(() => {
    for (const app of made.splice(0)) fs.rmSync(app.outdir, { recursive: true, force: true });
  });
  return () => {
    const app = Testing.app();
    made.push(app);
    return app;
  };
}

/** One emulator of `data` for the whole file, its counters reset before each test. Read `.current` inside tests. */
export function sharedEmulator(data: EmulatorDataInput, options: Partial<EmulatorOptions> = {}): { readonly current: Emulator } {
  const holder = { current: undefined as unknown as Emulator };
  beforeAll(async () => { holder.current = await Emulator.start({ data, ...options }); });
  afterAll(() => holder.current.stop());
  beforeEach(() => holder.current.resetStats());
  return holder;
}

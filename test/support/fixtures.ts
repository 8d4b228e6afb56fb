import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Testing } from 'cdktf';
import { LIBRARY_ENV_PREFIXES } from '../../src/apis';

/**
Env vars the library reads; tests start from none of them and get the originals back. Its own
prefixes match case-sensitively, as bench/run-bench.ts clears them; the proxy variables in either
case, as the library reads them: traffic to the emulator on 127.0.0.1 must not go through a CI
runner's proxy.
*/
const PROXY_ENV = /^(HTTPS?|NO|ALL)_PROXY$/i;
const isLibraryEnv = (name: string): boolean => LIBRARY_ENV_PREFIXES.some((prefix) => name.startsWith(prefix)) || PROXY_ENV.test(name);

export function isolateEnv(): void {
  let saved: NodeJS.ProcessEnv;
  beforeEach(() => {
    saved = { ...process.env };
    for (const name of Object.keys(process.env)) if (isLibraryEnv(name)) delete process.env[name];
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

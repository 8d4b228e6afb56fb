import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Testing } from 'cdktf';
import { Emulator, type EmulatorOptions } from '../../src/emulator';

/** Credentials the test emulator accepts. Made up: they open nothing but the emulator. */
export const TEST_CREDENTIALS = { secretId: 'AKIDtestExample000001', secretKey: 'testSecretKey000001' };

/** A small account: two regions, a shared image, an unshared one; anything else is unknown. */
export const TEST_DATA = {
  credentials: { tencent: [TEST_CREDENTIALS] },
  tencent: {
    maxImgShareNum: 50,
    regions: {
      'ap-guangzhou': {
        'img-jgggrva9': [
          { uin: '1621874004', shareTimeStamp: '2016-01-13 15:16:53' },
          { uin: '877354327', shareTimeStamp: '2016-01-18 13:14:17' },
        ],
        'img-6pb6lrmy': [{ uin: '3000000001', shareTimeStamp: '2024-03-04 10:21:08' }],
        'img-2xk9q7dm': [],
      },
      'ap-shanghai': {
        'img-31tjrtph': [{ uin: '1621874004', shareTimeStamp: '2024-06-12 14:30:00' }],
      },
    },
  },
};

export function startTestEmulator(options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  return Emulator.start({ data: TEST_DATA, ...options });
}

/**
Env vars the library reads; tests start from none of them and get the originals back. The proxy
variables too: traffic to the emulator on 127.0.0.1 must not go through a CI runner's proxy.
*/
const LIBRARY_ENV = /^(TENCENTCLOUD_|ALICLOUD_|ALIBABA_CLOUD_|IMAGE_LOOKUPS_|(HTTPS?|NO|ALL)_PROXY$)/i;

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

/** One test emulator for the whole file, its counters reset before each test. Read `.current` inside tests. */
export function sharedTestEmulator(): { readonly current: Emulator } {
  const holder = { current: undefined as unknown as Emulator };
  beforeAll(async () => { holder.current = await startTestEmulator(); });
  afterAll(() => holder.current.stop());
  beforeEach(() => holder.current.resetStats());
  return holder;
}

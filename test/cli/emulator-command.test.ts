// `image-lookups emulator` as a developer runs it: the real bin (from lib/, which `npm ci` builds) as
// a process, directly and through npx as a consumer project installs it. Signals, the request log,
// reloads and the start-up env lines are checked from the outside: its output, its port, its pid.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { connect } from 'node:net';
import * as path from 'node:path';
import { API_LIST, LIBRARY_ENV_PREFIXES } from '../../src/apis';
import { AliyunVodImageClient } from '../../src/aliyun-vod-images';
import { TencentImageShareClient } from '../../src/tencent-image-shares';
import { isolateEnv, tempDirs } from '../support/fixtures';
import { findLeaks } from '../support/secret-scan';
import { TEST_CREDENTIALS } from '../tencent-image-shares/fixtures';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/image-lookups.js');
const EXAMPLE_DATA = path.join(ROOT, 'examples/golden-image-audit/emulator-data.json');
const EXAMPLE = JSON.parse(fs.readFileSync(EXAMPLE_DATA, 'utf8'));
const TENCENT = EXAMPLE.credentials.tencent[0] as { secretId: string; secretKey: string };
const ALIYUN = EXAMPLE.credentials.aliyun[0] as { accessKeyId: string; accessKeySecret: string };
/** The official example's image, in the example data's ap-guangzhou. */
const SHARED_IMAGE = 'img-jgggrva9';
const SHARED_WITH = ['1621874004', '877354327'];
/** Long enough for a loaded CI machine; each wait ends as soon as its condition holds. */
const DEADLINE_MS = 30_000;

isolateEnv();
const tempDir = tempDirs();

/** The test's env without any of the library's variables (and no proxy), so nothing leaks in from the shell. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) =>
    !LIBRARY_ENV_PREFIXES.some((prefix) => name.startsWith(prefix)) && !/^(HTTPS?|NO|ALL)_PROXY$/i.test(name)));
}

interface EmulatorProcess {
  readonly child: ChildProcess;
  readonly origin: string;
  /** The emulator's own pid, from its start-up line (through npx, not the child's). */
  readonly pid: number;
  output(): string;
  /** Resolves once the output matches, after `from` characters of it. */
  waitFor(pattern: RegExp, from?: number): Promise<RegExpExecArray>;
  readonly exited: Promise<number | null>;
}

/** Every process a test started, the emulators behind npx included, so a failed test leaves none running. */
const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
});

/** Starts `command args` and waits for the emulator's start-up line. */
async function startEmulator(command: string, args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; ownProcessGroup?: boolean } = {}): Promise<EmulatorProcess> {
  const child = spawn(command, args, {
    cwd: options.cwd ?? ROOT, env: options.env ?? cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: options.ownProcessGroup ?? false,
  });
  started.push(child.pid!);
  let output = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const check of waiters) check();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => {
    for (const check of waiters) check();
    resolve(code);
  }));
  const waitFor = (pattern: RegExp, from = 0) => new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`no ${pattern} in the emulator's output within ${DEADLINE_MS} ms:\n${output}`)), DEADLINE_MS);
    const check = () => {
      const match = pattern.exec(output.slice(from));
      if (match) done(undefined, match);
      else if (child.exitCode !== null || child.signalCode !== null) done(new Error(`the emulator exited before ${pattern}:\n${output}`));
    };
    const done = (error?: Error, match?: RegExpExecArray) => {
      clearTimeout(timer);
      waiters.delete(check);
      if (error) reject(error);
      else resolve(match!);
    };
    waiters.add(check);
    check();
  });
  const [, origin, pid] = await waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+) \(pid (\d+),/);
  started.push(Number(pid));
  await waitFor(/^export .*$/m);
  return { child, origin, pid: Number(pid), output: () => output, waitFor, exited };
}

function startDirect(args: readonly string[], env?: NodeJS.ProcessEnv): Promise<EmulatorProcess> {
  return startEmulator(process.execPath, [BIN, 'emulator', '--port', '0', ...args], { env });
}

/** A consumer project with the package installed (linked, as `npm install <dir>` does), so `npx image-lookups` runs its bin. */
function consumerProject(): string {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  fs.mkdirSync(path.join(dir, 'node_modules/.bin'), { recursive: true });
  fs.symlinkSync(ROOT, path.join(dir, 'node_modules/cdktf-image-lookups'), 'dir');
  fs.symlinkSync('../cdktf-image-lookups/bin/image-lookups.js', path.join(dir, 'node_modules/.bin/image-lookups'));
  return dir;
}

/** Whether a process runs (a zombie does not: it only waits for its parent to read its status). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc: kill(pid, 0) said it exists
  }
}

function portAccepts(origin: string): Promise<boolean> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/** Polls until `condition` holds; fails with `what` after DEADLINE_MS. */
async function eventually(what: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + DEADLINE_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`still not ${what} after ${DEADLINE_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function tencentClient(origin: string, credentials: { secretId: string; secretKey: string } = TENCENT): TencentImageShareClient {
  return new TencentImageShareClient({ region: 'ap-guangzhou', endpoint: origin, ...credentials, retry: { retries: 0 } });
}

const requestLines = (output: string) => output.split('\n').filter((line) => / -> /.test(line));

describe('image-lookups emulator: start and stop', () => {
  test('serves every API until SIGTERM, and prints their env vars as one line a shell takes as is', async () => {
    const emulator = await startDirect(['--data', EXAMPLE_DATA]);
    const [exportLine] = /^export .*$/m.exec(emulator.output())!;
    expect(emulator.output()).toContain("the emulator's own keys");
    // Pasted into a shell, the line sets exactly what each API's descriptor maps the data's first key to.
    const shellEnv = `\n${execFileSync('sh', ['-c', `${exportLine}\nenv`], { env: {}, encoding: 'utf8' })}`;
    const expected = Object.assign({}, ...API_LIST.map((api) => api.emulatorEnv(emulator.origin, EXAMPLE.credentials[api.emulator.section.name][0] as never)));
    for (const [name, value] of Object.entries<string>(expected)) expect(shellEnv).toContain(`\n${name}=${value}\n`);
    expect(Object.keys(expected)).toEqual(expect.arrayContaining(API_LIST.flatMap((api) => api.endpointEnvVars)));

    const answer = await tencentClient(emulator.origin).getImageShareUinInfo([SHARED_IMAGE]);
    expect(answer.images[0].shares.map((share) => share.uin)).toEqual(SHARED_WITH);
    await expect(tencentClient(emulator.origin, TEST_CREDENTIALS).getImageShareUinInfo([SHARED_IMAGE]))
      .rejects.toMatchObject({ details: expect.objectContaining({ apiCode: 4104 }) });

    emulator.child.kill('SIGTERM');
    expect(await emulator.exited).toBe(0);
    expect(emulator.output()).toContain('Emulator stopped (SIGTERM) after 2 request(s).');
  });

  test('a data file without a key for an API: its endpoint alone, and a line saying so', async () => {
    const dir = tempDir();
    const data = path.join(dir, 'tencent-only.json');
    fs.writeFileSync(data, JSON.stringify({ ...EXAMPLE, credentials: { tencent: EXAMPLE.credentials.tencent } }));
    const emulator = await startDirect(['--data', data]);
    const [exportLine] = /^export .*$/m.exec(emulator.output())!;
    expect(exportLine).toContain(`ALICLOUD_VOD_ENDPOINT=${emulator.origin}`);
    expect(exportLine).not.toContain('ALICLOUD_ACCESS_KEY');
    // The line after the export line: it may come in a later chunk.
    await emulator.waitFor(/lists no key for Alibaba Cloud ApsaraVideo VOD/);
    emulator.child.kill('SIGINT');
    expect(await emulator.exited).toBe(0);
  });

  /** `npx image-lookups emulator` in a consumer project, in a process group of its own as a terminal gives it. */
  async function startThroughNpx(): Promise<EmulatorProcess> {
    const project = consumerProject();
    fs.copyFileSync(EXAMPLE_DATA, path.join(project, 'data.json'));
    const npx = await startEmulator('npx', ['image-lookups', 'emulator', '--port', '0', '--data', 'data.json'], { cwd: project, ownProcessGroup: true });
    expect(npx.pid).not.toBe(npx.child.pid); // npm runs it through `sh -c`: a grandchild of npx
    expect(await portAccepts(npx.origin)).toBe(true);
    return npx;
  }

  async function expectStopped(npx: EmulatorProcess): Promise<void> {
    await npx.exited;
    await eventually('exited', () => !isRunning(npx.pid));
    await eventually('free', async () => !(await portAccepts(npx.origin)));
  }

  // npm passes a SIGTERM to the `sh -c` it runs the bin through, and the shell exits without
  // passing it on: the emulator must see its parent go and stop on its own.
  test('SIGTERM to the npx process alone (kill PID, a process manager) stops the server: no orphan keeps the port', async () => {
    const npx = await startThroughNpx();
    npx.child.kill('SIGTERM');
    await expectStopped(npx);
    expect(npx.output()).toContain('Emulator stopped (its parent process exited)');
  });

  test.each(['SIGINT', 'SIGTERM'] as const)('%s to the whole npx process group (as Ctrl-C in a terminal sends SIGINT) stops the server', async (signal) => {
    const npx = await startThroughNpx();
    process.kill(-npx.child.pid!, signal);
    await expectStopped(npx);
    expect(npx.output()).toContain(`Emulator stopped (${signal})`);
  });
});

describe('image-lookups emulator: the request log', () => {
  test('one line per request: action, region, IDs and outcome; never a key ID, key, signature or token', async () => {
    const emulator = await startDirect(['--data', EXAMPLE_DATA]);
    await tencentClient(emulator.origin).getImageShareUinInfo([SHARED_IMAGE, 'img-00000000']);
    const vodIds = Object.keys(EXAMPLE.aliyun.images).slice(0, 2);
    const vod = new AliyunVodImageClient({ region: 'cn-shanghai', endpoint: emulator.origin, ...ALIYUN, retry: { retries: 0 } });
    await vod.getImageInfos([...vodIds, '00000000000000000000000000000000']);
    // A refused request carrying marker secrets of its own, in a query the log must not echo.
    const markers = { SecretId: 'markerKeyId0001', Signature: 'markerSignature0001', Token: 'markerToken0001' };
    const refused = await fetch(`${emulator.origin}/v2/index.php?${new URLSearchParams({
      Action: 'GetImageShareUinInfo', Region: 'ap-guangzhou', 'imageIds.0': SHARED_IMAGE, Timestamp: '1', Nonce: '1', ...markers,
    })}`);
    expect(await refused.json()).toMatchObject({ code: 4104 });
    await fetch(`${emulator.origin}/elsewhere?Signature=${markers.Signature}`);
    await emulator.waitFor(/GET \/elsewhere -> .*\n/);

    const lines = requestLines(emulator.output());
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} GetImageShareUinInfo region=ap-guangzhou ids=${SHARED_IMAGE},img-00000000 -> found 1, notFound 1$`));
    expect(lines[1]).toMatch(new RegExp(`GetImageInfos ids=${vodIds.join(',')},0{32} -> found 2, notFound 1$`));
    expect(lines[2]).toMatch(/GetImageShareUinInfo region=ap-guangzhou ids=img-jgggrva9 -> error 4104$/);
    expect(lines[3]).toMatch(/GET \/elsewhere -> HTTP 404/);

    emulator.child.kill('SIGTERM');
    await emulator.exited;
    const secrets = {
      'Tencent SecretId': TENCENT.secretId, 'Tencent SecretKey': TENCENT.secretKey,
      'VOD AccessKeyId': ALIYUN.accessKeyId, 'VOD AccessKeySecret': ALIYUN.accessKeySecret,
      'marker SecretId': markers.SecretId, 'marker Signature': markers.Signature, 'marker Token': markers.Token,
    };
    expect(findLeaks([{ where: 'request log', text: lines.join('\n') }], secrets)).toEqual([]);
  });

  test.each([
    ['--throttle-rate', /GetImageShareUinInfo region=ap-guangzhou ids=img-jgggrva9 -> error \(the fault's answer, HTTP 200\) \[fault throttle\]$/m],
    ['--error-rate', /GetImageShareUinInfo region=ap-guangzhou ids=img-jgggrva9 -> HTTP 503 \[fault serverError\]$/m],
  ])('%s 1: the line names the fault that answered', async (flag, line) => {
    const emulator = await startDirect(['--data', EXAMPLE_DATA, flag, '1']);
    await expect(tencentClient(emulator.origin).getImageShareUinInfo([SHARED_IMAGE])).rejects.toThrow();
    await emulator.waitFor(line);
    emulator.child.kill('SIGTERM');
    expect(await emulator.exited).toBe(0);
  });

  test('--quiet: no line per request', async () => {
    const emulator = await startDirect(['--data', EXAMPLE_DATA, '--quiet']);
    await tencentClient(emulator.origin).getImageShareUinInfo([SHARED_IMAGE]);
    emulator.child.kill('SIGTERM');
    expect(await emulator.exited).toBe(0);
    // The request was served (the stop line counts it), and logged nowhere.
    expect(emulator.output()).toContain('after 1 request(s).');
    expect(requestLines(emulator.output())).toEqual([]);
  });
});

describe('image-lookups emulator: reloading the data file', () => {
  /** The example data with img-jgggrva9 shared with `uins` only. */
  const withShares = (uins: readonly string[]) => JSON.stringify({
    ...EXAMPLE,
    tencent: {
      ...EXAMPLE.tencent,
      regions: { ...EXAMPLE.tencent.regions, 'ap-guangzhou': { ...EXAMPLE.tencent.regions['ap-guangzhou'], [SHARED_IMAGE]: uins.map((uin) => ({ uin, shareTimeStamp: '2026-01-01 00:00:00' })) } },
    },
  });
  const sharesOf = async (origin: string) => (await tencentClient(origin).getImageShareUinInfo([SHARED_IMAGE])).images[0].shares.map((share) => share.uin);

  test('a saved change is served from the next request; a bad edit is refused and the previous data kept', async () => {
    const data = path.join(tempDir(), 'data.json');
    fs.writeFileSync(data, withShares(['100000000001']));
    const emulator = await startDirect(['--data', data]);
    expect(await sharesOf(emulator.origin)).toEqual(['100000000001']);

    let mark = emulator.output().length;
    fs.writeFileSync(data, withShares(['100000000001', '100000000002']));
    await emulator.waitFor(/Reloaded .*data\.json \(changed\)/, mark);
    expect(await sharesOf(emulator.origin)).toEqual(['100000000001', '100000000002']);

    mark = emulator.output().length;
    fs.writeFileSync(data, '{ "credentials": ');
    await emulator.waitFor(/Kept the previous data: .*data\.json was refused \(changed\): .*not valid JSON/, mark);
    expect(await sharesOf(emulator.origin)).toEqual(['100000000001', '100000000002']);

    // Valid JSON, invalid data: refused with the validator's reason, on one line.
    mark = emulator.output().length;
    fs.writeFileSync(data, JSON.stringify({ ...EXAMPLE, tencent: { regions: 'none' } }));
    const [refusal] = await emulator.waitFor(/Kept the previous data: .*\n/, mark);
    expect(refusal).toMatch(/Invalid emulator data .* tencent\.regions/);
    expect(await sharesOf(emulator.origin)).toEqual(['100000000001', '100000000002']);

    emulator.child.kill('SIGTERM');
    expect(await emulator.exited).toBe(0);
  });

  test('SIGHUP reloads the file, e.g. a symlink whose target changed out of sight of the watch', async () => {
    const [linkDir, targetDir] = [tempDir(), tempDir()];
    const target = path.join(targetDir, 'real-data.json');
    const data = path.join(linkDir, 'data.json');
    fs.writeFileSync(target, withShares(['100000000001']));
    fs.symlinkSync(target, data);
    const emulator = await startDirect(['--data', data]);
    expect(await sharesOf(emulator.origin)).toEqual(['100000000001']);

    fs.writeFileSync(target, withShares(['100000000003']));
    const mark = emulator.output().length;
    emulator.child.kill('SIGHUP');
    await emulator.waitFor(/Reloaded .*data\.json \(SIGHUP\)/, mark);
    expect(await sharesOf(emulator.origin)).toEqual(['100000000003']);

    emulator.child.kill('SIGTERM');
    expect(await emulator.exited).toBe(0);
  });

  test('a reload that changes the first key prints the new env line', async () => {
    const data = path.join(tempDir(), 'data.json');
    fs.writeFileSync(data, JSON.stringify(EXAMPLE));
    const emulator = await startDirect(['--data', data]);
    const mark = emulator.output().length;
    fs.writeFileSync(data, JSON.stringify({ ...EXAMPLE, credentials: { ...EXAMPLE.credentials, tencent: [TEST_CREDENTIALS] } }));
    const [exportLine] = await emulator.waitFor(/^export .*$/m, mark);
    expect(exportLine).toContain(`TENCENTCLOUD_SECRET_ID=${TEST_CREDENTIALS.secretId}`);
    expect(await tencentClient(emulator.origin, TEST_CREDENTIALS).getImageShareUinInfo([SHARED_IMAGE])).toBeDefined();
    emulator.child.kill('SIGTERM');
    expect(await emulator.exited).toBe(0);
  });
});

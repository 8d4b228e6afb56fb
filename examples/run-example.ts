// `npm run example`: starts the bundled emulator with the example's sample data, runs the real
// `cdktf synth` against it with a fresh temporary cache (so every lookup really goes over HTTP),
// prints what happened, then runs `image-lookups check` the same way and prints its findings table
// and the paths of its reports. Traffic stays on 127.0.0.1.
//
// `npm run example -- --update-committed-cache` refreshes the committed image-lookups.context.json
// from the same sample data instead, so `npx cdktf synth` on a fresh clone needs no credentials.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { API_LIST } from '../src/apis';
import { Emulator, loadEmulatorData } from '../src/emulator';

const root = path.resolve(__dirname, '..');
const dataFile = path.join(__dirname, 'golden-image-audit', 'emulator-data.json');

async function main(): Promise<number> {
  const updateCommittedCache = process.argv.includes('--update-committed-cache');
  // A fixed port for the committed cache, so its recorded endpoint does not change from one refresh to the next.
  const emulator = await Emulator.start({ data: dataFile, port: updateCommittedCache ? 8787 : 0 });
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'image-lookups-example-'));
  const cacheFile = updateCommittedCache ? path.join(root, 'image-lookups.context.json') : path.join(cacheDir, 'image-lookups.context.json');
  const emulatorEnv = envForEmulator(emulator.origin, loadEmulatorData(dataFile));
  console.log(`Emulator: ${emulator.origin} (sample data ${path.relative(root, dataFile)})`);
  console.log(updateCommittedCache ? `Cache:    ${cacheFile} (the committed one, refreshed)\n`
    : `Cache:    ${cacheFile} (temporary, so the lookups are fetched on every run)\n`);
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The cdktf CLI runs `terraform version`, which warns (and cdktf shows [ERROR]) when
  // TF_CLI_CONFIG_FILE names a missing file. Synth downloads nothing, so drop the setting.
  if (env.TF_CLI_CONFIG_FILE && !fs.existsSync(env.TF_CLI_CONFIG_FILE)) delete env.TF_CLI_CONFIG_FILE;
  const appEnv: NodeJS.ProcessEnv = {
    ...env,
    CHECKPOINT_DISABLE: '1',
    ...emulatorEnv,
    IMAGE_LOOKUPS_CACHE: cacheFile,
    IMAGE_LOOKUPS_MODE: updateCommittedCache ? 'refresh' : 'auto',
  };
  try {
    const { code, output } = await run('npx', ['cdktf', 'synth'], appEnv);
    // The API calls' parenthesis (first attempts + retries; throttled answers) is there only when something was retried or throttled.
    const summary = new RegExp('image-lookups: (?<lookups>\\d+) lookups \\((?<hits>\\d+) from cache, (?<fetched>\\d+) fetched with (?<calls>\\d+) API calls?'
      + '(?: \\(\\d+ \\+ (?<retries>\\d+) retr(?:y|ies); (?<throttled>\\d+) throttled answers?\\))?, (?<discoveryOnly>\\d+) discovery-only\\) in (?<rounds>\\d+) rounds?')
      .exec(output)?.groups;
    console.log('\n── Summary ──');
    if (summary) {
      console.log(`Lookups:    ${summary.lookups} (${summary.fetched} fetched, ${summary.hits} cache hits, ${summary.discoveryOnly} discovery-only) in ${summary.rounds} app builds`);
      const byAction = Object.entries(emulator.stats.byAction).map(([action, count]) => `${count} ${action}`).join(', ');
      const retried = summary.retries === undefined ? '' : ` (${summary.retries} of them retries; ${summary.throttled} throttled)`;
      console.log(`API calls:  ${summary.calls} by the engine${retried}; the emulator answered ${emulator.stats.requests} request(s) (${byAction})`);
    } else {
      console.log(`The app printed no lookup summary; the emulator answered ${emulator.stats.requests} request(s).`);
    }
    const stacksDir = path.join(root, 'cdktf.out', 'stacks');
    if (code === 0 && fs.existsSync(stacksDir)) {
      for (const stack of fs.readdirSync(stacksDir).sort()) console.log(`Output:     ${path.relative(root, path.join(stacksDir, stack, 'cdk.tf.json'))}`);
    }
    const policies = /image-lookups: policies: (.*)/.exec(output);
    if (policies) console.log(`Policies:   ${policies[1]}`);
    console.log(code === 0 ? 'Result:     synth succeeded' : `Result:     cdktf synth failed with exit code ${code}`);
    if (code !== 0 || updateCommittedCache) return code;
    return await check(appEnv);
  } finally {
    await emulator.stop();
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}

/**
Runs `image-lookups check` (this repository's CLI, from source) with the same env as the synth: the
cache the synth just filled answers every lookup. Prints the findings table and the report paths
(its stdout, reports in cdktf.out/image-lookups/), and the app's output (its stderr) only when the
check did not pass.
*/
async function check(env: NodeJS.ProcessEnv): Promise<number> {
  console.log('\n── image-lookups check ──');
  const { code, stdout, stderr } = await runQuiet(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'cli.ts'), 'check'], env);
  process.stdout.write(stdout);
  if (code !== 0) process.stdout.write(stderr);
  console.log(code === 0 ? 'Result:     check passed (exit code 0)' : `Result:     image-lookups check failed with exit code ${code}`);
  return code;
}

/** Runs a command and returns its exit code and its output, stdout and stderr apart, without echoing. */
function runQuiet(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** Every API's env vars pointing its lookups at the emulator, signed with the first key of its section of the data. */
function envForEmulator(origin: string, data: ReturnType<typeof loadEmulatorData>): NodeJS.ProcessEnv {
  return Object.assign({}, ...API_LIST.map((api) => {
    // Parsed data holds a list of keys for every registered section.
    const [first] = data.credentials[api.emulator.section.name] as readonly unknown[];
    return first === undefined ? {} : api.emulatorEnv(origin, first);
  }));
}

/** Runs a command, echoing its output as it comes, and returns the exit code and the output. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const echo = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      process.stdout.write(text);
    };
    child.stdout.on('data', echo);
    child.stderr.on('data', echo);
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

main().then((code) => { process.exitCode = code; }, (error) => { console.error(error); process.exitCode = 1; });

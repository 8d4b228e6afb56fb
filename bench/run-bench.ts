// `npm run bench`: measures the lookup engine end to end against the bundled emulator on 127.0.0.1,
// which runs in a worker thread (bench/remote-emulator.ts) so its CPU work is not counted as the engine's.
// For each API (Tencent GetImageShareUinInfo, Alibaba VOD GetImageInfos) and N = 10, 100 and 1000
// image IDs it reports API calls against the batching minimum, cold wall time against the latency
// floor, and warm-cache synth time against the same stacks built from literal data.
// The scenarios are in bench/*-scenario.ts; measuring in bench/measure.ts; the report in bench/report.ts.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EmulatorDataInput } from '../src/emulator';
import { measure, type Row } from './measure';
import { RemoteEmulator } from './remote-emulator';
import { formatHeader, formatTable, notes, sanityProblems } from './report';
import { LATENCY_MS, SIZES, type Scenario } from './scenario';
import { tencentScenario } from './tencent-scenario';
import { vodScenario } from './vod-scenario';

/** Settings from the shell must not change what is measured: everything is passed explicitly. */
const ENV_PREFIXES = ['IMAGE_LOOKUPS_', 'TENCENTCLOUD_', 'ALICLOUD_', 'ALIBABA_CLOUD_'];
/** A hung run fails instead of running on: the whole benchmark normally takes well under a minute. */
const TIME_LIMIT_MS = 180_000;

/** The scenarios' sections side by side in one emulator data set, their credentials merged. */
function emulatorData(scenarios: readonly Scenario[]): EmulatorDataInput {
  return scenarios.reduce<EmulatorDataInput>((data, { emulatorData: section }) =>
    ({ ...data, ...section, credentials: { ...data.credentials, ...section.credentials } }), { credentials: {} });
}

async function main(): Promise<number> {
  for (const name of Object.keys(process.env)) {
    if (ENV_PREFIXES.some((prefix) => name.startsWith(prefix))) delete process.env[name];
  }
  const maxSize = Math.max(...SIZES);
  const scenarios = [tencentScenario(maxSize), vodScenario(maxSize)];
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'image-lookups-bench-'));
  const watchdog = setTimeout(() => {
    console.error(`Benchmark still running after ${TIME_LIMIT_MS / 1000} s: giving up.`);
    fs.rmSync(workDir, { recursive: true, force: true });
    process.exit(1);
  }, TIME_LIMIT_MS);
  watchdog.unref(); // only the watchdog itself must not keep the process alive
  let emulator: RemoteEmulator | undefined;
  try {
    emulator = await RemoteEmulator.start({ data: emulatorData(scenarios), latencyMs: LATENCY_MS });
    console.log(formatHeader(scenarios));
    const rows: Row[] = [];
    for (const scenario of scenarios) {
      // Discarded: loads the API's modules and warms the JIT, so its first measured cold run is not penalized.
      await measure(scenario, Math.min(...SIZES), emulator, workDir);
      for (const size of SIZES) rows.push(await measure(scenario, size, emulator, workDir));
    }
    console.log(`${formatTable(rows)}\n`);

    for (const note of rows.flatMap(notes)) console.log(`Note: ${note}`);
    const problems = rows.flatMap(sanityProblems);
    console.log(problems.length === 0 ? 'Sanity checks passed.' : `Sanity checks FAILED:\n  ${problems.join('\n  ')}`);
    return problems.length === 0 ? 0 : 1;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
    // Always, errors included: a live worker would keep the process from exiting. Still under the watchdog.
    await emulator?.stop();
    clearTimeout(watchdog);
  }
}

main().then((code) => { process.exitCode = code; }, (error) => { console.error(error); process.exitCode = 1; });

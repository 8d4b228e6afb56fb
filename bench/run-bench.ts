// `npm run bench`: measures the lookup engine end to end against the bundled emulator on 127.0.0.1,
// which runs in a worker thread (bench/remote-emulator.ts) so its CPU work is not counted as the engine's.
// For each API in the registry (src/apis.ts; its scenario is bench/scenarios/<id>.ts), each way of writing stacks
// (bench/writing-styles.ts) and each snapshot type, at N = 100 and 1000 image IDs, it reports builds,
// API calls against the batching minimum, cold wall time against its floor, and warm-cache synth time
// against the same stacks built from literal data (bench/measure.ts). Then peak memory and warm time
// at N = 1000 and 10,000 in child processes (bench/memory.ts), then the load rows: a refresh of 10,000
// lookups per API against a second emulator that throttles 5% of requests, checked to bring back all
// the data (bench/load.ts), then the policy rows: a warm synth at N = 1000 and 10,000 with the API's policy
// pack attached to the app against the same warm synth without policies, in child processes
// (bench/policies.ts), then the API 3.0 rows: Tencent's DescribeImageSharePermission (one image per call,
// 10 calls a second) at N = 100 and 1000 against an emulator enforcing that limit, its fetch time
// against max(N ÷ rate, calls × latency ÷ concurrency) (bench/api3.ts; about two minutes: the
// rate sets the pace), and the targets (bench/targets.ts).
//
// `npm run bench -- --load-only` runs the load rows alone (with their sanity checks, no targets);
// `npm run bench -- --policies-only` runs the policy rows alone (with their sanity checks and their targets only);
// `npm run bench -- --api3-only` runs the API 3.0 rows alone (with their sanity checks and their targets only).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LIBRARY_ENV_PREFIXES } from '../src/apis';
import type { EmulatorDataInput } from '../src/emulator';
import { tencentImageSharesApi } from '../src/tencent-image-shares/descriptor';
import { API3_SIZES, measureApi3Rows, type Api3Rows } from './api3';
import { api3Notes, api3SanityProblems, formatApi3 } from './api3-report';
import { LOAD_SIZE, LOAD_THROTTLE_RATE, measureLoad, type LoadRow } from './load';
import { formatLoad, loadSanityProblems } from './load-report';
import { measure, type Row } from './measure';
import { measureScale, type ScaleRow } from './memory';
import { measurePolicies, POLICY_SIZES, type PolicyRow } from './policies';
import { formatPolicies, policySanityProblems } from './policies-report';
import { RemoteEmulator } from './remote-emulator';
import { formatHeader, formatMatrix, formatScale, notes, sanityProblems, scaleSanityProblems } from './report';
import { LATENCY_MS, MATRIX_SIZES, SCALE_SIZES, SNAPSHOT_TYPES, type Scenario } from './scenario';
import { API_IDS, scenarioOf } from './scenarios';
import { formatTargets, judgeApi3Targets, judgePolicyTargets, judgeTargets } from './targets';
import { workload, WRITING_STYLES } from './writing-styles';

/**
A hung run fails instead of running on: the whole benchmark normally takes about five minutes on 2
CPUs, plus two or so for the policy rows and two for the API 3.0 rows.
*/
const TIME_LIMIT_MS = 900_000;

/** The scenarios' sections side by side in one emulator data set, their credentials merged. */
function emulatorData(scenarios: readonly Scenario[]): EmulatorDataInput {
  return scenarios.reduce<EmulatorDataInput>((data, { emulatorData: section }) =>
    ({ ...data, ...section, credentials: { ...data.credentials, ...section.credentials } }), { credentials: {} });
}

async function measureMatrix(scenarios: readonly Scenario[], emulator: RemoteEmulator, workDir: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (const scenario of scenarios) {
    // Discarded: loads the API's modules and warms the JIT, so its first measured cold run is not penalized.
    await measure(workload(scenario, WRITING_STYLES[0], SNAPSHOT_TYPES[0], Math.min(...MATRIX_SIZES)), emulator, workDir);
    for (const size of MATRIX_SIZES) {
      for (const style of WRITING_STYLES) {
        for (const snapshot of SNAPSHOT_TYPES) rows.push(await measure(workload(scenario, style, snapshot, size), emulator, workDir));
      }
    }
  }
  return rows;
}

async function measureScaleRows(scenarios: readonly Scenario[], emulator: RemoteEmulator, workDir: string): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  for (const scenario of scenarios) {
    for (const size of SCALE_SIZES) rows.push(await measureScale(scenario, size, emulator, workDir));
  }
  return rows;
}

async function measureLoadRows(scenarios: readonly Scenario[], fillEmulator: RemoteEmulator, data: EmulatorDataInput, workDir: string): Promise<LoadRow[]> {
  // Its own emulator: the throttle rate is fixed at start, and the other rows must not see it.
  const throttled = await RemoteEmulator.start({ data, latencyMs: LATENCY_MS, throttleRate: LOAD_THROTTLE_RATE });
  try {
    const rows: LoadRow[] = [];
    for (const scenario of scenarios) rows.push(await measureLoad(scenario, LOAD_SIZE, fillEmulator, throttled, workDir));
    return rows;
  } finally {
    await throttled.stop();
  }
}

async function measurePolicyRows(scenarios: readonly Scenario[], emulator: RemoteEmulator, workDir: string): Promise<PolicyRow[]> {
  const rows: PolicyRow[] = [];
  for (const scenario of scenarios) {
    for (const size of POLICY_SIZES) rows.push(await measurePolicies(scenario, size, emulator, workDir));
  }
  return rows;
}

/** Which rows a run measures: all of them, or one group alone. */
type Only = 'load' | 'policies' | 'api3' | undefined;

/** `--load-only`, `--policies-only`, `--api3-only`, or nothing; anything else is a usage error rather than a silently full run. */
function parseArguments(args: readonly string[]): { only: Only } | undefined {
  if (args.length === 0) return { only: undefined };
  if (args.length === 1 && args[0] === '--load-only') return { only: 'load' };
  if (args.length === 1 && args[0] === '--policies-only') return { only: 'policies' };
  if (args.length === 1 && args[0] === '--api3-only') return { only: 'api3' };
  return undefined;
}

/** The API 3.0 rows run on the Tencent scenario's data, over the other backend of its construct. */
function tencentScenario(scenarios: readonly Scenario[]): Scenario {
  const scenario = scenarios.find((candidate) => candidate.apiId === tencentImageSharesApi.id);
  if (scenario === undefined) throw new Error(`No scenario for ${tencentImageSharesApi.id}: the API 3.0 rows need its data`);
  return scenario;
}

async function main(): Promise<number> {
  const parsed = parseArguments(process.argv.slice(2));
  if (parsed === undefined) {
    console.error(`Usage: npm run bench [-- --load-only | -- --policies-only | -- --api3-only]; got ${JSON.stringify(process.argv.slice(2))}`);
    return 2;
  }
  // Settings from the shell must not change what is measured: everything is passed explicitly.
  for (const name of Object.keys(process.env)) {
    if (LIBRARY_ENV_PREFIXES.some((prefix) => name.startsWith(prefix))) delete process.env[name];
  }
  // One data set for every size: a size-N run uses the first N IDs of each scenario.
  const maxSize = Math.max(...MATRIX_SIZES, ...SCALE_SIZES, LOAD_SIZE, ...POLICY_SIZES, ...API3_SIZES);
  const scenarios = API_IDS.map((apiId) => scenarioOf(apiId, maxSize));
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'image-lookups-bench-'));
  const watchdog = setTimeout(() => {
    console.error(`Benchmark still running after ${TIME_LIMIT_MS / 1000} s: giving up.`);
    fs.rmSync(workDir, { recursive: true, force: true });
    process.exit(1);
  }, TIME_LIMIT_MS);
  watchdog.unref(); // only the watchdog itself must not keep the process alive
  let emulator: RemoteEmulator | undefined;
  try {
    const data = emulatorData(scenarios);
    emulator = await RemoteEmulator.start({ data, latencyMs: LATENCY_MS });
    console.log(formatHeader(scenarios));
    const { only } = parsed;
    let rows: Row[] = [];
    let scaleRows: ScaleRow[] = [];
    let loadRows: LoadRow[] = [];
    let policyRows: PolicyRow[] = [];
    let api3: Api3Rows | undefined;
    if (only === undefined) {
      rows = await measureMatrix(scenarios, emulator, workDir);
      console.log(`${formatMatrix(rows)}\n`);
      scaleRows = await measureScaleRows(scenarios, emulator, workDir);
      console.log(`${formatScale(scaleRows)}\n`);
    }
    if (only === undefined || only === 'load') {
      loadRows = await measureLoadRows(scenarios, emulator, data, workDir);
      console.log(`${formatLoad(loadRows, LOAD_THROTTLE_RATE)}\n`);
    }
    if (only === undefined || only === 'policies') {
      policyRows = await measurePolicyRows(scenarios, emulator, workDir);
      console.log(`${formatPolicies(policyRows)}\n`);
    }
    if (only === undefined || only === 'api3') {
      api3 = await measureApi3Rows(tencentScenario(scenarios), data, workDir);
      console.log(`${formatApi3(api3)}\n`);
    }

    for (const note of [...rows.flatMap(notes), ...(api3 ? api3Notes(api3) : [])]) console.log(`Note: ${note}`);
    const problems = [...rows.flatMap(sanityProblems), ...scaleRows.flatMap(scaleSanityProblems), ...loadRows.flatMap(loadSanityProblems),
      ...policyRows.flatMap(policySanityProblems), ...(api3 ? api3SanityProblems(api3) : [])];
    console.log(problems.length === 0 ? 'Sanity checks passed.' : `Sanity checks FAILED:\n  ${problems.join('\n  ')}`);
    // Times from a busy machine miss targets without any change in the code: say how busy it was.
    console.log(`Load average (1 min) at the end: ${os.loadavg()[0].toFixed(2)}.`);
    const api3Targets = judgeApi3Targets(api3?.rows ?? []);
    if (only === undefined) console.log(`\n${formatTargets([...judgeTargets(rows, scaleRows), ...judgePolicyTargets(policyRows), ...api3Targets])}`);
    if (only === 'policies') console.log(`\n${formatTargets(judgePolicyTargets(policyRows))}`);
    if (only === 'api3') console.log(`\n${formatTargets(api3Targets)}`);
    return problems.length === 0 ? 0 : 1;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
    // Always, errors included: a live worker would keep the process from exiting. Still under the watchdog.
    await emulator?.stop();
    clearTimeout(watchdog);
  }
}

main().then((code) => { process.exitCode = code; }, (error) => { console.error(error); process.exitCode = 1; });

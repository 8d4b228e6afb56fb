// `npm run bench`: measures the lookup engine end to end against the bundled emulator on 127.0.0.1.
// For N = 10, 100 and 1000 image IDs it reports API calls against the batching minimum, cold wall time
// against the latency floor, and warm-cache synth time against the same stacks built from literal data.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { NullProvider } from '@cdktf/provider-null/lib/provider';
import { Resource as NullResource } from '@cdktf/provider-null/lib/resource';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { Emulator, type TencentEmulatorShare } from '../src/emulator';
import { resolveLookups, type LookupMode, type LookupStats } from '../src/engine';
import { stableStringify } from '../src/engine/stable-json';
import { digestOf } from '../src/snapshot';
import { MAX_SHARE_IMAGE_IDS_PER_CALL, TencentImageShares } from '../src/tencent-image-shares';

const SIZES = [10, 100, 1000];
const LATENCY_MS = 20;
const CONCURRENCY = 4;
const REPETITIONS = 5;
const REGION = 'ap-guangzhou';
const STACKS = 2;
const CONSTRUCTS_PER_STACK = 2;
const CREDENTIAL = { secretId: 'AKIDbenchmark000001', secretKey: 'benchmarkSecretKey000001' };

type Shares = ReadonlyMap<string, TencentEmulatorShare[]>;
/** Image IDs per construct, per stack. */
type Plan = readonly (readonly string[])[][];

interface Row {
  readonly size: number;
  readonly requested: number;
  readonly cold: LookupStats;
  readonly coldRequests: number;
  readonly coldMs: number;
  readonly warm: LookupStats;
  readonly warmRequests: number;
  readonly warmMs: number;
  readonly literalMs: number;
  readonly sameOutput: boolean;
}

/** `count` distinct, valid IDs (img- and 8 lowercase letters or digits), the same on every run. */
function generateImageIds(count: number): string[] {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const ids = new Set<string>();
  for (let seed = 0; ids.size < count; seed++) {
    const bytes = createHash('sha256').update(`bench-image-${seed}`).digest();
    ids.add(`img-${[...bytes.subarray(0, 8)].map((byte) => alphabet[byte % alphabet.length]).join('')}`);
  }
  return [...ids];
}

/** Each image shared with 1 to 3 accounts out of a pool of 50, with deterministic share times. */
function generateShares(imageIds: readonly string[]): Shares {
  const two = (n: number) => String(n).padStart(2, '0');
  return new Map(imageIds.map((imageId, i) => [imageId, Array.from({ length: 1 + (i % 3) }, (_, k) => ({
    uin: String(100000000000 + ((i * 7 + k * 13) % 50) * 1234567),
    shareTimeStamp: `2024-${two(1 + (i % 12))}-${two(1 + (i % 28))} ${two(k * 5)}:${two(i % 60)}:${two((i * 7) % 60)}`,
  }))]));
}

/**
Spreads the IDs over STACKS × CONSTRUCTS_PER_STACK constructs. Each construct also repeats the first
tenth of the next construct's slice, so the engine has cross-construct duplicates to drop.
*/
function planConstructs(imageIds: readonly string[]): Plan {
  const count = STACKS * CONSTRUCTS_PER_STACK;
  const slices = Array.from({ length: count }, (_, c) =>
    imageIds.slice(Math.floor((c * imageIds.length) / count), Math.floor(((c + 1) * imageIds.length) / count)));
  const withDuplicates = slices.map((slice, c) => {
    const next = slices[(c + 1) % count];
    return [...slice, ...next.slice(0, Math.max(1, Math.floor(next.length / 10)))];
  });
  return Array.from({ length: STACKS }, (_, s) => withDuplicates.slice(s * CONSTRUCTS_PER_STACK, (s + 1) * CONSTRUCTS_PER_STACK));
}

function buildWithLookups(app: App, plan: Plan, endpoint: string): void {
  plan.forEach((constructs, s) => {
    const stack = new TerraformStack(app, `bench-${s}`);
    constructs.forEach((imageIds, c) => new TencentImageShares(stack, `shares-${c}`, { region: REGION, endpoint, ...CREDENTIAL, imageIds }));
  });
}

/** The peer: the same construct tree and Terraform JSON as TencentImageShares, from in-memory data, no engine. */
function buildLiteral(app: App, plan: Plan, shares: Shares): void {
  plan.forEach((constructs, s) => {
    const stack = new TerraformStack(app, `bench-${s}`);
    constructs.forEach((imageIds, c) => {
      const unique = [...new Set(imageIds)];
      const snapshot = new Construct(new Construct(stack, `shares-${c}`), 'snapshot');
      if (c === 0) new NullProvider(stack, 'image-lookups-null-provider');
      // Mirrors TencentImageShares.digest (the "same JSON" column shows when the two drift apart).
      const digest = digestOf(unique
        .map((imageId) => ({ imageId, found: true, shares: shares.get(imageId)!.map((share) => `${share.uin}@${share.shareTimeStamp}`).sort() }))
        .sort((a, b) => (a.imageId < b.imageId ? -1 : 1)));
      new NullResource(snapshot, 'resource', { triggers: { digest } });
      new TerraformOutput(snapshot, 'digest', { value: digest, description: `Digest of the share lists of ${unique.length} image(s) in ${REGION}` });
    });
  });
}

async function synthWithEngine(plan: Plan, endpoint: string, cacheFile: string, outdir: string, mode: LookupMode) {
  const start = performance.now();
  const { app, stats } = await resolveLookups((root) => buildWithLookups(root, plan, endpoint), {
    cacheFile, mode, concurrency: CONCURRENCY, createApp: () => new App({ outdir }),
  });
  app.synth();
  return { ms: performance.now() - start, stats };
}

function synthLiteral(plan: Plan, shares: Shares, outdir: string): number {
  const start = performance.now();
  const app = new App({ outdir });
  buildLiteral(app, plan, shares);
  app.synth();
  return performance.now() - start;
}

/** Whether two outdirs hold the same Terraform JSON for every stack (key order ignored). */
function sameStacks(dirA: string, dirB: string): boolean {
  const read = (dir: string) => {
    const stacksDir = path.join(dir, 'stacks');
    return stableStringify(fs.readdirSync(stacksDir).sort().map((stack) =>
      [stack, JSON.parse(fs.readFileSync(path.join(stacksDir, stack, 'cdk.tf.json'), 'utf8'))]));
  };
  return read(dirA) === read(dirB);
}

/** One cold run on an empty cache, then warm and literal runs interleaved (so drift hits both alike). */
async function measure(imageIds: readonly string[], shares: Shares, emulator: Emulator, workDir: string): Promise<Row> {
  const plan = planConstructs(imageIds);
  const dir = fs.mkdtempSync(path.join(workDir, `n${imageIds.length}-`));
  const cacheFile = path.join(dir, 'image-lookups.context.json');

  emulator.resetStats();
  const cold = await synthWithEngine(plan, emulator.origin, cacheFile, path.join(dir, 'cold'), 'auto');
  const coldRequests = emulator.stats.requests;

  emulator.resetStats();
  const warmTimes: number[] = [];
  const literalTimes: number[] = [];
  let warm = cold;
  for (let rep = 0; rep < REPETITIONS; rep++) {
    warm = await synthWithEngine(plan, emulator.origin, cacheFile, path.join(dir, 'warm'), 'auto');
    warmTimes.push(warm.ms);
    literalTimes.push(synthLiteral(plan, shares, path.join(dir, 'literal')));
  }
  return {
    size: imageIds.length,
    requested: plan.flat().reduce((sum, ids) => sum + ids.length, 0),
    cold: cold.stats, coldRequests, coldMs: cold.ms,
    warm: warm.stats, warmRequests: emulator.stats.requests, warmMs: median(warmTimes),
    literalMs: median(literalTimes),
    sameOutput: sameStacks(path.join(dir, 'warm'), path.join(dir, 'literal')),
  };
}

/** Problems that mean a counting or caching bug, not a slow machine. */
function sanityProblems(row: Row): string[] {
  const minimum = Math.ceil(row.size / MAX_SHARE_IMAGE_IDS_PER_CALL);
  const problems: string[] = [];
  const at = `N=${row.size}`;
  if (row.coldRequests !== row.cold.apiCalls) problems.push(`${at}: the emulator saw ${row.coldRequests} requests but the engine counted ${row.cold.apiCalls}`);
  if (row.cold.apiCalls < minimum) problems.push(`${at}: ${row.cold.apiCalls} API calls is below the minimum ${minimum}: a counting bug`);
  if (row.cold.lookups !== row.size + 1) problems.push(`${at}: ${row.cold.lookups} lookups, expected ${row.size} images + 1 account`);
  if (row.warmRequests !== 0 || row.warm.apiCalls !== 0) problems.push(`${at}: the warm runs made ${row.warmRequests} requests (engine: ${row.warm.apiCalls}), expected 0`);
  if (row.warm.cacheHits !== row.warm.lookups) problems.push(`${at}: warm run had ${row.warm.lookups - row.warm.cacheHits} cache misses`);
  return problems;
}

/** Worth knowing, but not a bug in what is measured. */
function notes(row: Row): string[] {
  const extra = row.cold.apiCalls - Math.ceil(row.size / MAX_SHARE_IMAGE_IDS_PER_CALL);
  return [
    ...(extra > 0 ? [`N=${row.size}: ${extra} call(s) above the minimum (retries or split batches)`] : []),
    ...(row.cold.apiCalls < CONCURRENCY ? [`N=${row.size}: fewer calls than the concurrency, so the floor is below one ${LATENCY_MS} ms round trip`] : []),
    ...(row.sameOutput ? [] : [`N=${row.size}: the literal peer no longer synthesizes the same JSON; update buildLiteral to match TencentImageShares`]),
  ];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function formatTable(rows: readonly Row[]): string {
  const ms = (value: number) => value.toFixed(1);
  const ratio = (value: number) => `${value.toFixed(2)}×`;
  const header = ['N', 'requested', 'lookups', 'calls emu/eng', 'min', 'ratio', 'rounds', 'cold ms', 'floor ms', 'ratio',
    'warm ms', 'literal ms', 'ratio', 'warm reqs', 'same JSON'];
  const body = rows.map((row) => {
    const minimum = Math.ceil(row.size / MAX_SHARE_IMAGE_IDS_PER_CALL);
    const floor = (row.cold.apiCalls * LATENCY_MS) / CONCURRENCY;
    return [String(row.size), String(row.requested), String(row.cold.lookups), `${row.coldRequests}/${row.cold.apiCalls}`,
      String(minimum), ratio(row.cold.apiCalls / minimum), `${row.cold.rounds}/${row.warm.rounds}`, ms(row.coldMs), ms(floor),
      ratio(row.coldMs / floor), ms(row.warmMs), ms(row.literalMs), ratio(row.warmMs / row.literalMs), String(row.warmRequests),
      row.sameOutput ? 'yes' : 'NO'];
  });
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((cells) => cells[i].length)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => cell.padStart(widths[i])).join('  ');
  return [line(header), widths.map((width) => '─'.repeat(width)).join('  '), ...body.map(line)].join('\n');
}

function printHeader(): void {
  console.log(`cdktf-image-lookups benchmark: node ${process.version}, ${os.cpus().length} CPUs, ` +
    `emulator latency ${LATENCY_MS} ms, engine concurrency ${CONCURRENCY}, ${REPETITIONS} warm/literal repetitions (median)`);
  console.log(`Each N: distinct image IDs in ${REGION} over ${STACKS} stacks × ${CONSTRUCTS_PER_STACK} TencentImageShares, ` +
    'each construct repeating a tenth of the next one\'s IDs.');
  console.log(`  requested      image IDs given to constructs, duplicates included
  lookups        distinct lookups (N images + 1 account quota key)
  calls emu/eng  HTTP requests the emulator saw / API calls the engine counted (cold run)
  min, ratio     minimum calls ceil(N/${MAX_SHARE_IMAGE_IDS_PER_CALL}) (the quota rides along) and calls ÷ minimum
  rounds         app builds, cold/warm
  cold ms        resolveLookups + app.synth() on an empty cache
  floor ms       calls × ${LATENCY_MS} ms ÷ concurrency ${CONCURRENCY}; ratio = cold ÷ floor
  warm ms        the same on the filled cache (mode auto), median
  literal ms     the same stacks built from in-memory share data, no engine, median; ratio = warm ÷ literal
  warm reqs      requests the emulator saw during the warm runs (must be 0)
  same JSON      whether the literal stacks synthesize to the same Terraform JSON
`);
}

async function main(): Promise<number> {
  // Settings from the shell must not change what is measured: everything is passed explicitly.
  for (const name of Object.keys(process.env)) {
    if (name.startsWith('IMAGE_LOOKUPS_') || name.startsWith('TENCENTCLOUD_')) delete process.env[name];
  }
  const allIds = generateImageIds(Math.max(...SIZES));
  const shares = generateShares(allIds);
  const emulator = await Emulator.start({
    data: { credentials: { tencent: [CREDENTIAL] }, tencent: { regions: { [REGION]: Object.fromEntries(shares) } } },
    latencyMs: LATENCY_MS,
  });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'image-lookups-bench-'));
  try {
    printHeader();
    // Discarded: loads modules and warms the JIT, so the first measured cold run is not penalized.
    await measure(allIds.slice(0, 10), shares, emulator, workDir);
    const rows: Row[] = [];
    for (const size of SIZES) rows.push(await measure(allIds.slice(0, size), shares, emulator, workDir));
    console.log(`${formatTable(rows)}\n`);

    for (const note of rows.flatMap(notes)) console.log(`Note: ${note}`);
    const problems = rows.flatMap(sanityProblems);
    console.log(problems.length === 0 ? 'Sanity checks passed.' : `Sanity checks FAILED:\n  ${problems.join('\n  ')}`);
    return problems.length === 0 ? 0 : 1;
  } finally {
    await emulator.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().then((code) => { process.exitCode = code; }, (error) => { console.error(error); process.exitCode = 1; });

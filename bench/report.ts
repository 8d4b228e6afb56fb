// The benchmark's printed report: header and legend, the matrix and scale tables, notes and sanity checks.
import * as os from 'node:os';
import type { Row } from './measure';
import { SCALE_SNAPSHOT, SCALE_STYLE, SCALE_TIMED_RUNS, type ScaleRow } from './memory';
import { CONCURRENCY, LATENCY_MS, REPETITIONS, SNAPSHOT_TYPES, type Scenario } from './scenario';
import { STYLE_DESCRIPTIONS, WRITING_STYLES } from './writing-styles';

export const minimumCalls = (scenario: Scenario, size: number) => Math.ceil(size / scenario.batchSize);
/** The latency floor of the cold run's calls alone. */
export const networkFloorMs = (row: Row) => (row.cold.apiCalls * LATENCY_MS) / CONCURRENCY;
/** What a cold run cannot beat: its calls' latency, plus building and synthesizing the stacks once. */
export const floorMs = (row: Row) => networkFloorMs(row) + row.literalMs;
const label = (row: Row) => `${row.workload.scenario.api} ${row.workload.style} ${row.workload.snapshot} N=${row.workload.size}`;

const ms = (value: number) => value.toFixed(1);
const ratio = (value: number) => `${value.toFixed(2)}×`;
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

/** Columns padded to their widest cell (the first `leftColumns` left-aligned), with a rule before each row where `breakBefore` says. */
export function table(header: readonly string[], body: readonly string[][], leftColumns: number, breakBefore: (i: number) => boolean): string {
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((cells) => cells[i].length)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => (i < leftColumns ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  const rule = widths.map((width) => '─'.repeat(width)).join('  ');
  return [line(header), rule, ...body.flatMap((cells, i) => (i > 0 && breakBefore(i) ? [rule, line(cells)] : [line(cells)]))].join('\n');
}

export function formatHeader(scenarios: readonly Scenario[]): string {
  const apiWidth = Math.max(...scenarios.map((scenario) => scenario.api.length));
  const styleWidth = Math.max(...WRITING_STYLES.map((style) => style.length));
  return [
    `cdktf-image-lookups benchmark: node ${process.version}, ${os.cpus().length} CPUs, ` +
      `emulator latency ${LATENCY_MS} ms, engine concurrency ${CONCURRENCY}, ${REPETITIONS} warm/literal repetitions (median)`,
    // The emulator has its own thread, but other processes still compete for the CPUs: a high load skews every time.
    `Load average (1 min) at start: ${os.loadavg()[0].toFixed(2)}; the emulator runs in a worker thread (its own event loop).`,
    'Each N: N distinct image IDs in one app, each stack repeating the first tenth of the next stack\'s IDs (duplicates for the engine to drop):',
    ...scenarios.map((scenario) => `  ${scenario.api.padEnd(apiWidth)}  ${scenario.description}`),
    'Writing styles (the literal peers are written the same way):',
    ...WRITING_STYLES.map((style) => `  ${style.padEnd(styleWidth)}  ${STYLE_DESCRIPTIONS[style]}`),
    `Snapshot types (construct prop snapshot): ${SNAPSHOT_TYPES.join(', ')}; the literal terraform_data has no Terraform version check.`,
    `  lookups        distinct lookups the engine resolved
  calls emu/eng  HTTP requests the emulator saw / API calls the engine counted (cold run)
  min, ratio     minimum calls ceil(N ÷ IDs per call) and calls ÷ minimum
  builds         app builds, cold/warm
  disc.only      lookups fetched for a provisional build only, not requested by the final one (cold run)
  cold ms        resolveLookups + app.synth() on an empty cache
  floor ms       calls × ${LATENCY_MS} ms ÷ concurrency ${CONCURRENCY}, plus literal ms (one build and synth); ratio = cold ÷ floor
  warm ms        the same on the filled cache (mode auto), median
  literal ms     the same stacks built from in-memory data, no engine, median; ratio = warm ÷ literal
  warm reqs      requests the emulator saw during the warm runs (must be 0)
  same JSON      whether the literal stacks synthesize to the same Terraform JSON
`,
  ].join('\n');
}

export function formatMatrix(rows: readonly Row[]): string {
  const header = ['API', 'style', 'snapshot', 'N', 'lookups', 'calls emu/eng', 'min', 'ratio', 'builds', 'disc.only',
    'cold ms', 'floor ms', 'ratio', 'warm ms', 'literal ms', 'ratio', 'warm reqs', 'same JSON'];
  const body = rows.map((row) => {
    const { scenario, style, snapshot, size } = row.workload;
    const minimum = minimumCalls(scenario, size);
    return [scenario.api, style, snapshot, String(size), String(row.cold.lookups), `${row.coldRequests}/${row.cold.apiCalls}`,
      String(minimum), ratio(row.cold.apiCalls / minimum), `${row.cold.rounds}/${row.warm.rounds}`, String(row.cold.discoveryOnly),
      ms(row.coldMs), ms(floorMs(row)), ratio(row.coldMs / floorMs(row)), ms(row.warmMs), ms(row.literalMs),
      ratio(row.warmMs / row.literalMs), String(row.warmRequests), row.sameOutput ? 'yes' : 'NO'];
  });
  // A rule between APIs and sizes, so each block reads on its own.
  return table(header, body, 3, (i) => rows[i].workload.scenario !== rows[i - 1].workload.scenario || rows[i].workload.size !== rows[i - 1].workload.size);
}

/** Warm time at the largest scale size ÷ at the smallest, per API, engine and literal. */
export function scaleRatios(rows: readonly ScaleRow[]): { scenario: Scenario; from: number; to: number; warm: number; literal: number }[] {
  const scenarios = [...new Set(rows.map((row) => row.scenario))];
  return scenarios.map((scenario) => {
    const own = rows.filter((row) => row.scenario === scenario).sort((a, b) => a.size - b.size);
    const [small, large] = [own[0], own[own.length - 1]];
    return { scenario, from: small.size, to: large.size, warm: large.warmMs / small.warmMs, literal: large.literalMs / small.literalMs };
  });
}

export function formatScale(rows: readonly ScaleRow[]): string {
  const header = ['API', 'N', 'lookups', 'calls emu/eng', 'builds', 'start MB', 'peak engine MB', 'peak literal MB', 'ratio',
    'above start engine/literal MB', 'warm ms', 'literal ms', 'ratio', 'same JSON'];
  const body = rows.map((row) => {
    const cold = row.engine.cold!;
    const { engine, literal } = row;
    return [row.scenario.api, String(row.size), String(cold.lookups), `${row.engineRequests}/${cold.apiCalls + engine.warmApiCalls!}`,
      `${cold.rounds}/1`, mb(engine.startRssBytes), mb(engine.peakRssBytes), mb(literal.peakRssBytes), ratio(engine.peakRssBytes / literal.peakRssBytes),
      `${mb(engine.peakRssBytes - engine.startRssBytes)}/${mb(literal.peakRssBytes - literal.startRssBytes)}`,
      ms(row.warmMs), ms(row.literalMs), ratio(row.warmMs / row.literalMs), row.sameOutput ? 'yes' : 'NO'];
  });
  return [
    `Memory and scale: style ${SCALE_STYLE}, snapshot ${SCALE_SNAPSHOT}, in child processes (the emulator stays in this process's worker thread).`,
    '  start MB         peak RSS of the engine child before its first synth: node, ts-node, the modules and the scenario\'s data',
    '  peak engine MB   peak RSS (maxRSS) of a child that ran a cold then a warm engine synth; literal: of a child that ran the literal synth twice',
    '  ratio            peak engine ÷ peak literal; "above start" is what the synths themselves added',
    `  warm/literal ms  median of ${SCALE_TIMED_RUNS} more synths in the same child, each on a collected heap`,
    '',
    table(header, body, 1, (i) => rows[i].scenario !== rows[i - 1].scenario),
    '',
    ...scaleRatios(rows).map(({ scenario, from, to, warm, literal }) =>
      `Warm t(${to}) ÷ t(${from}), ${scenario.api}: ${ratio(warm)} (literal: ${ratio(literal)}; linear would be ${ratio(to / from)})`),
  ].join('\n');
}

/** Problems that mean a counting or caching bug, not a slow machine. */
export function sanityProblems(row: Row): string[] {
  const { scenario, size } = row.workload;
  const minimum = minimumCalls(scenario, size);
  const expectedLookups = scenario.expectedLookups(size);
  const problems: string[] = [];
  const at = label(row);
  if (row.coldRequests !== row.cold.apiCalls) problems.push(`${at}: the emulator saw ${row.coldRequests} requests but the engine counted ${row.cold.apiCalls}`);
  if (row.cold.apiCalls < minimum) problems.push(`${at}: ${row.cold.apiCalls} API calls is below the minimum ${minimum}: a counting bug`);
  if (row.cold.lookups !== expectedLookups) problems.push(`${at}: ${row.cold.lookups} lookups, expected ${expectedLookups}`);
  if (row.warmRequests !== 0 || row.warmApiCalls !== 0) problems.push(`${at}: the warm runs made ${row.warmRequests} requests (engine: ${row.warmApiCalls}), expected 0`);
  if (row.warm.cacheHits !== row.warm.lookups) problems.push(`${at}: warm run had ${row.warm.lookups - row.warm.cacheHits} cache misses`);
  if (row.warm.rounds !== 1) problems.push(`${at}: a warm run took ${row.warm.rounds} builds, expected 1`);
  if (!row.sameOutput) problems.push(`${at}: the literal stacks synthesize different JSON`);
  if (row.warmTally !== row.literalTally) problems.push(`${at}: the reads saw other values than the literal data (tally ${row.warmTally}, literal ${row.literalTally})`);
  return problems;
}

export function scaleSanityProblems(row: ScaleRow): string[] {
  const cold = row.engine.cold!;
  const at = `${row.scenario.api} scale N=${row.size}`;
  const problems: string[] = [];
  const engineCalls = cold.apiCalls + row.engine.warmApiCalls!;
  if (row.engineRequests !== engineCalls) problems.push(`${at}: the emulator saw ${row.engineRequests} requests but the engine counted ${engineCalls}`);
  if (cold.apiCalls < minimumCalls(row.scenario, row.size)) problems.push(`${at}: ${cold.apiCalls} API calls is below the minimum: a counting bug`);
  if (cold.lookups !== row.scenario.expectedLookups(row.size)) problems.push(`${at}: ${cold.lookups} lookups, expected ${row.scenario.expectedLookups(row.size)}`);
  if (row.engine.warmApiCalls !== 0) problems.push(`${at}: the warm runs made ${row.engine.warmApiCalls} API calls, expected 0`);
  if (!row.sameOutput) problems.push(`${at}: the literal stacks synthesize different JSON`);
  if (row.engine.tally !== row.literal.tally) problems.push(`${at}: the reads saw other values than the literal data (tally ${row.engine.tally}, literal ${row.literal.tally})`);
  return problems;
}

/** Worth knowing, but not a bug in what is measured. */
export function notes(row: Row): string[] {
  const { scenario } = row.workload;
  const at = label(row);
  const extra = row.cold.apiCalls - minimumCalls(scenario, row.workload.size);
  const otherActions = Object.entries(row.coldByAction).filter(([action]) => !scenario.actions.includes(action));
  return [
    ...(extra > 0 ? [`${at}: ${extra} call(s) above the minimum (retries, split batches or another build's fetch)`] : []),
    ...(otherActions.length > 0 ? [`${at}: unexpected actions in the cold run: ${otherActions.map(([action, count]) => `${action} ×${count}`).join(', ')}`] : []),
    ...(row.cold.apiCalls < CONCURRENCY ? [`${at}: fewer calls than the concurrency, so the network floor is below one ${LATENCY_MS} ms round trip`] : []),
    ...(row.sameOutput ? [] : [`${at}: the literal peer no longer synthesizes the same JSON; update ${scenario.literalPeer} to match ${scenario.construct}`]),
  ];
}

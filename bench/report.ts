// The benchmark's printed report: header and legend, the table, notes and sanity checks.
import * as os from 'node:os';
import type { Row } from './measure';
import { CONCURRENCY, LATENCY_MS, REPETITIONS, type Scenario } from './scenario';

const minimumCalls = (row: Row) => Math.ceil(row.size / row.scenario.batchSize);
const floorMs = (row: Row) => (row.cold.apiCalls * LATENCY_MS) / CONCURRENCY;

export function formatHeader(scenarios: readonly Scenario[]): string {
  const apiWidth = Math.max(...scenarios.map((scenario) => scenario.api.length));
  return [
    `cdktf-image-lookups benchmark: node ${process.version}, ${os.cpus().length} CPUs, ` +
      `emulator latency ${LATENCY_MS} ms, engine concurrency ${CONCURRENCY}, ${REPETITIONS} warm/literal repetitions (median)`,
    // The emulator has its own thread, but other processes still compete for the CPUs: a high load skews every time.
    `Load average (1 min) at start: ${os.loadavg()[0].toFixed(2)}; the emulator runs in a worker thread (its own event loop).`,
    'Each N: N distinct image IDs, in one app per run:',
    ...scenarios.map((scenario) => `  ${scenario.api.padEnd(apiWidth)}  ${scenario.description}`),
    `  requested      image IDs given to constructs, duplicates included
  lookups        distinct lookups the engine resolved
  calls emu/eng  HTTP requests the emulator saw / API calls the engine counted (cold run)
  min, ratio     minimum calls ceil(N ÷ IDs per call) and calls ÷ minimum
  rounds         app builds, cold/warm
  cold ms        resolveLookups + app.synth() on an empty cache
  floor ms       calls × ${LATENCY_MS} ms ÷ concurrency ${CONCURRENCY}; ratio = cold ÷ floor
  warm ms        the same on the filled cache (mode auto), median
  literal ms     the same stacks built from in-memory data, no engine, median; ratio = warm ÷ literal
  warm reqs      requests the emulator saw during the warm runs (must be 0)
  same JSON      whether the literal stacks synthesize to the same Terraform JSON
`,
  ].join('\n');
}

export function formatTable(rows: readonly Row[]): string {
  const ms = (value: number) => value.toFixed(1);
  const ratio = (value: number) => `${value.toFixed(2)}×`;
  const header = ['API', 'N', 'requested', 'lookups', 'calls emu/eng', 'min', 'ratio', 'rounds', 'cold ms', 'floor ms', 'ratio',
    'warm ms', 'literal ms', 'ratio', 'warm reqs', 'same JSON'];
  const body = rows.map((row) => {
    const minimum = minimumCalls(row);
    const floor = floorMs(row);
    return [row.scenario.api, String(row.size), String(row.requested), String(row.cold.lookups), `${row.coldRequests}/${row.cold.apiCalls}`,
      String(minimum), ratio(row.cold.apiCalls / minimum), `${row.cold.rounds}/${row.warm.rounds}`, ms(row.coldMs), ms(floor),
      ratio(row.coldMs / floor), ms(row.warmMs), ms(row.literalMs), ratio(row.warmMs / row.literalMs), String(row.warmRequests),
      row.sameOutput ? 'yes' : 'NO'];
  });
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((cells) => cells[i].length)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  const rule = widths.map((width) => '─'.repeat(width)).join('  ');
  // A rule between APIs, so each API's rows read as their own block.
  const lines = body.flatMap((cells, i) => (i > 0 && rows[i].scenario !== rows[i - 1].scenario ? [rule, line(cells)] : [line(cells)]));
  return [line(header), rule, ...lines].join('\n');
}

/** Problems that mean a counting or caching bug, not a slow machine. */
export function sanityProblems(row: Row): string[] {
  const minimum = minimumCalls(row);
  const expectedLookups = row.scenario.expectedLookups(row.size);
  const problems: string[] = [];
  const at = `${row.scenario.api} N=${row.size}`;
  if (row.coldRequests !== row.cold.apiCalls) problems.push(`${at}: the emulator saw ${row.coldRequests} requests but the engine counted ${row.cold.apiCalls}`);
  if (row.cold.apiCalls < minimum) problems.push(`${at}: ${row.cold.apiCalls} API calls is below the minimum ${minimum}: a counting bug`);
  if (row.cold.lookups !== expectedLookups) problems.push(`${at}: ${row.cold.lookups} lookups, expected ${expectedLookups}`);
  if (row.warmRequests !== 0 || row.warmApiCalls !== 0) problems.push(`${at}: the warm runs made ${row.warmRequests} requests (engine: ${row.warmApiCalls}), expected 0`);
  if (row.warm.cacheHits !== row.warm.lookups) problems.push(`${at}: warm run had ${row.warm.lookups - row.warm.cacheHits} cache misses`);
  return problems;
}

/** Worth knowing, but not a bug in what is measured. */
export function notes(row: Row): string[] {
  const at = `${row.scenario.api} N=${row.size}`;
  const extra = row.cold.apiCalls - minimumCalls(row);
  const otherActions = Object.entries(row.coldByAction).filter(([action]) => !row.scenario.actions.includes(action));
  return [
    ...(extra > 0 ? [`${at}: ${extra} call(s) above the minimum (retries or split batches)`] : []),
    ...(otherActions.length > 0 ? [`${at}: unexpected actions in the cold run: ${otherActions.map(([action, count]) => `${action} ×${count}`).join(', ')}`] : []),
    ...(row.cold.apiCalls < CONCURRENCY ? [`${at}: fewer calls than the concurrency, so the floor is below one ${LATENCY_MS} ms round trip`] : []),
    ...(row.sameOutput ? [] : [`${at}: the literal peer no longer synthesizes the same JSON; update ${row.scenario.literalPeer} to match ${row.scenario.construct}`]),
  ];
}

// The load rows' printed table and their sanity checks (bench/load.ts).
import type { LoadRow } from './load';
import { minimumCalls } from './report';
import { CONCURRENCY, LATENCY_MS } from './scenario';
import { SCALE_SNAPSHOT, SCALE_STYLE } from './memory';

const ms = (value: number) => value.toFixed(0);
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const ratio = (value: number) => `${value.toFixed(2)}×`;

/** What the refresh's calls cannot beat: the minimum calls' latency alone, at the engine's concurrency. */
const networkFloorMs = (row: LoadRow) => (minimumCalls(row.scenario, row.size) * LATENCY_MS) / CONCURRENCY;
/** Calls above the batching minimum: with throttling the only fault, each one is a retry. */
const retries = (row: LoadRow) => (row.refresh.stats?.apiCalls ?? row.requests) - minimumCalls(row.scenario, row.size);

function pad(header: readonly string[], body: readonly string[][]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((cells) => cells[i].length)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((width) => '─'.repeat(width)).join('  '), ...body.map(line)].join('\n');
}

export function formatLoad(rows: readonly LoadRow[], throttleRate: number): string {
  const header = ['API', 'N', 'lookups', 'calls emu/eng', 'min', 'ratio', 'retries', 'throttled', 'builds',
    'refresh ms', 'floor ms', 'ratio', 'start MB', 'peak MB', 'data complete'];
  const body = rows.map((row) => {
    const { stats } = row.refresh;
    const minimum = minimumCalls(row.scenario, row.size);
    const calls = stats?.apiCalls;
    return [row.scenario.api, String(row.size), stats ? String(stats.lookups) : 'failed', `${row.requests}/${calls ?? '?'}`,
      String(minimum), calls === undefined ? '?' : ratio(calls / minimum), String(retries(row)), String(row.throttled),
      stats ? String(stats.rounds) : '?', ms(row.refresh.ms), ms(networkFloorMs(row)), ratio(row.refresh.ms / networkFloorMs(row)),
      mb(row.refresh.startRssBytes), mb(row.refresh.peakRssBytes),
      `${row.completeness.complete}/${row.completeness.expected}${row.completeness.complete === row.completeness.expected ? ' yes' : ' NO'}`];
  });
  return [
    `Load: a refresh of N lookups (mode refresh, on a cache filled by a cold run from the unthrottled emulator) against a second emulator ` +
      `that answers ${(throttleRate * 100).toFixed(0)}% of requests with the API's throttling error, ${LATENCY_MS} ms latency; ` +
      `style ${SCALE_STYLE}, snapshot ${SCALE_SNAPSHOT}, default retry policy (3 retries, 200 ms base backoff, full jitter), in a child process.`,
    '  calls emu/eng  HTTP requests the throttled emulator saw / API calls the engine counted, during the refresh',
    '  retries        calls − minimum; throttled: the answers the emulator throttled (each should cost one retry)',
    `  refresh ms     resolveLookups + app.synth() in mode refresh; floor: minimum calls × ${LATENCY_MS} ms ÷ concurrency ${CONCURRENCY}`,
    '  start/peak MB  maxRSS of the refresh child before and after the refresh',
    '  data complete  keys the cache holds as found, fetched by this refresh from the throttled emulator, with the value its data says / keys expected',
    '',
    pad(header, body),
  ].join('\n');
}

/** A refresh that lost data, or counts that disagree: never a slow machine. */
export function loadSanityProblems(row: LoadRow): string[] {
  const at = `${row.scenario.api} load N=${row.size}`;
  const { stats, error } = row.refresh;
  const expected = row.scenario.expectedLookups(row.size);
  const problems: string[] = [];
  if (error !== undefined) problems.push(`${at}: the refresh failed: ${error}`);
  const { complete, expected: keys, problems: byProblem } = row.completeness;
  if (complete !== keys) {
    const detail = [...byProblem].map(([problem, { count, examples }]) => `${count} ${problem} (e.g. ${examples.join(', ')})`).join('; ');
    problems.push(`${at}: ${keys - complete} of ${keys} keys lack the emulator's data after the refresh: ${detail}`);
  }
  if (stats !== undefined) {
    if (stats.lookups !== expected) problems.push(`${at}: ${stats.lookups} lookups, expected ${expected}`);
    if (stats.fetched !== expected) problems.push(`${at}: the refresh fetched ${stats.fetched} lookups, expected all ${expected}`);
    if (row.requests !== stats.apiCalls) problems.push(`${at}: the emulator saw ${row.requests} requests but the engine counted ${stats.apiCalls}`);
    if (stats.apiCalls < minimumCalls(row.scenario, row.size)) problems.push(`${at}: ${stats.apiCalls} API calls is below the minimum: a counting bug`);
    // The engine's own counts (the summary line's retries and throttled answers) must agree with the emulator's.
    if (error === undefined && stats.retries !== retries(row)) problems.push(`${at}: the engine counted ${stats.retries} retries, but made ${retries(row)} calls above the minimum`);
    if (stats.throttled !== row.throttled) problems.push(`${at}: the engine counted ${stats.throttled} throttled answers, but the emulator throttled ${row.throttled}`);
    if (error === undefined && retries(row) !== row.throttled) {
      problems.push(`${at}: ${retries(row)} calls above the minimum but ${row.throttled} throttled answers: each should cost exactly one retry, and nothing else`);
    }
  }
  if (row.throttled === 0) problems.push(`${at}: no answer was throttled: the throttle rate did not reach the emulator`);
  return problems;
}

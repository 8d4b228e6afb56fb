// The API 3.0 rows' printed table and their sanity checks (bench/api3.ts).
import { API3_RATE, api3FloorMs, PROBE, type Api3Row, type Api3Rows } from './api3';
import { SCALE_SNAPSHOT, SCALE_STYLE } from './memory';
import { table } from './report';
import { CONCURRENCY, LATENCY_MS } from './scenario';

const ms = (value: number) => value.toFixed(0);
const ratio = (value: number) => `${value.toFixed(2)}×`;

/** The fetch's wall time against its floor. */
export const api3Ratio = (row: Api3Row) => row.report.fetchMs / api3FloorMs(row);

export function formatApi3({ rows, probe }: Api3Rows): string {
  const header = ['API', 'N', 'lookups', 'calls emu/eng', 'ratio', 'throttled emu/eng', 'builds', 'fetch ms', 'floor ms', 'ratio',
    'max stall ms app/emu', 'cold ms', 'data complete', 'same JSON'];
  const body = rows.map((row) => {
    const { stats, sameOutput } = row.report;
    const calls = stats?.apiCalls;
    const { complete, expected } = row.completeness;
    return ['tencent API 3.0', String(row.size), stats ? String(stats.lookups) : 'failed', `${row.requests}/${calls ?? '?'}`,
      calls === undefined ? '?' : ratio(calls / row.size), `${row.throttled}/${stats?.throttled ?? '?'}`, stats ? String(stats.rounds) : '?',
      ms(row.report.fetchMs), ms(api3FloorMs(row)), ratio(api3Ratio(row)), `${ms(row.report.maxEventLoopDelayMs)}/${ms(row.emulatorStallMs)}`, ms(row.report.coldMs),
      `${complete}/${expected}${complete === expected ? ' yes' : ' NO'}`, sameOutput === undefined ? '?' : sameOutput ? 'yes' : 'NO'];
  });
  return [
    `API 3.0: the tencent scenario's stacks with api: 'DescribeImageSharePermission' (one image per call), a cold synth (mode auto, empty cache) ` +
      `in a child process, style ${SCALE_STYLE}, snapshot ${SCALE_SNAPSHOT}, against an emulator of their own (${LATENCY_MS} ms latency) that ` +
      `answers RequestLimitExceeded above ${API3_RATE} requests in any sliding second per SecretId; client rate: its default.`,
    '  calls emu/eng      HTTP requests the emulator saw / API calls the engine counted; ratio = calls ÷ N (one image per call: 1.00×)',
    '  throttled emu/eng  RequestLimitExceeded answers in the emulator\'s request log / throttled answers the engine counted (both must be 0)',
    '  fetch ms           the engine\'s fetch alone: from the end of the build that left lookups pending to the start of the next',
    `  floor ms           max(N ÷ ${API3_RATE}/s, calls × ${LATENCY_MS} ms ÷ concurrency ${CONCURRENCY}); ratio = fetch ÷ floor`,
    '  max stall ms       the longest event-loop delay during the fetch, of the app (the child) / of the emulator (its worker). The pacer',
    '                     counts each gap from the previous send, so an app stall delays the calls after it rather than bunching them; an',
    '                     emulator stall over the pacer\'s slack (2 ms a gap, 20 ms a second) counts a request late, close to later ones',
    '                     (a busy machine makes them; see the load average)',
    '  cold ms            resolveLookups + app.synth() (builds included)',
    '  data complete      image keys the cache holds as found, fetched by this run, with the share list the data says / keys expected',
    '  same JSON          whether the stacks synthesize to the same Terraform JSON as the literal peers, which mirror GetImageShareUinInfo\'s digests',
    '',
    table(header, body, 1, () => false),
    '',
    `Probe: a cold synth of ${PROBE.size} images at a client rate of ${PROBE.requestsPerSecond}/s against the same emulator: ` +
      `${probe.throttled} of ${probe.requests} requests throttled${probe.error === undefined ? '' : ` (its synth failed, as it may: ${probe.error.split('\n')[0]})`}.`,
  ].join('\n');
}

/** A row that lost data, or counts that disagree, or a limit that is not on: never a slow machine. */
export function api3SanityProblems({ rows, probe }: Api3Rows): string[] {
  const problems: string[] = [];
  for (const row of rows) {
    const at = `tencent API 3.0 N=${row.size}`;
    const { stats, error } = row.report;
    if (error !== undefined) problems.push(`${at}: the synth failed: ${error}`);
    const { complete, expected, problems: byProblem } = row.completeness;
    if (complete !== expected) {
      const detail = [...byProblem].map(([problem, { count, examples }]) => `${count} ${problem} (e.g. ${examples.join(', ')})`).join('; ');
      problems.push(`${at}: ${expected - complete} of ${expected} keys lack the emulator's data after the run: ${detail}`);
    }
    if (stats === undefined) continue;
    if (stats.lookups !== row.size) problems.push(`${at}: ${stats.lookups} lookups, expected ${row.size}`);
    if (stats.fetched !== row.size) problems.push(`${at}: fetched ${stats.fetched} lookups, expected ${row.size}`);
    if (row.requests !== stats.apiCalls) problems.push(`${at}: the emulator saw ${row.requests} requests but the engine counted ${stats.apiCalls}`);
    if (stats.apiCalls < row.size) problems.push(`${at}: ${stats.apiCalls} API calls for ${row.size} images, one image per call: a counting bug`);
    if (stats.throttled !== row.throttled) problems.push(`${at}: the engine counted ${stats.throttled} throttled answers, but the emulator throttled ${row.throttled}`);
    if (row.report.tally !== row.report.literalTally) {
      problems.push(`${at}: the reads saw other values than the literal data (tally ${row.report.tally}, literal ${row.report.literalTally})`);
    }
  }
  if (probe.throttled === 0) problems.push(`tencent API 3.0 probe: ${probe.requests} requests at ${PROBE.requestsPerSecond}/s and none throttled: the emulator's limit is off`);
  return problems;
}

/** Worth knowing, but not a bug in what is measured. */
export function api3Notes({ rows }: Api3Rows): string[] {
  return rows.filter((row) => row.report.sameOutput === false).map((row) => `tencent API 3.0 N=${row.size}: the stacks synthesize other ` +
    'Terraform JSON than the literal peers (which mirror GetImageShareUinInfo): the same sharing should give the same digest on both APIs');
}

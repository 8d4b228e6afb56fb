import * as path from 'node:path';
import { Writable } from 'node:stream';
import { LookupEngine } from '../../src/engine';
import { LookupInputError } from '../../src/engine/errors';
import {
  describeFetchCounts, FetchProgressDisplay, formatDuration, PROGRESS_LINE_INTERVAL_MS, PROGRESS_MIN_CALLS, progressIntervalFromEnv,
  type FetchProgressDisplayOptions,
} from '../../src/engine/fetch-progress';
import { FakeProvider } from '../support/fake-lookup';
import { isolateEnv, tempDirs } from '../support/fixtures';

isolateEnv();
const tempDir = tempDirs();

/** A stream that keeps what is written; a terminal when `isTTY`. */
class RecordingStream extends Writable {
  text = '';
  constructor(readonly isTTY: boolean, readonly columns = 200) {
    super();
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** The stream's text with the cursor and erase sequences taken out, as a terminal would show it line by line. */
function shown(stream: RecordingStream): string {
  return stream.text.replace(/\u001b(?:\[[0-9;?]*[A-Za-z]|[78])/g, '');
}

/** A clock the test moves, a scheduler the test ticks, and recording streams. */
function harness(options: { tty: boolean } & Partial<FetchProgressDisplayOptions>) {
  let nowMs = 1_000_000;
  const terminal = new RecordingStream(options.tty);
  const lines = new RecordingStream(false);
  const scheduled: Array<{ ms: number; tick: () => void; cancelled: boolean }> = [];
  const display = new FetchProgressDisplay({
    terminal,
    lines,
    now: () => nowMs,
    every: (ms, tick) => {
      const entry = { ms, tick, cancelled: false };
      scheduled.push(entry);
      return () => { entry.cancelled = true; };
    },
    ...options,
  });
  return {
    display, terminal, lines, scheduled,
    advance(ms: number) { nowMs += ms; },
    /** One tick of every live schedule: what the interval would print. */
    tick() { for (const entry of scheduled) if (!entry.cancelled) entry.tick(); },
  };
}

describe('describeFetchCounts: the progress text', () => {
  test('calls done of the total, retries, throttled answers, elapsed time and the estimate of what is left', () => {
    expect(describeFetchCounts({ planned: 12, finished: 3, retries: 1, throttled: 2 }, 6_000))
      .toBe('3/12 API calls done, 1 retry, 2 throttled answers; 6s elapsed, about 18s left');
  });

  test('no estimate before the first call is done, nor once all are', () => {
    expect(describeFetchCounts({ planned: 6, finished: 0, retries: 0, throttled: 0 }, 2_000)).toBe('0/6 API calls done, 0 retries, 0 throttled answers; 2s elapsed');
    expect(describeFetchCounts({ planned: 6, finished: 6, retries: 2, throttled: 1 }, 9_000)).toBe('6/6 API calls done, 2 retries, 1 throttled answer; 9s elapsed');
  });

  test.each([[0, '0s'], [44_600, '45s'], [125_000, '2m05s'], [3_720_000, '1h02m']])('formatDuration(%i) is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('FetchProgressDisplay when stderr is not a terminal', () => {
  test('prints a plain line to the line stream at every interval, nothing on the terminal stream', () => {
    const run = harness({ tty: false, lineIntervalMs: 5_000 });
    run.display.callsPlanned(4);
    run.display.callsPlanned(2);
    expect(run.scheduled.map((entry) => entry.ms)).toEqual([5_000]);
    expect(run.lines.text).toBe(''); // nothing before the first interval is over

    run.display.retrying();
    run.display.throttled();
    run.display.callsFinished(2);
    run.advance(5_000);
    run.tick();
    run.display.callsFinished(1);
    run.advance(5_000);
    run.tick();
    expect(run.lines.text).toBe(
      'image-lookups: fetching: 2/6 API calls done, 1 retry, 1 throttled answer; 5s elapsed, about 10s left\n'
      + 'image-lookups: fetching: 3/6 API calls done, 1 retry, 1 throttled answer; 10s elapsed, about 10s left\n');
    expect(run.terminal.text).toBe('');
  });

  test('stop cancels the lines, and is safe to call twice', () => {
    const run = harness({ tty: false });
    run.display.callsPlanned(PROGRESS_MIN_CALLS);
    run.display.stop();
    run.display.stop();
    expect(run.scheduled).toHaveLength(1);
    expect(run.scheduled[0]).toMatchObject({ ms: PROGRESS_LINE_INTERVAL_MS, cancelled: true });
    run.tick();
    expect(run.lines.text).toBe('');
  });

  test(`a fetch of fewer than ${PROGRESS_MIN_CALLS} calls shows nothing, and still counts`, () => {
    const run = harness({ tty: false });
    run.display.callsPlanned(PROGRESS_MIN_CALLS - 1);
    run.display.retrying();
    run.display.throttled();
    run.display.callsFinished(PROGRESS_MIN_CALLS - 1);
    run.display.stop();
    expect(run.scheduled).toEqual([]);
    expect(run.display.isShown).toBe(false);
    expect(run.display.snapshot).toEqual({ planned: PROGRESS_MIN_CALLS - 1, finished: PROGRESS_MIN_CALLS - 1, retries: 1, throttled: 1 });
  });

  test('turned off, it shows nothing however large the fetch, and still counts', () => {
    for (const tty of [false, true]) {
      const run = harness({ tty, enabled: false });
      run.display.callsPlanned(100);
      run.display.retrying();
      run.display.callsFinished(100);
      run.display.stop();
      expect(run.scheduled).toEqual([]);
      expect(run.terminal.text + run.lines.text).toBe('');
      expect(run.display.snapshot).toMatchObject({ planned: 100, finished: 100, retries: 1 });
    }
  });
});

describe('FetchProgressDisplay on a terminal', () => {
  test('redraws one line on the terminal stream (cli-progress), ends it with a newline on stop, prints no plain line', () => {
    const run = harness({ tty: true });
    run.display.callsPlanned(6);
    expect(run.display.isShown).toBe(true);
    expect(shown(run.terminal)).toContain('0/6 API calls done, 0 retries, 0 throttled answers; 0s elapsed');
    for (let call = 0; call < 6; call++) {
      run.advance(2_000);
      if (call === 2) {
        run.display.throttled();
        run.display.retrying();
      }
      run.display.callsFinished();
    }
    run.display.stop();
    const text = shown(run.terminal);
    // The last draw is the final state, with its bar full, and the line then ends.
    expect(text).toMatch(/\[=+\] 6\/6 API calls done, 1 retry, 1 throttled answer; 12s elapsed\n$/);
    expect(text.trimEnd().split('\n')).toHaveLength(1); // one line, redrawn in place
    expect(run.terminal.text).toContain('\u001b['); // moved with cursor sequences, not new lines
    expect(run.scheduled).toEqual([]);
    expect(run.lines.text).toBe('');
    // Stopped, it draws no more.
    const after = run.terminal.text;
    run.display.callsFinished();
    run.display.stop();
    expect(run.terminal.text).toBe(after);
  });

  test('the line is cut to the terminal width, leaving its line wrapping alone', () => {
    const run = harness({ tty: true });
    Object.defineProperty(run.terminal, 'columns', { value: 40 });
    run.display.callsPlanned(8);
    run.display.stop();
    for (const line of shown(run.terminal).split('\n')) expect(line.length).toBeLessThanOrEqual(40);
    expect(run.terminal.text).not.toContain('\u001b[?7l');
  });
});

describe('progressIntervalFromEnv: the internal IMAGE_LOOKUPS_PROGRESS_INTERVAL_MS', () => {
  test('unset is the default; a positive integer is taken', () => {
    expect(progressIntervalFromEnv({})).toBeUndefined();
    expect(progressIntervalFromEnv({ IMAGE_LOOKUPS_PROGRESS_INTERVAL_MS: '250' })).toBe(250);
  });

  test.each(['0', '-5', '1.5', 'soon'])('%j is an input error naming the variable', (value) => {
    expect(() => progressIntervalFromEnv({ IMAGE_LOOKUPS_PROGRESS_INTERVAL_MS: value })).toThrow(LookupInputError);
    expect(() => progressIntervalFromEnv({ IMAGE_LOOKUPS_PROGRESS_INTERVAL_MS: value })).toThrow(/IMAGE_LOOKUPS_PROGRESS_INTERVAL_MS/);
  });
});

describe('the engine\'s fetch and its display', () => {
  const GROUPS = ['a', 'b', 'c', 'd', 'e', 'f'];

  /** An engine on a fresh cache whose display draws on a recording terminal, one fetch per group pending. */
  function engineWithTerminal(provider: FakeProvider, options: { progress?: boolean } = {}) {
    const terminal = new RecordingStream(true);
    const engine = new LookupEngine({ cacheFile: path.join(tempDir(), 'cache.json'), ...options }, { progressDisplay: { terminal } });
    engine.startRound();
    for (const group of GROUPS) engine.request(provider, { name: `n-${group}`, group });
    return { engine, terminal };
  }

  test('a fetch that fails still ends the line, with every call over', async () => {
    const provider = new FakeProvider({ data: { 'n-a': 1 } });
    provider.failingGroups.set('c', new Error('group c is down'));
    const { engine, terminal } = engineWithTerminal(provider);
    await expect(engine.fetchPending()).rejects.toThrow('group c is down');
    expect(shown(terminal)).toMatch(/6\/6 API calls done, 0 retries, 0 throttled answers; \d+s elapsed\n$/);
    expect(engine.stats()).toMatchObject({ apiCalls: 6, retries: 0, throttled: 0 });
  });

  test('progress: false draws nothing', async () => {
    const { engine, terminal } = engineWithTerminal(new FakeProvider(), { progress: false });
    await engine.fetchPending();
    expect(terminal.text).toBe('');
  });
});

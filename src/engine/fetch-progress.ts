import { Format, SingleBar, type Options } from 'cli-progress';
import { LookupInputError } from './errors';
import type { FetchProgress } from './lookup-provider';

/**
A fetch shows progress once its providers have announced at least this many calls: a smaller
fetch is over before a progress line could say anything the summary does not.
*/
export const PROGRESS_MIN_CALLS = 5;

/**
How often a plain progress line is printed when stderr is not a terminal. A fetch shorter than
this prints none.
*/
export const PROGRESS_LINE_INTERVAL_MS = 5_000;

/** What a progress display counts, for the engine's statistics too. */
export interface FetchCounts {
  /** Calls announced (first attempts). */
  readonly planned: number;
  /** Announced calls that are over: answered, failed for good, or skipped. */
  readonly finished: number;
  /** Further attempts sent. */
  readonly retries: number;
  /** Answers that said "throttled" (HTTP 429 or the API's throttling code). */
  readonly throttled: number;
}

/** A stream the redrawn line goes to: a terminal when `isTTY` is true. */
export type ProgressTerminal = NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number };

/** Options of a `FetchProgressDisplay`; everything about time and output can be injected, for tests. */
export interface FetchProgressDisplayOptions {
  /**
  Whether anything is shown at all (the engine's `progress` option, IMAGE_LOOKUPS_PROGRESS). Off,
  the display still counts.
  @default true
  */
  readonly enabled?: boolean;
  /**
  Where the one redrawn line goes, when it is a terminal (`isTTY`). When it is not, plain lines go
  to `lines` instead: `cdktf synth` shows an app's stderr as [ERROR].
  @default process.stderr
  */
  readonly terminal?: ProgressTerminal;
  /**
  Where plain progress lines go when `terminal` is not a terminal.
  @default process.stdout
  */
  readonly lines?: { write(text: string): unknown };
  /**
  The clock, in milliseconds: elapsed time and the estimate are computed with it.
  @default Date.now
  */
  readonly now?: () => number;
  /**
  Milliseconds between plain lines. Internal env var IMAGE_LOOKUPS_PROGRESS_INTERVAL_MS (for tests).
  @default PROGRESS_LINE_INTERVAL_MS (5000)
  */
  readonly lineIntervalMs?: number;
  /**
  Runs `tick` every `ms` until the returned function is called. Tests pass their own, to print lines on demand.
  @default an unref'd setInterval, so it never holds the process open
  */
  readonly every?: (ms: number, tick: () => void) => () => void;
  /**
  Calls announced before anything is shown.
  @default PROGRESS_MIN_CALLS (5)
  */
  readonly minCalls?: number;
  /**
  The redrawn line's refreshes per second at most (cli-progress's `fps`).
  @default 5
  */
  readonly fps?: number;
}

/**
The progress of one fetch, as its providers report it (see `FetchProgress`): calls done of those
announced, retries, throttled answers, elapsed time and an estimate of the time left.

On a terminal, cli-progress redraws one line on stderr. Elsewhere (CI logs, `cdktf synth`) a plain
line goes to stdout every `lineIntervalMs`. Nothing is shown before `minCalls` calls are announced,
nor when `enabled` is false. `stop()` ends it, whether the fetch succeeded or failed.
*/
export class FetchProgressDisplay implements FetchProgress {
  private readonly counts = { planned: 0, finished: 0, retries: 0, throttled: 0 };
  private readonly enabled: boolean;
  private readonly terminal: ProgressTerminal;
  private readonly lines: { write(text: string): unknown };
  private readonly now: () => number;
  private readonly lineIntervalMs: number;
  private readonly every: (ms: number, tick: () => void) => () => void;
  private readonly minCalls: number;
  private readonly fps: number;
  private readonly startedAt: number;
  private bar?: SingleBar;
  private cancelLines?: () => void;
  private shown = false;
  private stopped = false;

  constructor(options: FetchProgressDisplayOptions = {}) {
    this.enabled = options.enabled ?? true;
    this.terminal = options.terminal ?? process.stderr;
    this.lines = options.lines ?? process.stdout;
    this.now = options.now ?? Date.now;
    this.lineIntervalMs = options.lineIntervalMs ?? PROGRESS_LINE_INTERVAL_MS;
    this.every = options.every ?? everyUnref;
    this.minCalls = options.minCalls ?? PROGRESS_MIN_CALLS;
    this.fps = options.fps ?? 5;
    this.startedAt = this.now();
  }

  readonly callsPlanned = (count: number): void => {
    this.counts.planned += count;
    this.showOnceLarge();
    this.redraw();
  };

  readonly callsFinished = (count = 1): void => {
    this.counts.finished += count;
    this.redraw();
  };

  readonly retrying = (): void => {
    this.counts.retries++;
    this.redraw();
  };

  readonly throttled = (): void => {
    this.counts.throttled++;
    this.redraw();
  };

  /** The counts so far. */
  get snapshot(): FetchCounts {
    return { ...this.counts };
  }

  /** Whether anything has been shown (or scheduled): the fetch was large enough, and progress is on. */
  get isShown(): boolean {
    return this.shown;
  }

  /** The progress as one line of text, as the plain lines show it. */
  line(): string {
    return `image-lookups: fetching: ${describeFetchCounts(this.counts, this.now() - this.startedAt)}`;
  }

  /** Ends the display: the redrawn line gets its last state and a newline; no more plain lines. Safe to call twice. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.cancelLines?.();
    this.bar?.stop();
  }

  private showOnceLarge(): void {
    if (this.shown || this.stopped || !this.enabled || this.counts.planned < this.minCalls) return;
    this.shown = true;
    if (this.terminal.isTTY === true) {
      this.bar = new SingleBar({
        stream: this.terminal,
        fps: this.fps,
        format: (options: Options, params) => `image-lookups: [${Format.BarFormat(params.progress, options)}] ${describeFetchCounts(this.counts, this.now() - this.startedAt)}`,
        barsize: 20,
        // Trim to the terminal's width rather than switch its line wrapping off: a Ctrl-C would leave it off.
        linewrap: true,
        hideCursor: false,
        // Its SIGINT handler would keep Ctrl-C from ending the process.
        gracefulExit: false,
      });
      this.bar.start(this.counts.planned, this.counts.finished);
    } else {
      this.cancelLines = this.every(this.lineIntervalMs, () => this.lines.write(`${this.line()}\n`));
    }
  }

  private redraw(): void {
    if (!this.bar || this.stopped) return;
    this.bar.setTotal(this.counts.planned);
    this.bar.update(this.counts.finished);
  }
}

/** `6/12 API calls done, 1 retry, 0 throttled answers; 4s elapsed, about 4s left` */
export function describeFetchCounts(counts: FetchCounts, elapsedMs: number): string {
  const { planned, finished, retries, throttled } = counts;
  // Calls left at the pace so far; at least a second, since some are still running.
  const left = finished > 0 && finished < planned ? `, about ${formatDuration(Math.max(1_000, (elapsedMs * (planned - finished)) / finished))} left` : '';
  return `${finished}/${planned} API calls done, ${plural(retries, 'retry', 'retries')}, ${plural(throttled, 'throttled answer', 'throttled answers')}; ` +
    `${formatDuration(elapsedMs)} elapsed${left}`;
}

/** `45s`, `2m05s`, `1h02m` */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/**
The plain lines' interval from the internal env var IMAGE_LOOKUPS_PROGRESS_INTERVAL_MS (tests set it
short, so a fetch of a second prints lines), or undefined for the default.
*/
export function progressIntervalFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const value = env.IMAGE_LOOKUPS_PROGRESS_INTERVAL_MS;
  if (value === undefined || value === '') return undefined;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 1) {
    throw new LookupInputError('IMAGE_LOOKUPS_PROGRESS_INTERVAL_MS', `${JSON.stringify(value)} is not a positive integer of milliseconds`);
  }
  return ms;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function everyUnref(ms: number, tick: () => void): () => void {
  const timer = setInterval(tick, ms);
  timer.unref();
  return () => clearInterval(timer);
}

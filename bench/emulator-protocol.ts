// The messages between the bench (main thread) and the emulator's worker thread.
import type { EmulatorDataInput, EmulatorFault, EmulatorStats } from '../src/emulator';

export interface StartOptions {
  /** The data object (structured-cloned to the worker), or the path of a JSON data file. */
  readonly data: EmulatorDataInput | string;
  readonly latencyMs: number;
  /** Share of requests answered with the API's own throttling error (the load rows); 0 if left out. */
  readonly throttleRate?: number;
  /** Tally the outcome of every answer (the request log's `-> …` text), for the `outcomes` command; off if left out. */
  readonly countOutcomes?: boolean;
}

/** What each command carries and what its reply holds. */
export interface Commands {
  start: { options: StartOptions; result: { origin: string } };
  stats: { options: undefined; result: EmulatorStats };
  resetStats: { options: undefined; result: undefined };
  /** How many requests each fault answered since start or resetStats (e.g. `throttle`). */
  faultsAnswered: { options: undefined; result: Partial<Record<EmulatorFault, number>> };
  /** How many answers had each outcome (e.g. `error RequestLimitExceeded`) since start or resetStats; empty without countOutcomes. */
  outcomes: { options: undefined; result: Record<string, number> };
  /**
  The longest the worker's event loop was held up since start or resetStats, in milliseconds: a
  request waiting that long is counted late, so a sliding window sees it closer to later ones.
  */
  maxEventLoopDelayMs: { options: undefined; result: number };
  stop: { options: undefined; result: undefined };
}
export type CommandName = keyof Commands;

/** Main → worker. `id` pairs each request with its reply. */
export type Request = { [K in CommandName]: { id: number; command: K; options: Commands[K]['options'] } }[CommandName];

/** Worker → main. Errors travel as their stack text (it holds the message). */
export type Reply =
  | { id: number; ok: true; result: Commands[CommandName]['result'] }
  | { id: number; ok: false; error: string };

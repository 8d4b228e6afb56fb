// What every API scenario of the benchmark provides, and the settings they all share.
import { createHash } from 'node:crypto';
import type { App } from 'cdktf';
import type { EmulatorDataInput } from '../src/emulator';

export const SIZES = [10, 100, 1000];
export const LATENCY_MS = 20;
export const CONCURRENCY = 4;
export const REPETITIONS = 5;

/** One API's benchmark: how to make N image IDs into stacks, with the lookup constructs and without. */
export interface Scenario {
  /** Short label for the table's API column. */
  readonly api: string;
  /** One line for the header: the API, its batch size and how the IDs are laid out over stacks. */
  readonly description: string;
  /** The construct the literal peer mirrors, and where that peer is (for the drift note). */
  readonly construct: string;
  readonly literalPeer: string;
  /** Most image IDs one API call takes: the minimum is ceil(N / batchSize) calls. */
  readonly batchSize: number;
  /** Distinct lookups expected for N distinct image IDs. */
  expectedLookups(size: number): number;
  /** The API actions a cold run may call (the emulator counts requests per action). */
  readonly actions: readonly string[];
  /** This API's accounts and resources for the shared emulator (its credentials and its data section). */
  readonly emulatorData: Partial<EmulatorDataInput>;
  /** The app for the first `size` image IDs. */
  workload(size: number): Workload;
}

export interface Workload {
  /** Distinct image IDs. */
  readonly size: number;
  /** Image IDs given to constructs, duplicates included. */
  readonly requested: number;
  /** Builds the stacks with the lookup constructs, pointed at the emulator. */
  build(app: App, endpoint: string): void;
  /** Builds the same construct tree and Terraform JSON from in-memory data: no engine, no lookups. */
  buildLiteral(app: App): void;
}

/** `count` distinct strings made by `make` from sha256 digests of `prefix-<seed>`: the same on every run. */
export function deterministicIds(count: number, prefix: string, make: (digest: Buffer) => string): string[] {
  const ids = new Set<string>();
  for (let seed = 0; ids.size < count; seed++) ids.add(make(createHash('sha256').update(`${prefix}-${seed}`).digest()));
  return [...ids];
}

/** `ids` cut into `parts` slices of (nearly) equal length, in order. */
export function slices<T>(ids: readonly T[], parts: number): T[][] {
  return Array.from({ length: parts }, (_, p) =>
    ids.slice(Math.floor((p * ids.length) / parts), Math.floor(((p + 1) * ids.length) / parts)));
}

/** Each slice followed by the first tenth (at least one) of the next slice: duplicates across slices for the engine to drop. */
export function withNextTenth<T>(parts: readonly (readonly T[])[]): T[][] {
  return parts.map((part, p) => {
    const next = parts[(p + 1) % parts.length];
    return [...part, ...next.slice(0, Math.max(1, Math.floor(next.length / 10)))];
  });
}

// What every API scenario of the benchmark provides, and the settings they all share.
import { createHash } from 'node:crypto';
import type { Construct } from 'constructs';
import type { EmulatorDataInput } from '../src/emulator';
import type { PolicyPack } from '../src/policy/policy-pack';
import type { Suppression } from '../src/policy/suppression';
import type { SnapshotResourceType } from '../src/snapshot';

/** Sizes of the full style × snapshot matrix; the targets are judged at TARGET_SIZE. */
export const MATRIX_SIZES = [100, 1000];
export const TARGET_SIZE = 1000;
/** Sizes of the memory and scale rows (child processes, one style and snapshot only: they are slow). */
export const SCALE_SIZES = [1000, 10_000];
export const LATENCY_MS = 20;
export const CONCURRENCY = 4;
export const REPETITIONS = 5;
export const SNAPSHOT_TYPES: readonly SnapshotResourceType[] = ['none', 'null_resource', 'terraform_data'];

/** Reads a construct made by `CreateConstruct`: touches its looked-up values, returns a tally of what it saw. */
export type ReadConstruct = () => number;

/**
Creates one lookup construct (or its literal peer) for `imageIds` under `scope` and returns the
function that reads it, so a writing style decides when the read happens.
*/
export type CreateConstruct = (scope: Construct, id: string, imageIds: readonly string[]) => ReadConstruct;

/** Whether a cached value says what the emulator data says (it came back whole and unaltered). */
export type ValueCheck = (value: unknown) => boolean;

/** The findings an evaluation must give, by the scenario's data. */
export interface ExpectedFindings {
  /** Findings that count (not suppressed). */
  readonly findings: number;
  readonly suppressed: number;
}

/** The policy rows' setup (bench/policies.ts): the API's own pack, configured on this scenario's data. */
export interface ScenarioPolicies {
  /** One line for the header: the pack's options and what the data makes of them. */
  readonly description: string;
  /** A new pack, options validated, as an app's code makes it (called once per build). */
  pack(): PolicyPack;
  /** Suppressions attached to the app beside the pack (e.g. a finding the data gives on purpose that would fail the synth). */
  readonly suppressions: readonly Suppression[];
  /**
  What the pack must find over the subjects looked up (their image IDs, duplicates across constructs
  included) at the clock `now`, worked out from the emulator data, not by running the rules.
  */
  expectedFindings(imageIds: readonly string[], now: Date): ExpectedFindings;
}

/** One API's benchmark: its image IDs, its emulator data, and its lookup construct with a literal peer. */
export interface Scenario {
  /** The API's descriptor id (src/apis.ts): the scenario is bench/scenarios/<apiId>.ts. */
  readonly apiId: string;
  /** Short label for the table's API column. */
  readonly api: string;
  /** One line for the header: the API, its batch size and what each construct holds and reads. */
  readonly description: string;
  /** The construct the literal peer mirrors, and where that peer is (for the drift note). */
  readonly construct: string;
  readonly literalPeer: string;
  /** Most image IDs one API call takes: the minimum is ceil(N / batchSize) calls. */
  readonly batchSize: number;
  /** Image IDs per lookup construct. */
  readonly idsPerConstruct: number;
  /** Construct IDs are `<prefix>-<index>` within their stack. */
  readonly constructIdPrefix: string;
  /** Distinct lookups expected for N distinct image IDs. */
  expectedLookups(size: number): number;
  /** The API actions a cold run may call (the emulator counts requests per action). */
  readonly actions: readonly string[];
  /** This API's accounts and resources for the shared emulator (its credentials and its data section). */
  readonly emulatorData: Partial<EmulatorDataInput>;
  /** Distinct image IDs, as many as the scenario was made for; a size-N run takes the first N. */
  readonly imageIds: readonly string[];
  /**
  What the cache must hold once the first `size` IDs are fetched in full (the load rows check it):
  every key, each with a test of its cached value against this scenario's emulator data.
  */
  expectedCache(size: number): ReadonlyMap<string, ValueCheck>;
  /** The lookup construct, pointed at the emulator. */
  withLookups(endpoint: string, snapshot: SnapshotResourceType): CreateConstruct;
  /** The literal peer: the same construct tree and Terraform JSON from in-memory data, no engine. */
  literal(snapshot: SnapshotResourceType): CreateConstruct;
  /** The API's policy pack for the policy rows. */
  readonly policies: ScenarioPolicies;
}

/** What bench/scenarios/<id>.ts makes in its `createScenario(maxSize)`: the scenario but its id, which the file name gives. */
export type ScenarioDefinition = Omit<Scenario, 'apiId'>;

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

/** `ids` cut into consecutive chunks of `size` (the last one may be shorter). */
export function chunks<T>(ids: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(ids.length / size) }, (_, c) => ids.slice(c * size, (c + 1) * size));
}

/** Each slice followed by the first tenth (at least one) of the next slice: duplicates across slices for the engine to drop. */
export function withNextTenth<T>(parts: readonly (readonly T[])[]): T[][] {
  return parts.map((part, p) => {
    const next = parts[(p + 1) % parts.length];
    return [...part, ...next.slice(0, Math.max(1, Math.floor(next.length / 10)))];
  });
}

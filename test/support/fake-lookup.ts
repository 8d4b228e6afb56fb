// An in-memory cloud for testing the engine's machinery without one (as cdk-nag tests its own with
// a TestPack): a provider that answers from a map and records every fetch it is asked for, and a
// tiny lookup construct that requests through it the way the real constructs do.
import { setTimeout as sleep } from 'node:timers/promises';
import { Construct } from 'constructs';
import { z } from 'zod';
import {
  addLookupValidations, formatLookupKey, LookupEngine, LookupInputError,
  type FetchContext, type FetchedEntries, type FetchedOutcome, type LookupHandle, type LookupProvider,
} from '../../src/engine';

/** A name to look up; queries of one group may share a fetch. */
export interface FakeQuery {
  readonly name: string;
  /** @default 'main' */
  readonly group?: string;
}

/** A found answer. */
export interface FakeValue {
  readonly name: string;
  readonly version: number;
}

export const fakeValueSchema: z.ZodType<FakeValue> = z.object({ name: z.string(), version: z.number().int() });

/** The endpoint every fake answer comes from. */
export const FAKE_ENDPOINT = 'https://fake.example.test/api';

/** The one check of a name, by the construct (naming its node path) and by the provider. */
export function checkFakeName(name: string, input: string): void {
  if (!/^[a-z0-9-]+$/.test(name)) throw new LookupInputError(input, `${JSON.stringify(name)} is not a fake name: use lowercase letters, digits and dashes`);
}

/** One fetchGroup call the provider was asked for. */
export interface FakeFetch {
  readonly group: string;
  readonly names: readonly string[];
}

export interface FakeProviderOptions {
  /** `cloud:Api`, the first two segments of every key. @default 'fake:Lookup' */
  readonly id?: string;
  /** The cloud's data: a name with a version is found, any other is not. */
  readonly data?: Readonly<Record<string, number>>;
  /** How long each fetch takes, so concurrent fetches overlap. @default 0 */
  readonly delayMs?: number;
}

/**
A provider whose cloud is a map. Each fetch of a group is one "API call" (announced, counted, and run
under the engine's limit, then reported finished, as the real providers report their calls). Tests change `data` between runs, and script failures: a group whose fetch rejects,
a name answered with an error outcome, a name left unanswered, and a by-product entry per group.
*/
export class FakeProvider implements LookupProvider<FakeQuery, FakeValue> {
  readonly id: string;
  readonly data: Map<string, number>;
  /** Every fetch asked for, in the order they started. */
  readonly fetches: FakeFetch[] = [];
  /** Groups whose fetch rejects with the error. */
  readonly failingGroups = new Map<string, Error>();
  /** Names answered with an error outcome; the rest of their group is answered. */
  readonly failingNames = new Map<string, Error>();
  /** Names the provider forgets to answer (a provider bug the engine must catch). */
  readonly unansweredNames = new Set<string>();
  /** When set, every fetch also returns a by-product entry for its group (like Tencent's account quota). */
  byProducts = false;
  private readonly delayMs: number;
  private inFlight = 0;
  private maxInFlightSeen = 0;

  constructor(options: FakeProviderOptions = {}) {
    this.id = options.id ?? 'fake:Lookup';
    this.data = new Map(Object.entries(options.data ?? {}));
    this.delayMs = options.delayMs ?? 0;
  }

  /** The most fetches that ran at once. */
  get maxInFlight(): number {
    return this.maxInFlightSeen;
  }

  /** The key of a name (`fake:Lookup:group=main:name=…`). */
  key(name: string, group = 'main'): string {
    const [cloud, api] = this.id.split(':');
    return formatLookupKey(cloud, api, [['group', group], ['name', name]]);
  }

  /** The key of a group's by-product entry. */
  groupKey(group = 'main'): string {
    const [cloud, api] = this.id.split(':');
    return formatLookupKey(cloud, api, [['group', group], ['scope', 'group']]);
  }

  validate(query: FakeQuery): void {
    checkFakeName(query.name, 'name');
  }

  keyOf(query: FakeQuery): string {
    return this.key(query.name, query.group);
  }

  batchGroupOf(query: FakeQuery): string {
    return query.group ?? 'main';
  }

  valueSchemaOf(): z.ZodType<FakeValue> {
    return fakeValueSchema;
  }

  async fetchGroup(queries: readonly FakeQuery[], context: FetchContext): Promise<FetchedEntries<FakeValue>> {
    const group = this.batchGroupOf(queries[0]);
    this.fetches.push({ group, names: queries.map((query) => query.name) });
    context.progress.callsPlanned(1);
    return context.limit(async () => {
      context.countApiCall();
      this.maxInFlightSeen = Math.max(this.maxInFlightSeen, ++this.inFlight);
      try {
        await sleep(this.delayMs);
      } finally {
        this.inFlight--;
        context.progress.callsFinished(1);
      }
      const failure = this.failingGroups.get(group);
      if (failure) throw failure;
      const entries: FetchedEntries<FakeValue> = new Map();
      for (const query of queries) {
        if (!this.unansweredNames.has(query.name)) entries.set(this.keyOf(query), this.answer(query.name));
      }
      if (this.byProducts) entries.set(this.groupKey(group), { outcome: 'found', value: { name: group, version: queries.length }, endpoint: FAKE_ENDPOINT });
      return entries;
    });
  }

  private answer(name: string): FetchedOutcome<FakeValue> {
    const error = this.failingNames.get(name);
    if (error) return { outcome: 'error', error };
    const version = this.data.get(name);
    return version === undefined ? { outcome: 'notFound', endpoint: FAKE_ENDPOINT } : { outcome: 'found', value: { name, version }, endpoint: FAKE_ENDPOINT };
  }
}

export interface FakeLookupProps extends FakeQuery {
  readonly provider: FakeProvider;
  /** Seconds; see LookupEngine.request. */
  readonly maxAge?: number;
}

/** The smallest lookup construct: checks its input, requests one key, and guards it like the real constructs do. */
export class FakeLookup extends Construct {
  readonly handle: LookupHandle<FakeValue>;

  constructor(scope: Construct, id: string, props: FakeLookupProps) {
    super(scope, id);
    checkFakeName(props.name, `${this.node.path}: name`);
    this.handle = LookupEngine.of(this).request(props.provider, { name: props.name, group: props.group }, { maxAge: props.maxAge });
    addLookupValidations(this, [this.handle]);
  }

  /** The answer; undefined when not found (or provisional). */
  get value(): FakeValue | undefined {
    return this.handle.value;
  }

  get found(): boolean {
    return this.value !== undefined;
  }
}

// The three ways the benchmark writes stacks, the same for every API and for the literal peers:
// when the stack code reads a lookup construct, relative to creating it.
import { App, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { SnapshotResourceType } from '../src/snapshot';
import { chunks, slices, withNextTenth, type CreateConstruct, type ReadConstruct, type Scenario } from './scenario';

export type WritingStyle = 'read-after-create' | 'stack-constructor' | 'create-then-read';

export const WRITING_STYLES: readonly WritingStyle[] = ['read-after-create', 'stack-constructor', 'create-then-read'];

/** Stacks per app: stack-constructor spreads the IDs wide, the others keep them in a few large stacks. */
const STACKS: Readonly<Record<WritingStyle, number>> = { 'read-after-create': 2, 'stack-constructor': 20, 'create-then-read': 2 };

export const STYLE_DESCRIPTIONS: Readonly<Record<WritingStyle, string>> = {
  'read-after-create': `${STACKS['read-after-create']} stacks; each construct is read right after it is created`,
  'stack-constructor': `${STACKS['stack-constructor']} TerraformStack subclasses; each creates its constructs, then reads them, in its own constructor`,
  'create-then-read': `${STACKS['create-then-read']} stacks; every construct of the app is created first, then all are read`,
};

/** One app to measure: a scenario's first `size` IDs, written in one style, with one snapshot type. */
export interface Workload {
  readonly scenario: Scenario;
  readonly style: WritingStyle;
  readonly snapshot: SnapshotResourceType;
  /** Distinct image IDs. */
  readonly size: number;
  /** Image IDs given to constructs, duplicates included. */
  readonly requested: number;
  /** Builds the stacks with the lookup constructs, pointed at the emulator; returns the reads' tally. */
  build(app: App, endpoint: string): number;
  /** Builds the same stacks from the literal peers; returns the reads' tally (equal to build's on real answers). */
  buildLiteral(app: App): number;
}

/** Image IDs per construct, per stack. */
type Plan = readonly (readonly (readonly string[])[])[];

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const readAll = (reads: readonly ReadConstruct[]) => sum(reads.map((read) => read()));

/** The stack-constructor style: this stack's constructs are created and read before its constructor returns. */
class SelfReadingStack extends TerraformStack {
  readonly tally: number;

  constructor(scope: Construct, id: string, constructs: Plan[number], create: CreateConstruct, idPrefix: string) {
    super(scope, id);
    this.tally = readAll(constructs.map((imageIds, c) => create(this, `${idPrefix}-${c}`, imageIds)));
  }
}

function buildStacks(app: App, style: WritingStyle, plan: Plan, create: CreateConstruct, idPrefix: string): number {
  const stackId = (s: number) => `bench-${s}`;
  switch (style) {
    case 'read-after-create':
      return sum(plan.map((constructs, s) => {
        const stack = new TerraformStack(app, stackId(s));
        return sum(constructs.map((imageIds, c) => create(stack, `${idPrefix}-${c}`, imageIds)()));
      }));
    case 'stack-constructor':
      return sum(plan.map((constructs, s) => new SelfReadingStack(app, stackId(s), constructs, create, idPrefix).tally));
    case 'create-then-read':
      return readAll(plan.flatMap((constructs, s) => {
        const stack = new TerraformStack(app, stackId(s));
        return constructs.map((imageIds, c) => create(stack, `${idPrefix}-${c}`, imageIds));
      }));
  }
}

export function workload(scenario: Scenario, style: WritingStyle, snapshot: SnapshotResourceType, size: number): Workload {
  if (size > scenario.imageIds.length) throw new Error(`${scenario.api} has ${scenario.imageIds.length} image IDs, not ${size}`);
  // Each stack also repeats the first tenth of the next stack's IDs: duplicates for the engine to drop.
  const plan: Plan = withNextTenth(slices(scenario.imageIds.slice(0, size), STACKS[style]))
    .map((imageIds) => chunks(imageIds, scenario.idsPerConstruct));
  return {
    scenario, style, snapshot, size,
    requested: sum(plan.flat().map((imageIds) => imageIds.length)),
    build: (app, endpoint) => buildStacks(app, style, plan, scenario.withLookups(endpoint, snapshot), scenario.constructIdPrefix),
    buildLiteral: (app) => buildStacks(app, style, plan, scenario.literal(snapshot), scenario.constructIdPrefix),
  };
}

import { Resource as NullResource } from '@cdktf/provider-null/lib/resource';
import { NullProvider } from '@cdktf/provider-null/lib/provider';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { LookupInputError } from '../engine/errors';
import { checkSnapshotResourceType } from './snapshot-prop-checks';
import { TerraformDataSnapshot } from './terraform-data-snapshot';

/**
The resource that records a lookup's digest in the synthesized Terraform JSON, so `terraform plan`
shows a change when the looked-up data changes:
- `null_resource` (hashicorp/null; the provider is added to the stack if missing);
- `terraform_data`, built into Terraform ≥ 1.4, needs no provider download (the terraform binary's
  version is checked once per stack at synth, not once per resource as cdktf's `DataResource` does);
- `none`: only the digest output.
*/
export type SnapshotResourceType = 'null_resource' | 'terraform_data' | 'none';

/** One opt-in output per looked-up item (an image). */
export interface SnapshotItemOutput {
  readonly name: string;
  readonly description: string;
  readonly value: unknown;
}

export interface LookupSnapshotProps {
  /**
  @default 'null_resource'
  */
  readonly resourceType?: SnapshotResourceType;
  /** What the digest covers, for the output's description. */
  readonly description: string;
  /** The digest of the looked-up data. */
  readonly digest: string;
  /**
  A short digest per looked-up item (an image), keyed by its ID (`shortDigestOf`). They go into the
  snapshot resource's triggers beside `digest`, sorted by ID, so `terraform plan` names the items
  that changed, even with per-item outputs off. Not written with resourceType `none`. No item may be
  called `digest`.
  @default {} (the digest alone)
  */
  readonly itemDigests?: Readonly<Record<string, string>>;
  /** Per-item outputs; empty unless the construct's user opted in. */
  readonly itemOutputs?: readonly SnapshotItemOutput[];
  /**
  Marks the per-item outputs sensitive.
  @default false
  */
  readonly sensitiveOutputs?: boolean;
}

/**
Writes a lookup's result into the synthesized Terraform JSON: a snapshot resource whose triggers
hold the digest, a `digest` output, and optional per-item outputs. Shared by every lookup construct.

A construct makes it only once every lookup it holds has a value (never in a provisional build), so
everything here is a plain value: no token to resolve at synth.
*/
export class LookupSnapshot extends Construct {
  readonly digestOutput: TerraformOutput;

  constructor(scope: Construct, id: string, props: LookupSnapshotProps) {
    super(scope, id);
    const { digest } = props;
    // The constructs check it before any lookup; this covers LookupSnapshot used on its own.
    checkSnapshotResourceType(props.resourceType, `${this.node.path}: resourceType`);
    switch (props.resourceType ?? 'null_resource') {
      case 'null_resource':
        ensureNullProvider(this);
        new NullResource(this, 'resource', { triggers: snapshotTriggers(digest, props.itemDigests, this.node.path) });
        break;
      case 'terraform_data':
        new TerraformDataSnapshot(this, 'resource', snapshotTriggers(digest, props.itemDigests, this.node.path));
        break;
      case 'none':
        break;
    }
    this.digestOutput = new TerraformOutput(this, 'digest', { value: digest, description: props.description });
    for (const item of props.itemOutputs ?? []) {
      new TerraformOutput(this, item.name, { value: item.value, description: item.description, sensitive: props.sensitiveOutputs ?? false });
    }
  }
}

/**
The snapshot resource's triggers: `digest`, then each item's short digest under its ID, sorted, so
equal data gives equal JSON. Flat rather than nested: null_resource's triggers are a map of
strings, and a flat map lets plan show one line per changed item, hiding the unchanged ones.
*/
export function snapshotTriggers(digest: string, itemDigests: Readonly<Record<string, string>> | undefined, path: string): Record<string, string> {
  const triggers: Record<string, string> = { digest };
  for (const id of Object.keys(itemDigests ?? {}).sort()) {
    if (id === 'digest') throw new LookupInputError(`${path}: itemDigests`, 'an item is called "digest", the key of the whole digest: give the item another ID');
    triggers[id] = itemDigests![id];
  }
  return triggers;
}

/**
null_resource needs a `null` provider block in its stack; add one unless the stack has one.
Providers are declared at the stack's top level, so looking at its direct children suffices
(and stays cheap in apps with thousands of lookups).
*/
function ensureNullProvider(scope: Construct): void {
  const stack = TerraformStack.of(scope);
  if (stacksWithNullProvider.has(stack)) return;
  const hasNullProvider = stack.node.children.some((node) => node instanceof NullProvider);
  if (!hasNullProvider) new NullProvider(stack, 'image-lookups-null-provider');
  stacksWithNullProvider.add(stack);
}

/** Stacks already checked, so a stack with thousands of snapshots scans its children once. */
const stacksWithNullProvider = new WeakSet<TerraformStack>();

// The literal peers' copy of LookupSnapshot (src/snapshot/lookup-snapshot.ts): the same construct
// tree and Terraform JSON, with the digest a plain string computed from in-memory data.
import { NullProvider } from '@cdktf/provider-null/lib/provider';
import { Resource as NullResource } from '@cdktf/provider-null/lib/resource';
import { TerraformOutput, TerraformResource, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { snapshotTriggers, type SnapshotResourceType } from '../src/snapshot';

/** The provider ID LookupSnapshot gives the null provider it adds to a stack. */
const NULL_PROVIDER_ID = 'image-lookups-null-provider';

/**
`terraform_data` with `triggers_replace`, and deliberately no Terraform version check: cdktf's
DataResource would run `terraform version` per instance, and the engine's own TerraformDataSnapshot
checks once per stack, so only a peer without any check shows what that check costs.
*/
class LiteralTerraformData extends TerraformResource {
  constructor(scope: Construct, id: string, private readonly triggers: Record<string, string>) {
    super(scope, id, { terraformResourceType: 'terraform_data', terraformGeneratorMetadata: { providerName: 'terraform' } });
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { triggers_replace: this.triggers };
  }
}

/**
Adds `scope/snapshot` with the snapshot resource of `type` (its triggers: the digest and the per-image
short digests, as LookupSnapshot writes them) and the `digest` output, as LookupSnapshot does.
*/
export function literalSnapshot(scope: Construct, type: SnapshotResourceType, digest: string, description: string,
  itemDigests: Readonly<Record<string, string>>): void {
  const snapshot = new Construct(scope, 'snapshot');
  const triggers = snapshotTriggers(digest, itemDigests, snapshot.node.path);
  if (type === 'null_resource') {
    const stack = TerraformStack.of(scope);
    if (!stack.node.tryFindChild(NULL_PROVIDER_ID)) new NullProvider(stack, NULL_PROVIDER_ID);
    new NullResource(snapshot, 'resource', { triggers });
  } else if (type === 'terraform_data') {
    new LiteralTerraformData(snapshot, 'resource', triggers);
  }
  new TerraformOutput(snapshot, 'digest', { value: digest, description });
}

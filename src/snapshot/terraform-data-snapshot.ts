import { anyToHclTerraform, anyToTerraform, hashMapper, hashMapperHcl, TerraformResource, TerraformStack } from 'cdktf';
import { ValidateTerraformVersion } from 'cdktf/lib/validations/validate-terraform-version';
import type { Construct, IValidation } from 'constructs';

/**
A `terraform_data` resource with `triggers_replace`, written exactly as cdktf's `DataResource` writes
it, minus its per-instance validation: `DataResource` runs `terraform version` as a subprocess for
every instance (about 200 ms each, minutes for an app with a thousand lookups). Here each stack with
such a snapshot gets one validation, and the check itself runs once per process and PATH.
*/
export class TerraformDataSnapshot extends TerraformResource {
  constructor(scope: Construct, id: string, private readonly triggersReplace: Readonly<Record<string, unknown>>) {
    super(scope, id, { terraformResourceType: 'terraform_data', terraformGeneratorMetadata: { providerName: 'terraform' } });
    const stack = TerraformStack.of(this);
    if (!stacksWithVersionCheck.has(stack)) {
      stacksWithVersionCheck.add(stack);
      stack.node.addValidation(terraformVersionCheck);
    }
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { triggers_replace: hashMapper(anyToTerraform)(this.triggersReplace) };
  }

  protected override synthesizeHclAttributes(): Record<string, unknown> {
    return { triggers_replace: hashMapperHcl(anyToHclTerraform)(this.triggersReplace) };
  }
}

const stacksWithVersionCheck = new WeakSet<TerraformStack>();

/** terraform_data is built into Terraform 1.4 and later. The same binary gives the same answer: ask it once. */
const versionCheckResults = new Map<string, string[]>();
const terraformVersionCheck: IValidation = {
  validate: () => {
    const binary = process.env.TERRAFORM_BINARY_NAME || 'terraform';
    const cacheKey = `${binary}\u0000${process.env.PATH ?? ''}`;
    let result = versionCheckResults.get(cacheKey);
    if (result === undefined) {
      result = new ValidateTerraformVersion('>=1.4',
        'terraform_data snapshots need Terraform 1.4 or later: upgrade Terraform, or use snapshot: \'null_resource\'.').validate();
      versionCheckResults.set(cacheKey, result);
    }
    return result;
  },
};

// In your own project, import from 'cdktf-image-lookups'.
import { Annotations, TerraformLocal, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { TencentImageShares } from '../../src';

export interface GoldenImageShareAuditProps {
  readonly region: string;
  /** The golden images published in this region. */
  readonly imageIds: readonly string[];
  /** Accounts golden images may be shared with: the org's workload accounts. */
  readonly allowedAccounts: Readonly<Record<string, string>>;
  /** Accounts allowed for now, but flagged for review (a warning, not a failure). */
  readonly accountsUnderReview?: Readonly<Record<string, string>>;
  /** Records the snapshot with terraform_data instead of null_resource. */
  readonly useTerraformData?: boolean;
}

/**
Audits who each golden image is shared with: sharing with an account outside the allowlist fails
`cdktf synth`; accounts under review and images shared with nobody are warnings. The share lists'
digest goes into the Terraform JSON, so `terraform plan` shows when sharing changed.
*/
export class GoldenImageShareAudit extends TerraformStack {
  readonly shares: TencentImageShares;

  constructor(scope: Construct, id: string, props: GoldenImageShareAuditProps) {
    super(scope, id);
    this.shares = new TencentImageShares(this, 'golden-images', {
      region: props.region,
      imageIds: props.imageIds,
      snapshot: props.useTerraformData ? 'terraform_data' : 'null_resource',
      imageOutputs: true,
    });

    // Stack code reads the looked-up share lists synchronously, typed, and branches on them.
    const accountNames: Record<string, string> = {};
    for (const imageId of this.shares.imageIds) {
      const image = this.shares.image(imageId);
      if (!image.found) {
        Annotations.of(this.shares).addError(`${imageId} was not found in ${props.region}: remove it from the golden image list or fix the ID`);
        continue;
      }
      if (image.shares.length === 0) {
        Annotations.of(this.shares).addWarning(`${imageId} is not shared with any account: is it still a golden image?`);
      }
      for (const { uin, sharedAt } of image.shares) {
        const name = props.allowedAccounts[uin] ?? props.accountsUnderReview?.[uin];
        if (name === undefined) {
          Annotations.of(this.shares).addError(`${imageId} is shared with account ${uin} (since ${sharedAt}), which is not in the allowlist`);
        } else if (props.accountsUnderReview?.[uin] !== undefined) {
          Annotations.of(this.shares).addWarning(`${imageId} is shared with ${uin} (${name}), an account under review`);
        }
        accountNames[uin] = name ?? 'unknown';
      }
    }

    new TerraformLocal(this, 'golden_image_shares', Object.fromEntries(
      this.shares.foundImageIds.map((imageId) => [imageId, this.shares.sharedAccountIds(imageId).map((uin) => accountNames[uin])]),
    ));
  }
}

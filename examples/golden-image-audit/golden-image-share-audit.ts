// In your own project, import from 'cdktf-image-lookups'.
import { TerraformLocal, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { ImagePolicies, TencentImageShares, tencentSharesPack } from '../../src';
import { accountsUnderReview } from './accounts-under-review';

export interface GoldenImageShareAuditProps {
  readonly region: string;
  /** The golden images published in this region. */
  readonly imageIds: readonly string[];
  /** Accounts golden images may be shared with: the org's workload accounts. */
  readonly allowedAccounts: Readonly<Record<string, string>>;
  /** Accounts allowed for now, but flagged for review (a warning, not a failure). */
  readonly accountsUnderReview?: Readonly<Record<string, string>>;
  /** Shares older than this many days are flagged for review (a warning). @default 1095 (3 years) */
  readonly maxShareAgeDays?: number;
  /** Records the snapshot with terraform_data instead of null_resource. */
  readonly useTerraformData?: boolean;
}

/**
Audits who each golden image is shared with, with the built-in Tencent pack and one custom rule:
a missing image or a share with an account outside the allowlist (allowed accounts and accounts
under review) is an error and fails `cdktf synth`; a share with an account under review, or one
older than `maxShareAgeDays`, is a warning. The share lists' digest goes into the Terraform JSON,
so `terraform plan` shows when sharing changed.
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

    // The rules run once per synth, over every lookup of this stack; their findings become annotations.
    const reviewed = props.accountsUnderReview ?? {};
    ImagePolicies.of(this).addPack(tencentSharesPack({
      allowlistedAccounts: { accounts: [...Object.keys(props.allowedAccounts), ...Object.keys(reviewed)] },
      maxShareAge: { maxAgeDays: props.maxShareAgeDays ?? 1095 },
    }));
    if (Object.keys(reviewed).length > 0) {
      ImagePolicies.of(this).addPack({ id: 'golden-image-review', rules: [accountsUnderReview(reviewed)] });
    }

    // Stack code still reads the looked-up share lists synchronously, typed.
    const names: Readonly<Record<string, string>> = { ...reviewed, ...props.allowedAccounts };
    new TerraformLocal(this, 'golden_image_shares', Object.fromEntries(
      this.shares.foundImageIds.map((imageId) => [imageId, this.shares.sharedAccountIds(imageId).map((uin) => names[uin] ?? 'unknown')]),
    ));
  }
}

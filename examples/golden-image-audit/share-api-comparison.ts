// In your own project, import from 'cdktf-image-lookups'.
import { Annotations, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { TencentImageShares } from '../../src';

export interface ShareApiComparisonProps {
  /** The audit's lookup over the legacy API (GetImageShareUinInfo): the same images are looked up again over API 3.0. */
  readonly legacy: TencentImageShares;
}

/**
Looks up the same golden images as `legacy` over CVM API 3.0 (DescribeImageSharePermission, one
image per call, paced to 10 calls a second), as a team moving off the legacy API would before
switching. The same sharing gives the same digest on both APIs, so the switch does not replace the
snapshot resource: the `digest_matches_legacy` output records it, and synth fails if they differ.
*/
export class ShareApiComparison extends TerraformStack {
  readonly shares: TencentImageShares;

  constructor(scope: Construct, id: string, props: ShareApiComparisonProps) {
    super(scope, id);
    const { legacy } = props;
    this.shares = new TencentImageShares(this, 'golden-images', {
      api: 'DescribeImageSharePermission',
      region: legacy.region,
      imageIds: legacy.imageIds,
    });

    // Until both lookups are answered, the digests are provisional: this build is thrown away.
    if (!legacy.isResolved || !this.shares.isResolved) return;
    const matches = this.shares.digest === legacy.digest;
    new TerraformOutput(this, 'digest_matches_legacy', {
      value: matches,
      description: `Whether DescribeImageSharePermission gives the same share-list digest as GetImageShareUinInfo for the ${legacy.imageIds.length} golden images in ${legacy.region}`,
    });
    if (!matches) {
      Annotations.of(this.shares).addError(`The share lists over DescribeImageSharePermission (${this.shares.digest}) differ from those over ` +
        `GetImageShareUinInfo (${legacy.digest}) for the same images: switching APIs would replace the snapshot resource`);
    }
  }
}

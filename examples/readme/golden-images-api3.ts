import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { TencentImageShares } from '../../src';

export interface GoldenImagesOnApi3Props {
  readonly region: string;
  readonly imageIds: readonly string[];
}

/** The golden images' share lists over CVM API 3.0: one image a call, paced to 10 calls a second. */
export class GoldenImagesOnApi3 extends TerraformStack {
  readonly shares: TencentImageShares;

  constructor(scope: Construct, id: string, props: GoldenImagesOnApi3Props) {
    super(scope, id);
    this.shares = new TencentImageShares(this, 'golden', {
      region: props.region,
      imageIds: props.imageIds,
      api: 'DescribeImageSharePermission',
    });

    // The same getters as on v2 (maxImgShareNum is v2's only, and throws here).
    new TerraformOutput(this, 'shared-with', {
      value: Object.fromEntries(this.shares.imageIds.map((imageId) => [imageId, this.shares.sharedAccountIds(imageId)])),
    });
  }
}

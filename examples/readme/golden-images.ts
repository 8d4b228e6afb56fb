import { Annotations, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { TencentImageShares } from '../../src';

export interface GoldenImagesProps {
  readonly region: string;
  readonly imageIds: readonly string[];
}

export class GoldenImages extends TerraformStack {
  constructor(scope: Construct, id: string, props: GoldenImagesProps) {
    super(scope, id);
    const shares = new TencentImageShares(this, 'golden', { region: props.region, imageIds: props.imageIds });

    // Plain, typed values at synth time: branch and loop on them.
    for (const imageId of shares.imageIds) {
      if (!shares.image(imageId).found) {
        Annotations.of(shares).addError(`${imageId} does not exist in ${props.region}`);
      }
      if (shares.isSharedWith(imageId, '100000000001')) {
        Annotations.of(shares).addError(`${imageId} must not be shared with the old vendor account`);
      }
    }
  }
}

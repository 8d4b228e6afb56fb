import { Annotations, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AliyunVodImage } from '../../src';

export interface MediaCoversProps {
  readonly region: string;
  readonly imageIds: readonly string[];
}

export class MediaCovers extends TerraformStack {
  constructor(scope: Construct, id: string, props: MediaCoversProps) {
    super(scope, id);
    for (const imageId of props.imageIds) {
      const cover = new AliyunVodImage(this, imageId, { region: props.region, imageId });
      if (!cover.found || cover.status !== 'Normal' || !cover.tags.includes('cover')) {
        Annotations.of(cover).addError(`cover ${imageId} must be uploaded and tagged "cover"`);
      }
      if ((cover.sizeBytes ?? 0) > 1_000_000) {
        Annotations.of(cover).addWarning(`cover ${imageId} is over 1 MB`);
      }
    }
  }
}

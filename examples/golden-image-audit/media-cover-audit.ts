// In your own project, import from 'cdktf-image-lookups'.
import { TerraformLocal, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AliyunVodImage, ImagePolicies, vodImagesPack } from '../../src';

export interface MediaCoverAuditProps {
  readonly region: string;
  /** Cover images by where they are used, e.g. `homepage-hero`. */
  readonly covers: Readonly<Record<string, string>>;
  /** Every cover must carry this tag. */
  readonly requiredTag: string;
  /** Covers bigger than this slow pages down. */
  readonly maxSizeBytes: number;
  readonly minWidth: number;
}

/**
Checks the VOD images used as covers with the built-in VOD pack: each must exist, be uploaded
(Normal), have a title and https URLs, be a cover, carry the required tag, and have a sane size.
Covers are customer-facing, so in this stack warnings fail `cdktf synth` too. The facts land in the
Terraform JSON.
*/
export class MediaCoverAudit extends TerraformStack {
  constructor(scope: Construct, id: string, props: MediaCoverAuditProps) {
    super(scope, id);
    const covers = Object.entries(props.covers).map(([usage, imageId]) =>
      [usage, new AliyunVodImage(this, usage, { region: props.region, imageId, snapshot: 'terraform_data', infoOutput: true })] as const);

    ImagePolicies.of(this).addPack(vodImagesPack({
      requiredTags: { tags: [props.requiredTag] },
      allowedImageTypes: { types: ['cover'] },
      sizeBounds: { maxBytes: props.maxSizeBytes, minWidth: props.minWidth },
    }), { failOn: 'warning' });

    new TerraformLocal(this, 'covers', Object.fromEntries(covers.map(([usage, cover]) =>
      [usage, { image_id: cover.imageId, title: cover.title ?? null, url: cover.url?.url ?? null, size_bytes: cover.sizeBytes ?? null }])));
  }
}

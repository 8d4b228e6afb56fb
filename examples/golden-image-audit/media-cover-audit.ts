// In your own project, import from 'cdktf-image-lookups'.
import { Annotations, TerraformLocal, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AliyunVodImage } from '../../src';

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
Checks the VOD images used as covers: each must exist, be uploaded (Normal), be a cover, carry the
required tag, and have a sane size. A failure fails `cdktf synth`; the facts land in the Terraform JSON.
*/
export class MediaCoverAudit extends TerraformStack {
  constructor(scope: Construct, id: string, props: MediaCoverAuditProps) {
    super(scope, id);
    const covers = Object.entries(props.covers).map(([usage, imageId]) =>
      [usage, new AliyunVodImage(this, usage, { region: props.region, imageId, snapshot: 'terraform_data', infoOutput: true })] as const);

    for (const [usage, cover] of covers) {
      const problems: string[] = [];
      if (!cover.found) {
        problems.push('does not exist in VOD');
      } else {
        if (cover.status !== 'Normal') problems.push(`is ${cover.status ?? 'in no known state'}, not Normal (uploaded)`);
        if (cover.imageType !== 'cover') problems.push(`is a ${cover.imageType ?? 'untyped'} image, not a cover`);
        if (!cover.tags.includes(props.requiredTag)) problems.push(`lacks the tag ${props.requiredTag} (tags: ${cover.tags.join(', ') || 'none'})`);
        if (cover.sizeBytes !== undefined && cover.sizeBytes > props.maxSizeBytes) problems.push(`is ${cover.sizeBytes} bytes, over ${props.maxSizeBytes}`);
        if (cover.width !== undefined && cover.width < props.minWidth) problems.push(`is ${cover.width} px wide, under ${props.minWidth}`);
      }
      for (const problem of problems) Annotations.of(cover).addError(`Cover ${usage} (${cover.imageId}) ${problem}`);
    }

    new TerraformLocal(this, 'covers', Object.fromEntries(covers.map(([usage, cover]) =>
      [usage, { image_id: cover.imageId, title: cover.title ?? null, url: cover.url?.url ?? null, size_bytes: cover.sizeBytes ?? null }])));
  }
}

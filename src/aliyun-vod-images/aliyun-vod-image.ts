import { Construct } from 'constructs';
import { addLookupValidations, throwWithoutSnapshot } from '../engine/add-lookup-validations';
import { LookupEngine, type LookupHandle } from '../engine/lookup-engine';
import { lookupAgeOptions, type LookupAgeProps } from '../engine/lookup-options';
import { addPolicySubjects } from '../policy/policy-subjects';
import { digestOf, shortDigest } from '../snapshot/digest';
import { LookupSnapshot, type SnapshotResourceType } from '../snapshot/lookup-snapshot';
import { checkBooleanProp, checkSnapshotProps } from '../snapshot/snapshot-prop-checks';
import { resolveAliyunVodClientConfig, type AliyunVodClientProps } from './client-config';
import { checkVodImageId } from './image-id';
import { aliyunVodImagesProvider } from './provider';
import type { VodImageInfo, VodImageStatus, VodImageType, VodMezzanine } from './response';
import { VOD_IMAGES_API } from './rules/rule-support';
import { toVodUrl, type VodUrl } from './signed-url';

export interface AliyunVodImageProps extends AliyunVodClientProps, LookupAgeProps {
  /** The image's ID: 32 lowercase hexadecimal digits. */
  readonly imageId: string;
  /**
  Keep signed URLs whole, signature included, in the cache file and in Terraform outputs.
  Warning: anyone who can read the cache file or the synthesized JSON can then fetch the image
  until the URL expires, and the committed cache changes on every refresh. Leave it off unless a
  pipeline really needs the URL itself; by default only the stable part (scheme, host, path) is
  kept, with no expiry time (it would change on every fetch). The `digest` is the same either way.
  @default false
  */
  readonly keepSignedUrls?: boolean;
  /**
  The resource that records the image info's digest in the Terraform JSON: `null_resource`,
  `terraform_data` or `none`.
  @default 'null_resource'
  */
  readonly snapshot?: SnapshotResourceType;
  /**
  A Terraform output with the image's facts (found, status, type, tags, size, dimensions; no URLs).
  @default false
  */
  readonly infoOutput?: boolean;
  /**
  Marks the info output sensitive.
  @default false
  */
  readonly sensitiveOutputs?: boolean;
}

/**
A data source: one VOD image's info (Alibaba Cloud VOD GetImageInfo), read at synth time and typed.
Many of these in one app are fetched together, 20 per GetImageInfos call.

    const cover = new AliyunVodImage(this, 'cover', { region: 'cn-shanghai', imageId: '…' });
    if (cover.status !== 'Normal' || !cover.tags.includes('cover')) Annotations.of(cover).addError('…');

Getters are undefined (tags empty) when VOD does not know the image: check `found`. That is also
the provisional answer while a build discovers lookups (never synthesized); `snapshot` then throws,
as the build skips it.
*/
export class AliyunVodImage extends Construct {
  readonly imageId: string;
  readonly region: string;
  private readonly snapshotConstruct?: LookupSnapshot;
  private readonly handle: LookupHandle<VodImageInfo>;

  constructor(scope: Construct, id: string, props: AliyunVodImageProps) {
    super(scope, id);
    // Inputs are checked here only (the provider does not), naming this construct, before the lookup is requested.
    checkVodImageId(props.imageId, `${this.node.path}: imageId`);
    checkBooleanProp(props.keepSignedUrls, `${this.node.path}: keepSignedUrls`);
    checkSnapshotProps(props, this.node.path);
    checkBooleanProp(props.infoOutput, `${this.node.path}: infoOutput`);
    const config = resolveAliyunVodClientConfig(props);
    const ageOptions = lookupAgeOptions(props, this.node.path);
    this.imageId = props.imageId;
    this.region = config.region;
    this.handle = LookupEngine.of(this).request(aliyunVodImagesProvider,
      { imageId: props.imageId, config, keepSignedUrls: props.keepSignedUrls ?? false }, ageOptions);
    addLookupValidations(this, [this.handle]);
    addPolicySubjects(this, () => {
      if (!this.handle.isResolved) return undefined;
      const location = { apiId: VOD_IMAGES_API, cloud: 'aliyun', region: this.region, imageId: this.imageId, constructPath: this.node.path };
      const info = this.info;
      return [info ? { ...location, found: true, facts: info } : { ...location, found: false }];
    });
    // Terraform children only once the lookup has a value: a provisional build is thrown away
    // (so discovery costs little), and the values below can then be plain, computed once.
    if (!this.handle.isResolved) return;

    this.snapshotConstruct = new LookupSnapshot(this, 'snapshot', {
      resourceType: props.snapshot,
      description: `Digest of VOD image ${this.imageId} in ${this.region}`,
      digest: this.digest,
      // The image's ID in the triggers, so a plan names it, as the Tencent construct's does.
      itemDigests: { [this.imageId]: shortDigest(this.digest) },
      sensitiveOutputs: props.sensitiveOutputs,
      itemOutputs: props.infoOutput ? [{
        name: 'info',
        description: `Facts of VOD image ${this.imageId}`,
        value: {
          found: this.found, status: this.status ?? null, image_type: this.imageType ?? null, tags: this.tags,
          size_bytes: this.sizeBytes ?? null, width: this.width ?? null, height: this.height ?? null,
        },
      }] : [],
    });
  }

  /** The snapshot resource and outputs in the Terraform JSON. */
  get snapshot(): LookupSnapshot {
    return this.snapshotConstruct ?? throwWithoutSnapshot(this, [this.handle]);
  }

  /** The whole normalized answer; undefined when the image was not found. */
  get info(): VodImageInfo | undefined {
    return this.handle.value;
  }

  /** False when VOD answered NoSuchResource or listed the ID in NonExistImageIds. */
  get found(): boolean {
    return this.info !== undefined;
  }

  get title(): string | undefined { return this.info?.title; }
  get description(): string | undefined { return this.info?.description; }
  get status(): VodImageStatus | undefined { return this.info?.status; }
  get imageType(): VodImageType | undefined { return this.info?.imageType; }
  get tags(): readonly string[] { return this.info?.tags ?? []; }
  get appId(): string | undefined { return this.info?.appId; }
  get categoryId(): number | undefined { return this.info?.categoryId; }
  get category(): string | undefined { return this.info?.categoryName; }
  /** ISO 8601 UTC. */
  get creationTime(): string | undefined { return this.info?.creationTime; }
  get storageLocation(): string | undefined { return this.info?.storageLocation; }
  get mezzanine(): VodMezzanine | undefined { return this.info?.mezzanine; }
  /** File size in bytes. */
  get sizeBytes(): number | undefined { return this.info?.mezzanine?.sizeBytes; }
  get width(): number | undefined { return this.info?.mezzanine?.width; }
  get height(): number | undefined { return this.info?.mezzanine?.height; }
  /** The image URL: its stable part, or the whole signed URL and its expiry with `keepSignedUrls`. */
  get url(): VodUrl | undefined { return this.info?.url; }

  /**
  `sha256:…` of the image's facts, each URL as its stable part (scheme, host, path) and whether a
  signature was there, never the signature or the expiry. So it changes when the image does, not on a
  mere refetch: with `keepSignedUrls` the URLs change on every fetch, the digest does not, and it is
  the same with `keepSignedUrls` on or off.
  */
  get digest(): string {
    const info = this.info;
    // The default reduction, applied again to a kept URL; a no-op on an already stable one, so
    // digests without keepSignedUrls are what they were when they included the stored URL as is.
    const stable = (url?: VodUrl) => {
      if (url === undefined) return undefined;
      const reduced = toVodUrl(url.url, false);
      return { url: reduced.url, signatureRemoved: url.signatureRemoved || reduced.signatureRemoved };
    };
    return digestOf(info === undefined ? { imageId: this.imageId, found: false } : {
      ...info,
      found: true,
      url: stable(info.url),
      mezzanine: info.mezzanine && {
        ...info.mezzanine, fileUrl: stable(info.mezzanine.fileUrl), originalFileName: stable(info.mezzanine.originalFileName),
      },
    });
  }

  get isResolved(): boolean {
    return this.handle.isResolved;
  }
}

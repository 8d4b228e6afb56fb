/**
What one API call is about. Every error and debug line of the call names it, so a failure in an
unattended pipeline says which cloud, action, region, endpoint and images it concerns.
*/
export interface CallContext {
  /** The cloud and product, for people: e.g. `Tencent Cloud`, `Alibaba Cloud VOD`. */
  readonly cloud: string;
  /** The API action, e.g. `GetImageShareUinInfo`. */
  readonly action: string;
  readonly region: string;
  /** The API's URL (origin and path), never with a query string: a GET query holds the key ID and the signature. */
  readonly endpoint: string;
  /** The image IDs the call asks about. */
  readonly imageIds: readonly string[];
}

/** Up to this many image IDs are named in a message; beyond, the count and the first few. */
export const MAX_IMAGE_IDS_NAMED = 10;
/** How many IDs a message names when there are too many to name them all. */
const IMAGE_IDS_SAMPLED = 5;

/** `img-a, img-b`, or `23 images: img-a, img-b, img-c, img-d, img-e, …` */
export function describeImageIds(imageIds: readonly string[]): string {
  if (imageIds.length === 0) return 'no images';
  if (imageIds.length <= MAX_IMAGE_IDS_NAMED) return imageIds.join(', ');
  return `${imageIds.length} images: ${imageIds.slice(0, IMAGE_IDS_SAMPLED).join(', ')}, …`;
}

/** `Tencent Cloud GetImageShareUinInfo in ap-guangzhou at https://…/v2/index.php for img-a; attempt 2; RequestId r-1` */
export function describeCall(context: CallContext, attempt: number, requestId?: string): string {
  return `${context.cloud} ${context.action} in ${context.region} at ${context.endpoint} for ${describeImageIds(context.imageIds)}; ` +
    `attempt ${attempt}${requestId ? `; RequestId ${requestId}` : ''}`;
}

/** Statuses that say "try again later": throttled (429) or a server-side fault (5xx). */
export function isTransientStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

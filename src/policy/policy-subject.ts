/**
One looked-up image as policies see it: where it was looked up, by which construct, and the API's
own normalized facts about it. `Facts` is the API's type, e.g. the Tencent share list with the
account's share quota, or VOD's `VodImageInfo`.
*/
export type PolicySubject<Facts = unknown> = FoundSubject<Facts> | NotFoundSubject;

/** What every subject has, found or not. */
export interface SubjectLocation {
  /** The API folder that looked it up, e.g. `tencent-image-shares`: a rule sees only the subjects of its own API. */
  readonly apiId: string;
  /** The cloud, e.g. `tencent`. */
  readonly cloud: string;
  /** The region the image was looked up in; `''` for an API without regions. */
  readonly region: string;
  /** The image ID as the construct requested it. */
  readonly imageId: string;
  /** The construct's path in the app (`node.path`), e.g. `prod/base-image`: where findings are reported and suppressions match. */
  readonly constructPath: string;
}

/** An image the API knows, with its facts. */
export interface FoundSubject<Facts> extends SubjectLocation {
  readonly found: true;
  readonly facts: Facts;
}

/** An image the API does not know: no facts. Rules that need facts skip it; an "image not found" rule reports it. */
export interface NotFoundSubject extends SubjectLocation {
  readonly found: false;
  readonly facts?: undefined;
}

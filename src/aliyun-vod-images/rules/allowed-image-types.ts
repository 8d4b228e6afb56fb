import type { SubjectRule } from '../../policy';
import type { VodImageInfo } from '../response';
import { foundImageRule, imageText, listText, optionsObject, stringListOption } from './rule-support';

const ID = 'AliyunVod.AllowedImageTypes';

/** Options of AliyunVod.AllowedImageTypes. */
export interface VodAllowedImageTypesOptions {
  /** The ImageType values allowed, compared exactly, e.g. `['cover', 'default']`. At least one. */
  readonly types: readonly string[];
}

/**
AliyunVod.AllowedImageTypes: the image's ImageType is one of `types`. An image without an ImageType
is a finding (its type cannot be shown to be allowed). Severity `error` by default. Throws a
LookupInputError for invalid options.
*/
export function vodAllowedImageTypes(options: VodAllowedImageTypesOptions): SubjectRule<VodImageInfo> {
  const checked = optionsObject(ID, options, ['types'], { example: "{ types: ['cover'] }" });
  const allowed = stringListOption(ID, 'types', checked.types, 'image types', "['cover', 'default']");
  return foundImageRule({
    id: ID,
    severity: 'error',
    description: `VOD images are of the types ${listText(allowed)}`,
    docs: 'VOD keeps covers, snapshots and sprites as images of different `ImageType`s. A stack that expects a cover '
      + 'must not get a sprite snapshot: an image of another type, or of no known type, is a finding.',
    fixHint: `Refer to an image of one of the types ${listText(allowed)}, or allow its type in the rule's options.`,
  }, (subject) => {
    const { imageType } = subject.facts;
    if (imageType !== undefined && allowed.includes(imageType)) return undefined;
    return {
      message: imageType === undefined
        ? `${imageText(subject)} has no image type in VOD's answer, so it cannot be shown to be ${listText(allowed)}`
        : `${imageText(subject)} is of type ${imageType}, which is not allowed (allowed: ${listText(allowed)})`,
      evidence: { imageType: imageType ?? null, allowed: [...allowed] },
    };
  });
}

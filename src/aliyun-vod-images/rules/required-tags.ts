import type { SubjectRule } from '../../policy';
import type { VodImageInfo } from '../response';
import { foundImageRule, imageText, listText, optionsObject, stringListOption } from './rule-support';

const ID = 'AliyunVod.RequiredTags';

/** Options of AliyunVod.RequiredTags. */
export interface VodRequiredTagsOptions {
  /** The tags every image must carry, compared exactly (case included). At least one; none may contain a comma. */
  readonly tags: readonly string[];
}

/**
AliyunVod.RequiredTags: the image carries every one of `tags` (the API's comma-separated Tags, split
and trimmed). Severity `warning` by default. Throws a LookupInputError for invalid options.
*/
export function vodRequiredTags(options: VodRequiredTagsOptions): SubjectRule<VodImageInfo> {
  const checked = optionsObject(ID, options, ['tags'], { example: "{ tags: ['approved'] }" });
  const required = stringListOption(ID, 'tags', checked.tags, 'tags', "['approved']",
    (tag) => (tag.includes(',') ? `${JSON.stringify(tag)} contains a comma, which VOD uses to separate tags: give each tag on its own` : undefined));
  return foundImageRule({
    id: ID,
    severity: 'warning',
    description: `VOD images carry the tags ${listText(required)}`,
    docs: 'Tags record who owns an image and what it is approved for. An image missing any of the required tags '
      + '(compared exactly, case included) is a finding listing the missing ones.',
    fixHint: 'Add the missing tags to the image (VOD console or UpdateImageInfos), or refer to an image that has them.',
  }, (subject) => {
    const missing = required.filter((tag) => !subject.facts.tags.includes(tag));
    if (missing.length === 0) return undefined;
    return {
      message: `${imageText(subject)} lacks the required ${missing.length === 1 ? 'tag' : 'tags'} ${listText(missing)}`,
      evidence: { missing, tags: [...subject.facts.tags] },
    };
  });
}

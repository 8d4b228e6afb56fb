import type { SubjectRule, VodImageInfo } from '../../src';

/** A custom rule: the same shape as the built-in ones, a pure function of one looked-up image. */
export const coversInCoverCategory: SubjectRule<VodImageInfo> = {
  id: 'Acme.CoverCategory',
  apiId: 'aliyun-vod-images',
  severity: 'warning',
  description: 'VOD images are filed in a covers category',
  fixHint: 'Move the image to a category whose name ends in "covers" (VOD console, or UpdateImageInfos).',
  check: (subject) => {
    if (!subject.found) return []; // AliyunVod.ImageFound reports missing images.
    const category = subject.facts.categoryName;
    if (category?.endsWith('covers')) return [];
    return [{
      message: `Image ${subject.imageId} is in the category ${category ?? '(none)'}, not a covers category`,
      evidence: { category: category ?? null },
    }];
  },
};

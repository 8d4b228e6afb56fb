import { foundImageRule, imageText } from './rule-support';

/** AliyunVod.TitleRequired: the image has a title (one that is not only blanks). Severity `warning` by default. */
export const vodTitleRequired = foundImageRule({
  id: 'AliyunVod.TitleRequired',
  severity: 'warning',
  description: 'VOD images have a title',
  docs: 'Media libraries are searched and reviewed by title: an image without one (no `Title`, or only blanks) is hard to find and to audit.',
  fixHint: 'Give the image a title in the VOD console or with UpdateImageInfos.',
}, (subject) => {
  const { title } = subject.facts;
  if (title !== undefined && title.trim() !== '') return undefined;
  return {
    message: `${imageText(subject)} has ${title === undefined ? 'no title' : 'a blank title'}`,
    evidence: { title: title ?? null },
  };
});

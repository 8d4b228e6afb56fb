import type { SubjectRule } from '../../policy';
import type { VodImageInfo } from '../response';
import { imageText, VOD_IMAGES_API } from './rule-support';

/**
AliyunVod.ImageFound: every looked-up image exists. A missing image is a finding, never a crash.

Severity `error` by default: a stack that refers to an image VOD does not know deploys something
broken. It is suppressible, for an image that a pipeline uploads after synth (the suppression's
reason says so); for any other severity, spread the rule: `{ ...vodImageFound, severity: 'warning' }`.
*/
export const vodImageFound: SubjectRule<VodImageInfo> = {
  id: 'AliyunVod.ImageFound',
  apiId: VOD_IMAGES_API,
  severity: 'error',
  description: 'Looked-up VOD images exist',
  docs: 'Reports every looked-up image that GetImageInfo(s) says does not exist (`NonExistImageIds`, or `NoSuchResource`) '
    + 'in the region and account of the lookup. The other AliyunVod rules skip such images: this one covers them.',
  fixHint: 'Check the image ID, the region and the account whose keys the lookup uses; upload the image, or refer to one that exists.',
  check: (subject) => (subject.found ? [] : [{
    message: `${imageText(subject)} does not exist in VOD${subject.region ? ` region ${subject.region}` : ''}`,
    evidence: { imageId: subject.imageId, region: subject.region },
  }]),
};

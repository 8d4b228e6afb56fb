import { foundImageRule, imageText } from './rule-support';

/**
AliyunVod.StatusNormal: the image's status is `Normal` (uploaded), not `Uploading` or `UploadFail`.

An image whose answer has no Status (the seed example has none) is a finding too: its status cannot
be confirmed Normal. Severity `error` by default.
*/
export const vodStatusNormal = foundImageRule({
  id: 'AliyunVod.StatusNormal',
  severity: 'error',
  description: 'VOD images have the status Normal',
  docs: 'An image is usable once its upload has finished: its `Status` is `Normal`. `Uploading` and `UploadFail` '
    + '(or any other value) are findings, and so is an answer without a Status, which cannot show the image is Normal.',
  fixHint: 'Wait for the upload to finish, or upload the image again if it failed; refer to an image whose status is Normal.',
}, (subject) => {
  const { status } = subject.facts;
  if (status === 'Normal') return undefined;
  return {
    message: status === undefined
      ? `${imageText(subject)} has no status in VOD's answer, so it cannot be confirmed Normal`
      : `${imageText(subject)} has the status ${status}, not Normal`,
    evidence: { status: status ?? null },
  };
});

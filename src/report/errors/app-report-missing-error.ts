import { LookupError } from '../../engine/errors/lookup-error';

/** The app ran, but wrote no report to IMAGE_LOOKUPS_REPORT_DIR: nothing was checked (exit code 2). */
export class AppReportMissingError extends LookupError {
  constructor(readonly appCommand: string) {
    super('AppReportMissing', `The app (${appCommand}) synthesized, but reported no lookups to check. ` +
      'Either it creates no lookup construct (TencentImageShares, AliyunVodImage, or one using addPolicySubjects), ' +
      'or it loads another copy of cdktf-image-lookups than the CLI does (npm ls cdktf-image-lookups), or it never calls app.synth()');
  }
}

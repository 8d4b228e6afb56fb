import { LookupError } from '../../engine/errors/lookup-error';

/** A file in IMAGE_LOOKUPS_REPORT_DIR that `check` cannot aggregate: the check could not run (exit code 2). */
export class AppReportInvalidError extends LookupError {
  constructor(
    /** The app report file. */
    readonly file: string,
    /** What is wrong, e.g. `findings[0].failOn: expected one of error, warning`. */
    readonly problem: string,
  ) {
    super('AppReportInvalid', `The app wrote a report the CLI cannot read, ${file}: ${problem}. ` +
      'Make sure the app and the image-lookups CLI come from the same installed version of cdktf-image-lookups (npm ls cdktf-image-lookups)');
  }
}

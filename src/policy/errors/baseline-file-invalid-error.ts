import { LookupError } from '../../engine/errors/lookup-error';

/** A baseline file (`--baseline FILE`) that cannot be used: missing, unreadable, not JSON, or not a baseline. */
export class BaselineFileInvalidError extends LookupError {
  constructor(
    /** The baseline file. */
    readonly file: string,
    /** What is wrong, e.g. `field findings[3].imageId: expected a string`. */
    readonly problem: string,
    cause?: unknown,
  ) {
    super('BaselineFileInvalid',
      `Cannot use the baseline ${file}: ${problem}. Check the path, or record the current findings again with: ` +
      `npx image-lookups check --create-baseline ${file}`, { cause });
  }
}

import { LookupError } from '../engine/errors/lookup-error';

/** Bad command-line usage: exit code 2, with the usage text. */
export class UsageError extends LookupError {
  constructor(
    message: string,
    /** The flag or argument at fault, e.g. `--port`, when there is one. */
    readonly flag?: string,
  ) {
    super('InvalidUsage', message);
  }
}

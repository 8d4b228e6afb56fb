/**
Base class of every error this library throws on purpose.

`code` is stable and PascalCase (like AWS CDK's `ContextProviderError('AmiNotFound', …)`), so CI
scripts and tests can match on it; the message is for humans and may change.
*/
export class LookupError extends Error {
  /** Marks instances across copies of this module (two installs in one tree). */
  readonly isLookupError = true;

  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** True for any error thrown by this library, even from another copy of the module. */
export function isLookupError(error: unknown): error is LookupError {
  return typeof error === 'object' && error !== null && (error as LookupError).isLookupError === true;
}

import { LookupError } from './lookup-error';

/** `image-lookups refresh` found no app command to run: no readable cdktf.json, or one without an `app`. */
export class AppCommandMissingError extends LookupError {
  constructor(
    /** The cdktf.json it looked for. */
    readonly file: string,
    problem: string,
    cause?: unknown,
  ) {
    super('AppCommandMissing',
      `Cannot read the app command from ${file}: ${problem}. Run image-lookups refresh in the directory where cdktf.json is, ` +
      'and make sure it has an "app" command (for example "npx ts-node main.ts").', { cause });
  }
}

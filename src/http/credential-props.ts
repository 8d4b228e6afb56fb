import { LookupInputError } from '../engine/errors';

/**
A credential prop, when given, must be a non-blank string: signing with an empty key only earns an
authentication error from the API, after a round trip. The value is never repeated in the message.
`envVar` names what is used when the prop is left out.
*/
export function checkCredentialProp(value: unknown, prop: string, envVar: string): void {
  if (value === undefined) return;
  if (typeof value !== 'string') throw new LookupInputError(prop, `expected a string, got ${value === null ? 'null' : typeof value}`);
  if (value.trim() === '') {
    throw new LookupInputError(prop, `is empty; give the credential, or leave the prop out to use ${envVar}`);
  }
}

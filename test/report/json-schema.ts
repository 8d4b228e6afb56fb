// Validating the report formats against JSON Schemas, with ajv in strict mode and its formats.
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The SARIF 2.1.0 schema this repository ships for its tests (a copy of @microsoft/jest-sarif's). */
export const SARIF_SCHEMA_FILE = join(__dirname, 'schemas', 'sarif-2.1.0-rtm.5.json');

/** A validation's outcome: the errors, as ajv words them, `[]` when valid. */
export type Validate = (value: unknown) => string[];

/** A validator for a draft-07 schema (ajv's default). */
export function validatorFor(schema: object, options: { readonly strict?: boolean; readonly unicodeRegExp?: boolean } = {}): Validate {
  const ajv = new Ajv({ allErrors: true, strict: options.strict ?? true, unicodeRegExp: options.unicodeRegExp ?? true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (value) => (validate(value) ? [] : (validate.errors ?? []).map(describe));
}

/**
A validator for the SARIF schema. It is a draft-04 schema, which ajv 8 does not read as such; it
uses none of what draft-07 changed except naming its id `id`, so it is read as draft-07 with its id
renamed. Not in strict mode: it has `required` in `anyOf` branches that do not declare the properties,
which is valid JSON Schema but what ajv's strictRequired rejects. And its patterns compiled without
the `u` flag: its language pattern has a stray `]`, an error only in unicode mode.
*/
export function sarifValidator(): Validate {
  const { $schema: _draft04, id, ...schema } = JSON.parse(readFileSync(SARIF_SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  return validatorFor({ $id: id, ...schema }, { strict: false, unicodeRegExp: false });
}

function describe(error: ErrorObject): string {
  const extra = error.keyword === 'additionalProperties' ? ` (${(error.params as { additionalProperty: string }).additionalProperty})` : '';
  return `${error.instancePath || '/'} ${error.message ?? error.keyword}${extra}`;
}

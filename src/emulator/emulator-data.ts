import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { APIS } from '../apis';
import type { EmulatorSection } from './emulator-section';

/** Every registered API's section of the data file. */
type RegisteredSection = (typeof APIS)[number]['emulator']['section'];

/** The data file's schema for `Section`s: each one's data under its name, its keys under `credentials.<name>`. */
type EmulatorDataSchema<Section extends EmulatorSection> = z.ZodObject<
  { credentials: z.ZodObject<{ [S in Section as S['name']]: z.ZodDefault<z.ZodArray<S['credentialSchema']>> }, z.core.$loose> }
  & { [S in Section as S['name']]: S['schema'] },
  z.core.$loose
>;

/**
The schema of a data file holding `sections`. Loose at the top level and in `credentials`, so each
API adds its own section without breaking files written for the others.
*/
export function emulatorDataSchemaOf<Section extends EmulatorSection>(sections: readonly Section[]): EmulatorDataSchema<Section> {
  const credentials = Object.fromEntries(sections.map((section) => [section.name, z.array(section.credentialSchema).default([])]));
  const data = Object.fromEntries(sections.map((section) => [section.name, section.schema]));
  return z.looseObject({ credentials: z.looseObject(credentials), ...data }) as unknown as EmulatorDataSchema<Section>;
}

/** Schema of an emulator data file: the sections of every API in `APIS`. */
export const emulatorDataSchema = emulatorDataSchemaOf<RegisteredSection>(APIS.map((api) => api.emulator.section));

/** Accounts and resources the emulator serves (after defaults are applied). */
export type EmulatorData = z.output<typeof emulatorDataSchema>;
/** An emulator data file as written (defaults not applied yet). */
export type EmulatorDataInput = z.input<typeof emulatorDataSchema>;

/** Validates data given as an object; `source` names it in errors (a file path, or 'inline data'). */
export function parseEmulatorData(value: unknown, source = 'inline emulator data'): EmulatorData {
  return validate(emulatorDataSchema, value, source);
}

/** Reads and validates a JSON data file; every error names the file. */
export function loadEmulatorData(file: string): EmulatorData {
  return load(emulatorDataSchema, file);
}

/** Data given as an object, or the path of a JSON file, validated against `schema` (see `emulatorDataSchemaOf`). */
export function readEmulatorData<Schema extends z.ZodType>(schema: Schema, data: unknown): z.output<Schema> {
  return typeof data === 'string' ? load(schema, data) : validate(schema, data, 'inline emulator data');
}

function validate<Schema extends z.ZodType>(schema: Schema, value: unknown, source: string): z.output<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  - ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`Invalid emulator data in ${source}:\n${problems.join('\n')}`);
  }
  return result.data;
}

function load<Schema extends z.ZodType>(schema: Schema, file: string): z.output<Schema> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read emulator data file ${file}: ${(error as Error).message}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`Emulator data file ${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return validate(schema, json, `file ${file}`);
}

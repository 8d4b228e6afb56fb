import type { z } from 'zod';

/**
One API folder's part of the emulator data file: its data under `<name>` and its keys under
`credentials.<name>`. Each API folder defines its own; the file's schema is built from them, and a
route is lent only its own section.
*/
export interface EmulatorSection<
  Name extends string = string,
  Schema extends z.ZodType = z.ZodType,
  CredentialSchema extends z.ZodType = z.ZodType,
> {
  /** The key of the section and of its credential list: `<name>` and `credentials.<name>` in the file. */
  readonly name: Name;
  /** The section's data; give it a default, so a file written for other APIs stays valid. */
  readonly schema: Schema;
  /** One key the emulator accepts. */
  readonly credentialSchema: CredentialSchema;
}

/** The section's data, defaults applied. */
export type SectionData<Section extends EmulatorSection> = z.output<Section['schema']>;
/** One of the section's keys, defaults applied. */
export type SectionCredential<Section extends EmulatorSection> = z.output<Section['credentialSchema']>;

/** Defines a section, keeping its name's literal type (the data file's types are built from it). */
export function emulatorSection<Name extends string, Schema extends z.ZodType, CredentialSchema extends z.ZodType>(
  section: EmulatorSection<Name, Schema, CredentialSchema>,
): EmulatorSection<Name, Schema, CredentialSchema> {
  return section;
}

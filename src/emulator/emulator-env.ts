import type { ApiDescriptor } from '../api-descriptor';
import { shellQuoted } from '../engine/suggested-command';

/** What `emulatorEnvOf` found for one API. */
export interface ApiEmulatorEnv {
  readonly api: ApiDescriptor;
  /** The API's env vars: its endpoints, and its key's variables when the data lists a key. */
  readonly env: Readonly<Record<string, string>>;
  /** Whether the data lists a key for the API (else `env` holds only the endpoints). */
  readonly hasKey: boolean;
}

/**
Each API's env vars pointing its lookups at an emulator at `origin`, signing with the first key its
section of the data lists (`credentialsOf(section name)`).
*/
export function emulatorEnvOf(apis: readonly ApiDescriptor[], origin: string,
  credentialsOf: (sectionName: string) => readonly unknown[]): ApiEmulatorEnv[] {
  return apis.map((api) => {
    const [first] = credentialsOf(api.emulator.section.name);
    return first === undefined
      ? { api, env: Object.fromEntries(api.endpointEnvVars.map((name) => [name, origin])), hasKey: false }
      : { api, env: api.emulatorEnv(origin, first as never), hasKey: true };
  });
}

/** `export A=1 B='x y'`: one line a POSIX shell takes as is. */
export function shellExportLine(env: Readonly<Record<string, string>>): string {
  return `export ${Object.entries(env).map(([name, value]) => `${name}=${shellQuoted(value)}`).join(' ')}`;
}

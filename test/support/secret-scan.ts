import * as fs from 'node:fs';
import * as path from 'node:path';

/** One thing a run produced, as text: a file's content, a stream, a message. */
export interface Produced {
  /** Where it came from, e.g. `stderr` or `file cdktf.out/stacks/media-covers/cdk.tf.json`. */
  readonly where: string;
  readonly text: string;
}

/** A secret found where it must not be. */
export interface Leak {
  readonly where: string;
  /** The secret's name, e.g. `Tencent SecretKey`: a report names what leaked, not its value. */
  readonly secret: string;
  /** Which of `secretForms` was found, e.g. `percent-encoded`. */
  readonly form: string;
}

/**
Every regular file under `dir`, recursively, as text. Symbolic links are not followed: a run's
project dir links `node_modules` to the repo's, which is not something the run produced.
*/
export function filesUnder(dir: string): Produced[] {
  const found: Produced[] = [];
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) found.push({ where: `file ${path.relative(dir, full)}`, text: fs.readFileSync(full, 'utf8') });
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return found;
}

/**
The forms a secret can take in text: as is, percent-encoded once (a query or form) or twice (an
Alibaba string to sign), Base64 (an Authorization header), and JSON-escaped (a log of a JSON body).
*/
export function secretForms(value: string): ReadonlyArray<{ readonly form: string; readonly text: string }> {
  const once = encodeURIComponent(value);
  const forms = [
    { form: 'raw', text: value },
    { form: 'percent-encoded', text: once },
    { form: 'percent-encoded twice', text: encodeURIComponent(once) },
    { form: 'form-encoded', text: new URLSearchParams({ v: value }).toString().slice(2) },
    { form: 'base64', text: Buffer.from(value, 'utf8').toString('base64') },
    { form: 'JSON-escaped', text: JSON.stringify(value).slice(1, -1) },
  ];
  return forms.filter((candidate, index) => forms.findIndex((other) => other.text === candidate.text) === index);
}

/** Each secret found in a produced text: one entry per text, secret and form found. */
export function findLeaks(produced: readonly Produced[], secrets: Readonly<Record<string, string>>): Leak[] {
  const leaks: Leak[] = [];
  for (const { where, text } of produced) {
    for (const [secret, value] of Object.entries(secrets)) {
      for (const { form, text: needle } of secretForms(value)) {
        if (text.includes(needle)) leaks.push({ where, secret, form });
      }
    }
  }
  return leaks;
}

import * as fs from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { stableStringify } from '../engine/stable-json';
import { formatIssuePath } from '../engine/zod-issue';
import { BASELINE_VERSION, type Baseline } from './baseline';
import { BaselineFileInvalidError } from './errors/baseline-file-invalid-error';

const entrySchema = z.strictObject({
  ruleId: z.string().min(1),
  constructPath: z.string(),
  imageId: z.string(),
});

const baselineSchema = z.object({
  version: z.literal(BASELINE_VERSION, { error: `expected ${BASELINE_VERSION}: this version of the library reads baseline version ${BASELINE_VERSION}` }),
  findings: z.array(entrySchema),
}, { error: 'it is not an object with "version" and "findings"' });

/** A baseline as it is committed: pretty-printed JSON with sorted keys, ending in a newline. */
export function formatBaseline(baseline: Baseline): string {
  return stableStringify(baseline);
}

/** Parses a baseline file's text; `file` names it in the BaselineFileInvalidError thrown for anything but a baseline. */
export function parseBaseline(text: string, file: string): Baseline {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BaselineFileInvalidError(file, `it is not JSON (${(error as Error).message})`, error);
  }
  const parsed = baselineSchema.safeParse(json);
  if (parsed.success) return parsed.data as Baseline;
  const issue = parsed.error.issues[0];
  const field = formatIssuePath(issue.path);
  throw new BaselineFileInvalidError(file, `${field ? `field ${field}: ` : ''}${issue.message}`, parsed.error);
}

/** Reads and parses a baseline file: a BaselineFileInvalidError, naming it, when it is missing, unreadable or invalid. */
export function readBaselineFile(file: string): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BaselineFileInvalidError(file, code === 'ENOENT' ? 'there is no such file' : `it cannot be read (${(error as Error).message})`, error);
  }
  return parseBaseline(text, file);
}

/** Writes a baseline atomically (never half-written), in `formatBaseline`'s form. */
export async function writeBaselineFile(file: string, baseline: Baseline): Promise<void> {
  await writeFileAtomic(file, formatBaseline(baseline), { encoding: 'utf8' });
}

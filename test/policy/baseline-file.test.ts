import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  BaselineFileInvalidError, createBaseline, formatBaseline, parseBaseline, readBaselineFile, writeBaselineFile, type Baseline,
} from '../../src/policy';
import { thrown } from '../support/expect-errors';

const baseline: Baseline = { version: 1, findings: [{ ruleId: 'Fake.GoldenTag', constructPath: 'prod/a', imageId: 'img-a' }] };

describe('baseline files', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baseline-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('are written as sorted, indented JSON ending in a newline, and read back the same', async () => {
    const file = path.join(dir, 'baseline.json');
    await writeBaselineFile(file, baseline);
    expect(fs.readFileSync(file, 'utf8')).toBe(formatBaseline(baseline));
    expect(formatBaseline(baseline)).toBe(
      '{\n  "findings": [\n    {\n      "constructPath": "prod/a",\n      "imageId": "img-a",\n      "ruleId": "Fake.GoldenTag"\n    }\n  ],\n  "version": 1\n}\n');
    expect(readBaselineFile(file)).toEqual(baseline);
  });

  test('an empty baseline is a valid file', () => {
    expect(parseBaseline(formatBaseline(createBaseline([])), 'b.json')).toEqual({ version: 1, findings: [] });
  });

  test.each<[string, string, RegExp]>([
    ['not JSON', '{"version":1,', /^Cannot use the baseline b\.json: it is not JSON \(.+\)\. Check the path, or record the current findings again with: npx image-lookups check --create-baseline b\.json$/],
    ['a list', '[]', /^Cannot use the baseline b\.json: it is not an object with "version" and "findings"\. /],
    ['another version', '{"version":2,"findings":[]}', /field version: expected 1: this version of the library reads baseline version 1/],
    ['no findings', '{"version":1}', /field findings: /],
    ['an entry without an image ID', '{"version":1,"findings":[{"ruleId":"R","constructPath":"p"}]}', /field findings\[0\]\.imageId: /],
    ['an entry with an unknown field', '{"version":1,"findings":[{"ruleId":"R","constructPath":"p","imageId":"i","message":"m"}]}', /field findings\[0\]: /],
  ])('refuses a file that is %s, naming it and the field', (_what, text, message) => {
    const error = thrown(() => parseBaseline(text, 'b.json'), BaselineFileInvalidError);
    expect(error).toMatchObject({ code: 'BaselineFileInvalid', file: 'b.json' });
    expect(error.message).toMatch(message);
  });

  test('refuses a missing file, naming it', () => {
    const file = path.join(dir, 'missing.json');
    const error = thrown(() => readBaselineFile(file), BaselineFileInvalidError);
    expect(error).toMatchObject({ code: 'BaselineFileInvalid', file, problem: 'there is no such file' });
  });

  test('refuses a directory, naming it', () => {
    expect(thrown(() => readBaselineFile(dir), BaselineFileInvalidError).problem).toMatch(/^it cannot be read \(/);
  });
});

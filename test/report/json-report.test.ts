import checkReportSchema from '../../src/report/report.schema.json';
import lookupsFileSchema from '../../src/report/lookups.schema.json';
import { CHECK_REPORT_SCHEMA, LOOKUPS_FILE_SCHEMA, renderJsonReport, renderLookupsFile, type CheckReport } from '../../src/report';
import { validatorFor } from './json-schema';
import { cleanReport, sampleLookupsFile, sampleReport, TRICKY_MESSAGE } from './sample-report';

const validateReport = validatorFor(checkReportSchema);
const validateLookups = validatorFor(lookupsFileSchema);

/** The sample as report.json gives it back, for editing into a drifted report. */
const parsedSample = (): Record<string, any> => JSON.parse(renderJsonReport(sampleReport()));

describe('renderJsonReport', () => {
  test('writes the report as two-space JSON with sorted keys and a final newline, losing nothing', () => {
    const text = renderJsonReport(sampleReport());
    expect(JSON.parse(text)).toEqual(sampleReport());
    expect(text.endsWith('}\n')).toBe(true);
    const topLevelKeys = text.split('\n').flatMap((line) => /^ {2}"(\w+)":/.exec(line)?.[1] ?? []);
    expect(topLevelKeys).toEqual(Object.keys(sampleReport()).sort());
    expect(text).toContain('\n  "summary": {\n    "baseline": {\n      "file": "image-lookups.baseline.json",\n');
    expect(text).toContain(JSON.stringify(TRICKY_MESSAGE));
  });

  test('gives the same bytes whatever order the report\'s keys were built in', () => {
    const reversed = Object.fromEntries(Object.entries(sampleReport()).reverse()) as unknown as CheckReport;
    expect(renderJsonReport(reversed)).toBe(renderJsonReport(sampleReport()));
  });

  test.each([['the sample', sampleReport()], ['a clean check', cleanReport()]])('gives %s as report.json that report.schema.json accepts', (_, report) => {
    expect(validateReport(JSON.parse(renderJsonReport(report)))).toEqual([]);
  });

  test('exports the schemas it documents the formats with', () => {
    expect(CHECK_REPORT_SCHEMA).toBe(checkReportSchema);
    expect(CHECK_REPORT_SCHEMA.$id).toBe('https://github.com/cdktf-image-lookups/schemas/report-1.json');
    expect(LOOKUPS_FILE_SCHEMA).toBe(lookupsFileSchema);
    expect(LOOKUPS_FILE_SCHEMA.$id).toBe('https://github.com/cdktf-image-lookups/schemas/lookups-1.json');
  });
});

describe('report.schema.json', () => {
  test.each<[string, (report: Record<string, any>) => void, string]>([
    ['an unknown top-level field', (report) => { report.extra = true; }, '/ must NOT have additional properties (extra)'],
    ['an unknown field on a finding', (report) => { report.findings[0].note = 'drift'; }, '/findings/0 must NOT have additional properties (note)'],
    ['a finding without failing', (report) => { delete report.findings[1].failing; }, '/findings/1 must have required property \'failing\''],
    ['a bad severity', (report) => { report.findings[0].severity = 'critical'; }, '/findings/0/severity must be equal to one of the allowed values'],
    ['a bad failOn', (report) => { report.failOn = 'info'; }, '/failOn must be equal to one of the allowed values'],
    ['another schema version', (report) => { report.schemaVersion = 2; }, '/schemaVersion must be equal to constant'],
    ['a summary without passed', (report) => { delete report.summary.passed; }, '/summary must have required property \'passed\''],
    ['a negative count', (report) => { report.summary.errors = -1; }, '/summary/errors must be >= 0'],
    ['a source line 0', (report) => { report.findings[0].source.line = 0; }, '/findings/0/source/line must be >= 1'],
    ['a generatedAt that is not a date-time', (report) => { report.generatedAt = 'yesterday'; }, '/generatedAt must match format "date-time"'],
    ['an unknown field on a suppression', (report) => { report.unusedSuppressions[0].comment = 'x'; }, '/unusedSuppressions/0 must NOT have additional properties (comment)'],
    ['a suppressed finding that says whether it fails', (report) => { report.suppressed[0].finding.failing = false; },
      '/suppressed/0/finding must NOT have additional properties (failing)'],
    ['an unknown field on a rule', (report) => { report.rules[0].tags = []; }, '/rules/0 must NOT have additional properties (tags)'],
    ['an unknown mode', (report) => { report.mode = 'online'; }, '/mode must be equal to one of the allowed values'],
  ])('rejects a report with %s', (_, drift, error) => {
    const report = parsedSample();
    drift(report);
    expect(validateReport(report)).toContain(error);
  });

  test('lets evidence and facts be any JSON', () => {
    const report = parsedSample();
    report.findings[0].evidence = { nested: { list: [1, 'two', null, true] }, anything: 'goes' };
    expect(validateReport(report)).toEqual([]);
  });

  test('describes a checked finding as a reported finding with failing, field for field', () => {
    const { reportedFinding, checkFinding } = checkReportSchema.definitions;
    expect(checkFinding.properties).toEqual({ ...reportedFinding.properties, failing: expect.anything() });
    expect(checkFinding.required).toEqual([...reportedFinding.required, 'failing']);
  });
});

describe('renderLookupsFile', () => {
  test('writes lookups.json as stable JSON that lookups.schema.json accepts', () => {
    const text = renderLookupsFile(sampleLookupsFile());
    expect(JSON.parse(text)).toEqual(sampleLookupsFile());
    expect(text.endsWith('}\n')).toBe(true);
    expect(validateLookups(JSON.parse(text))).toEqual([]);
  });

  test.each<[string, (file: Record<string, any>) => void, string]>([
    ['a found image without facts', (file) => { delete file.lookups[0].facts; }, '/lookups/0 must have required property \'facts\''],
    ['an image not found, with facts', (file) => { file.lookups[1].facts = {}; }, '/lookups/1/facts boolean schema is false'],
    ['facts that are not an object', (file) => { file.lookups[0].facts = 'shared'; }, '/lookups/0/facts must be object'],
    ['an unknown field on a lookup', (file) => { file.lookups[2].digest = 'x'; }, '/lookups/2 must NOT have additional properties (digest)'],
    ['another version', (file) => { file.version = 2; }, '/version must be equal to constant'],
    ['a lookup without its construct path', (file) => { delete file.lookups[2].constructPath; }, '/lookups/2 must have required property \'constructPath\''],
  ])('the schema rejects a file with %s', (_, drift, error) => {
    const file = JSON.parse(renderLookupsFile(sampleLookupsFile()));
    drift(file);
    expect(validateLookups(file)).toContain(error);
  });
});

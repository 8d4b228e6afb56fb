import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { renderJunitReport, type CheckReport } from '../../src/report';
import { ALLOWLIST_FINDING, cleanReport, reportedFinding, sampleReport, SAMPLE_RULES, TRICKY_MESSAGE } from './sample-report';

/** The attributes the tests read (the parser gives every attribute as a string). */
interface Attributes {
  readonly name?: string; readonly classname?: string; readonly value?: string; readonly time?: string; readonly timestamp?: string;
  readonly tests?: string; readonly failures?: string; readonly errors?: string; readonly skipped?: string;
  readonly message?: string; readonly type?: string;
}
interface TestCase extends Attributes {
  readonly failure?: Attributes & { readonly '#text': string };
  readonly skipped?: string & Attributes;
  readonly 'system-out'?: string;
}
interface TestSuite extends Attributes {
  readonly properties: { readonly property: readonly Attributes[] };
  readonly testcase: readonly TestCase[];
}
interface JunitDocument { readonly testsuites: Attributes & { readonly testsuite: readonly TestSuite[] } }

/** The XML, checked well-formed and parsed back: attributes without prefix, lists always lists, entities decoded. */
function parsed(xml: string): JunitDocument {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, parseTagValue: false,
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  });
  return parser.parse(xml) as JunitDocument;
}

const suitesOf = (report: CheckReport) => parsed(renderJunitReport(report)).testsuites.testsuite;
const suiteNamed = (suites: readonly TestSuite[], name: string): TestSuite => {
  const suite = suites.find((candidate) => candidate.name === name);
  if (!suite) throw new Error(`no test suite ${name}`);
  return suite;
};

describe('renderJunitReport', () => {
  test('gives well-formed XML with a declaration and a final newline', () => {
    const xml = renderJunitReport(sampleReport());
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    expect(xml.endsWith('</testsuites>\n')).toBe(true);
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  test('totals the test cases, failures and skipped ones on <testsuites>, time-stamped with generatedAt', () => {
    const { testsuites } = parsed(renderJunitReport(sampleReport()));
    expect(testsuites).toMatchObject({
      name: 'cdktf-image-lookups', tests: '8', failures: '2', errors: '0', skipped: '1', time: '0', timestamp: '2026-06-01T12:34:56',
    });
  });

  test('gives a suite per rule, named by its id, with its declaration as properties and its totals', () => {
    const suites = suitesOf(sampleReport());
    expect(suites.map((suite) => suite.name)).toEqual(SAMPLE_RULES.map((rule) => rule.id));
    const allowlist = suiteNamed(suites, 'TencentShares.AllowlistedAccounts');
    expect(allowlist).toMatchObject({ tests: '1', failures: '1', errors: '0', skipped: '0', timestamp: '2026-06-01T12:34:56' });
    expect(allowlist.properties.property).toEqual([
      { name: 'apiId', value: 'tencent-image-shares' }, { name: 'packId', value: 'tencent-image-shares' },
      { name: 'severity', value: 'error' }, { name: 'suppressible', value: 'false' }, { name: 'subjectCount', value: '2' },
    ]);
    expect(suiteNamed(suites, 'AliyunVod.TitleRequired')).toMatchObject({ tests: '1', failures: '0', skipped: '1' });
  });

  test('gives a rule with no finding one passing test case named after its API', () => {
    const suite = suiteNamed(suitesOf(sampleReport()), 'AliyunVod.ImageFound');
    expect(suite.testcase).toEqual([{ name: 'aliyun-vod-images', classname: 'AliyunVod.ImageFound', time: '0' }]);
  });

  test('fails a construct\'s test case on a failing finding, one line per finding, the text escaped and given back intact', () => {
    const [testCase] = suiteNamed(suitesOf(sampleReport()), 'TencentShares.AllowlistedAccounts').testcase;
    expect(testCase).toMatchObject({ name: 'prod/shares/base-image', classname: 'TencentShares.AllowlistedAccounts' });
    // In an attribute, line breaks would become spaces anyway: the message is put on one line.
    expect(testCase.failure?.message).toBe(TRICKY_MESSAGE.replace('\n', ' '));
    expect(testCase.failure?.type).toBe('error');
    expect(testCase.failure?.['#text']).toBe(`[ERROR] image img-0001abcd: ${TRICKY_MESSAGE.replace('\n', ' ')} `
      + 'Fix: Unshare the image from the account, or add the account to the allowlist.');
    expect(renderJunitReport(sampleReport())).toContain('100001 &lt;partner &amp; &quot;ops&quot;&gt;,');
  });

  test('lists a finding that does not fail in <system-out>, noting when the baseline knows it', () => {
    const suites = suitesOf(sampleReport());
    const [age] = suiteNamed(suites, 'TencentShares.MaxShareAge').testcase;
    expect(age).toEqual({
      name: 'staging/shares/app-image', classname: 'TencentShares.MaxShareAge', time: '0',
      'system-out': '[WARN] image img-0002efgh: img-0002efgh has been shared with 100001 for 120 days (more than 90). Fix: Make TencentShares.MaxShareAge hold.',
    });
    const [known] = suiteNamed(suites, 'AliyunVod.HttpsUrls').testcase;
    expect(known.failure).toBeUndefined();
    expect(known['system-out']).toMatch(/^\[ERROR\] image 3f1e\w+: The cover URL is http:\/\/cdn\.example\.com\/cover\.jpg\. Fix: .* \[known to the baseline\]$/);
  });

  test('skips the test case of a suppressed finding, with the suppression\'s reason, owner and expiry', () => {
    const [testCase] = suiteNamed(suitesOf(sampleReport()), 'AliyunVod.TitleRequired').testcase;
    expect(testCase.name).toBe('prod/vod/banner');
    expect(testCase.skipped).toEqual({ message: 'suppressed: Banners get their titles from the CMS (media-team, expires 2027-03-31)' });
    expect(testCase.failure).toBeUndefined();
  });

  test('gives one test case per construct path, failing with its failing findings, the others in <system-out>', () => {
    const rule = 'TencentShares.AllowlistedAccounts';
    const second = { ...ALLOWLIST_FINDING, imageId: 'img-0009zzzz', message: 'img-0009zzzz is shared with 100004.' };
    const known = { ...ALLOWLIST_FINDING, imageId: 'img-0008yyyy', message: 'img-0008yyyy is shared with 100005.', failing: false, baseline: 'known' as const };
    const elsewhere = { ...ALLOWLIST_FINDING, constructPath: 'dev/shares/base-image', failing: false, severity: 'warning' as const };
    const suppressed = reportedFinding(rule, { imageId: 'img-0007xxxx', message: 'img-0007xxxx is shared with 100006.' });
    const report: CheckReport = {
      ...sampleReport(),
      findings: [ALLOWLIST_FINDING, second, known, elsewhere],
      suppressed: [{ finding: suppressed, suppression: { index: 0, ruleId: rule, imageId: 'img-0007xxxx', reason: 'Shared for the migration' } }],
    };
    const suite = suiteNamed(suitesOf(report), rule);
    expect(suite).toMatchObject({ tests: '2', failures: '1', skipped: '0' });
    // Sorted by construct path.
    const [dev, prod] = suite.testcase;
    expect(dev).toMatchObject({ name: 'dev/shares/base-image' });
    expect(dev.failure).toBeUndefined();
    expect(dev['system-out']).toMatch(/^\[WARN\] image img-0001abcd: /);
    expect(prod.failure).toMatchObject({ type: 'error', message: `${TRICKY_MESSAGE.replace('\n', ' ')} (and 1 more)` });
    expect(prod.failure?.['#text'].split('\n')).toEqual([
      expect.stringMatching(/^\[ERROR\] image img-0001abcd: img-0001abcd is shared with 100001 /),
      expect.stringMatching(/^\[ERROR\] image img-0009zzzz: img-0009zzzz is shared with 100004\. Fix: /),
    ]);
    expect(prod['system-out']?.split('\n')).toEqual([
      expect.stringMatching(/^\[ERROR\] image img-0008yyyy: .* \[known to the baseline\]$/),
      expect.stringMatching(/^\[ERROR\] image img-0007xxxx: .* \[suppressed: Shared for the migration\]$/),
    ]);
  });

  test('replaces characters XML cannot hold, so the document stays well-formed', () => {
    const report: CheckReport = { ...sampleReport(), findings: [{ ...ALLOWLIST_FINDING, message: 'bad\u0001byte\u001b[31m' }] };
    const xml = renderJunitReport(report);
    expect(xml).not.toMatch(/[\u0001\u001b]/);
    expect(xml).toContain('bad\uFFFDbyte\uFFFD[31m');
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  test('gives a clean check a passing test case per rule', () => {
    const { testsuites } = parsed(renderJunitReport(cleanReport()));
    expect(testsuites).toMatchObject({ tests: '2', failures: '0', errors: '0', skipped: '0' });
    expect(testsuites.testsuite.map((suite) => suite.testcase)).toEqual([
      [{ name: 'aliyun-vod-images', classname: 'AliyunVod.StatusNormal', time: '0' }],
      [{ name: 'tencent-image-shares', classname: 'TencentShares.AllowlistedAccounts', time: '0' }],
    ]);
  });

  test('still reports a finding of a rule the report does not list, in a suite of its own', () => {
    const suites = suitesOf({ ...cleanReport(), findings: [ALLOWLIST_FINDING] });
    expect(suites.map((suite) => [suite.name, suite.failures])).toEqual([
      ['AliyunVod.StatusNormal', '0'], ['TencentShares.AllowlistedAccounts', '1'],
    ]);
    const orphan = suitesOf({ ...cleanReport(), findings: [{ ...ALLOWLIST_FINDING, ruleId: 'Custom.Rule' }] });
    expect(orphan.map((suite) => [suite.name, suite.failures])).toEqual([
      ['AliyunVod.StatusNormal', '0'], ['TencentShares.AllowlistedAccounts', '0'], ['Custom.Rule', '1'],
    ]);
  });
});

test('every construct a rule checked is a test case: passed without a finding, so a fixed finding shows as a pass', () => {
  const report = sampleReport();
  const rule = report.rules.find((candidate) => candidate.id === ALLOWLIST_FINDING.ruleId)!;
  const rules = report.rules.map((candidate) => (candidate === rule
    ? { ...candidate, constructPaths: [ALLOWLIST_FINDING.constructPath, 'zz-fixed/shares'] } : candidate));
  const suite = parsed(renderJunitReport({ ...report, rules })).testsuites.testsuite.find((candidate) => candidate.name === rule.id)!;
  const fixed = suite.testcase.find((testCase) => testCase.name === 'zz-fixed/shares');
  expect(fixed).toMatchObject({ classname: rule.id });
  expect(fixed?.failure).toBeUndefined();
  expect(fixed?.skipped).toBeUndefined();
  expect(suite.testcase.find((testCase) => testCase.name === ALLOWLIST_FINDING.constructPath)?.failure).toBeDefined();
});

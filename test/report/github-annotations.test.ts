import { renderGithubAnnotations, type CheckReport } from '../../src/report';
import { AGE_FINDING, ALLOWLIST_FINDING, cleanReport, sampleReport, TRICKY_MESSAGE } from './sample-report';

/** What the Actions runner makes of a workflow command: its name, properties and data, unescaped. */
function decoded(line: string): { command: string; properties: Record<string, string>; data: string } {
  const match = /^::([a-z]+)(?: ([^:]*))?::(.*)$/s.exec(line);
  if (!match) throw new Error(`not a workflow command: ${line}`);
  const unescape = (text: string) => text.replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  const properties = Object.fromEntries((match[2] ?? '').split(',').filter(Boolean).map((pair) => {
    const [key, value] = pair.split('=');
    return [key, unescape(value)];
  }));
  return { command: match[1], properties, data: unescape(match[3]) };
}

describe('renderGithubAnnotations', () => {
  test('gives a workflow command per unsuppressed finding: error when failing, warning for another error or a warning, notice for info', () => {
    expect(renderGithubAnnotations(sampleReport())).toEqual([
      '::error file=stacks/golden-images.ts,line=12,col=5,title=TencentShares.AllowlistedAccounts::prod/shares/base-image img-0001abcd: '
        + 'img-0001abcd is shared with 100001 <partner & "ops">,%0A100002: 50%25 of the share quota, not in the allowlist. '
        + 'Fix: Unshare the image from the account, or add the account to the allowlist.',
      '::notice title=TencentShares.ShareQuotaHeadroom::prod/shares/base-image img-0001abcd: 9 of the account\'s 10 shared images are used (90%25). '
        + 'Fix: Make TencentShares.ShareQuotaHeadroom hold.',
      '::warning title=AliyunVod.HttpsUrls::prod/vod/cover 3f1e0c9a5b7d4e2f8a6c1b3d5e7f9a0b: The cover URL is http://cdn.example.com/cover.jpg. '
        + 'Fix: Make AliyunVod.HttpsUrls hold.',
      '::error file=stacks/vod images%2Cv2.ts,line=40,col=3,title=AliyunVod.StatusNormal::prod/vod/cover 3f1e0c9a5b7d4e2f8a6c1b3d5e7f9a0b: '
        + 'Image 3f1e0c9a5b7d4e2f8a6c1b3d5e7f9a0b has the status Uploading, not Normal. Fix: Wait for the upload to finish, or upload the image again if it failed.',
      '::warning title=TencentShares.MaxShareAge::staging/shares/app-image img-0002efgh: img-0002efgh has been shared with 100001 for 120 days (more than 90). '
        + 'Fix: Make TencentShares.MaxShareAge hold.',
    ]);
  });

  test('escapes data and properties as @actions/core does, so the runner reads back exactly the text', () => {
    const finding = {
      ...ALLOWLIST_FINDING,
      ruleId: 'Custom.Rule:v2,beta',
      message: 'line one\r\nline two: 100% sure, really',
      source: { file: 'stacks/odd:name,100%.ts', line: 3, column: 9 },
    };
    const [line] = renderGithubAnnotations({ ...sampleReport(), findings: [finding] });
    expect(line).toBe('::error file=stacks/odd%3Aname%2C100%25.ts,line=3,col=9,title=Custom.Rule%3Av2%2Cbeta::'
      + 'prod/shares/base-image img-0001abcd: line one%0D%0Aline two: 100%25 sure, really. Fix: Unshare the image from the account, or add the account to the allowlist.');
    expect(line.split('\n')).toHaveLength(1);
    expect(decoded(line)).toEqual({
      command: 'error',
      properties: { file: 'stacks/odd:name,100%.ts', line: '3', col: '9', title: 'Custom.Rule:v2,beta' },
      data: `prod/shares/base-image img-0001abcd: line one\r\nline two: 100% sure, really. Fix: ${finding.fixHint}`,
    });
  });

  test('reads back the sample\'s tricky message intact', () => {
    expect(decoded(renderGithubAnnotations(sampleReport())[0]).data).toContain(TRICKY_MESSAGE);
  });

  test('points at a file and line only where the construct\'s source is known', () => {
    const report: CheckReport = { ...sampleReport(), findings: [ALLOWLIST_FINDING, AGE_FINDING] };
    expect(renderGithubAnnotations(report).map((line) => decoded(line).properties)).toEqual([
      { file: 'stacks/golden-images.ts', line: '12', col: '5', title: 'TencentShares.AllowlistedAccounts' },
      { title: 'TencentShares.MaxShareAge' },
    ]);
  });

  test('annotates a failing warning (failOn warning) as an error', () => {
    const [line] = renderGithubAnnotations({ ...sampleReport(), findings: [{ ...AGE_FINDING, failOn: 'warning', failing: true }] });
    expect(decoded(line).command).toBe('error');
  });

  test('gives nothing for a clean check, nor for suppressed findings', () => {
    expect(renderGithubAnnotations(cleanReport())).toEqual([]);
    expect(renderGithubAnnotations({ ...sampleReport(), findings: [] })).toEqual([]);
  });
});

import fc from 'fast-check';
import { applyBaseline, createBaseline, evaluatePolicies, failingFindings, fingerprintOf, type PolicyFinding, type Severity } from '../../src/policy';
import { FAKE_NOW, fakePack, fakeSubject, missingSubject } from '../support/fake-pack';

/** A finding with the given fields and arbitrary others. */
function findingOf(fields: Partial<PolicyFinding> = {}): PolicyFinding {
  return {
    ruleId: 'Fake.GoldenTag', packId: 'fake', severity: 'error', constructPath: 'prod/a', apiId: 'fake-images', cloud: 'fake',
    region: 'fake-1', imageId: 'img-a', message: 'img-a is not tagged golden', evidence: {}, fixHint: 'Fix it.', ruleThrew: false, ...fields,
  };
}

describe('fingerprintOf', () => {
  test('is the rule id, construct path and image ID: message, evidence, severity and region do not change it', () => {
    const text = fc.string({ maxLength: 20 });
    fc.assert(fc.property(text, text, fc.constantFrom<Severity>('error', 'warning', 'info'), text, (message, evidence, severity, region) => {
      expect(fingerprintOf(findingOf({ message, evidence: { evidence }, severity, region }))).toBe(fingerprintOf(findingOf()));
    }));
  });

  test('tells apart any two different (rule, path, image) triples, whatever characters they hold', () => {
    const triple = fc.tuple(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }));
    fc.assert(fc.property(triple, triple, ([ruleId, constructPath, imageId], other) => {
      fc.pre(JSON.stringify([ruleId, constructPath, imageId]) !== JSON.stringify(other));
      expect(fingerprintOf({ ruleId, constructPath, imageId }))
        .not.toBe(fingerprintOf({ ruleId: other[0], constructPath: other[1], imageId: other[2] }));
    }));
  });
});

describe('createBaseline', () => {
  test('records each fingerprint once, sorted, and leaves out findings of rules that threw', () => {
    expect(createBaseline([
      findingOf({ imageId: 'img-b' }),
      findingOf({ imageId: 'img-a', message: 'reworded' }),
      findingOf({ imageId: 'img-a' }),
      findingOf({ ruleId: 'Fake.Broken', ruleThrew: true }),
      findingOf({ ruleId: 'Fake.Fresh', severity: 'warning' }),
    ])).toEqual({
      version: 1,
      findings: [
        { ruleId: 'Fake.Fresh', constructPath: 'prod/a', imageId: 'img-a' },
        { ruleId: 'Fake.GoldenTag', constructPath: 'prod/a', imageId: 'img-a' },
        { ruleId: 'Fake.GoldenTag', constructPath: 'prod/a', imageId: 'img-b' },
      ],
    });
  });

  test('gives the same baseline whatever the order of the findings', () => {
    const findings = ['c', 'a', 'b'].map((imageId) => findingOf({ imageId }));
    expect(createBaseline(findings)).toEqual(createBaseline([...findings].reverse()));
  });
});

describe('applyBaseline', () => {
  const now = FAKE_NOW;
  const yesterday = evaluatePolicies([fakeSubject({ imageId: 'img-a', constructPath: 'prod/a', facts: { tags: [] } })], [fakePack], { now });
  const baseline = createBaseline(yesterday.findings);

  test('marks recorded findings known and others new, so only new ones fail', () => {
    const today = evaluatePolicies([
      fakeSubject({ imageId: 'img-a', constructPath: 'prod/a', facts: { tags: ['reworded-but-same'] } }),
      fakeSubject({ imageId: 'img-b', constructPath: 'prod/b', facts: { tags: [] } }),
    ], [fakePack], { now });
    const result = applyBaseline(today, baseline);
    expect(result.findings.map((finding) => [finding.imageId, finding.baseline])).toEqual([['img-a', 'known'], ['img-b', 'new']]);
    expect(failingFindings(result).map((finding) => finding.imageId)).toEqual(['img-b']);
    expect(result.baselineResolved).toEqual([]);
  });

  test('lists what the baseline records and the result no longer has; a suppressed finding is still there', () => {
    const fixed = evaluatePolicies([fakeSubject({ imageId: 'img-a', constructPath: 'prod/a' })], [fakePack], { now });
    expect(applyBaseline(fixed, baseline).baselineResolved).toEqual([{ ruleId: 'Fake.GoldenTag', constructPath: 'prod/a', imageId: 'img-a' }]);
    const suppressed = evaluatePolicies([fakeSubject({ imageId: 'img-a', constructPath: 'prod/a', facts: { tags: [] } })], [fakePack],
      { now, suppressions: [{ ruleId: 'Fake.GoldenTag', imageId: 'img-a', reason: 'Accepted for this test' }] });
    expect(applyBaseline(suppressed, baseline).baselineResolved).toEqual([]);
  });

  test('a finding of a rule that threw is always new, even where the baseline records its fingerprint', () => {
    const result = applyBaseline({ ...yesterday, findings: [findingOf({ ruleThrew: true })] }, baseline);
    expect(result.findings.map((finding) => finding.baseline)).toEqual(['new']);
  });

  test('an empty baseline makes everything new; the result is otherwise unchanged', () => {
    const today = evaluatePolicies([missingSubject()], [fakePack], { now });
    const result = applyBaseline(today, createBaseline([]));
    expect(result.findings.map((finding) => finding.baseline)).toEqual(['new', 'new']);
    expect({ ...result, findings: today.findings, baselineResolved: undefined }).toEqual({ ...today, baselineResolved: undefined });
  });
});

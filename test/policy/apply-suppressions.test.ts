import fc from 'fast-check';
import { applySuppressions, checkSuppressions, evaluatePolicies, type PolicyFinding, type Suppression } from '../../src/policy';
import { FAKE_NOW, fakePack, fakeSubject, missingSubject } from '../support/fake-pack';

const reason = 'Accepted for this test';
/** Untagged images at two paths, and one missing image: two GoldenTag errors and one (non-suppressible) ImageFound error. */
const subjects = [
  fakeSubject({ imageId: 'img-a', constructPath: 'prod/a', facts: { tags: [] } }),
  fakeSubject({ imageId: 'img-b', constructPath: 'staging/b', facts: { tags: [] } }),
  missingSubject({ imageId: 'img-gone', constructPath: 'prod/gone' }),
];

function evaluate(suppressions: Suppression[], now = FAKE_NOW) {
  return evaluatePolicies(subjects, [fakePack], { now, suppressions });
}

const where = (finding: PolicyFinding) => `${finding.ruleId} ${finding.constructPath}`;

describe('applySuppressions (through evaluatePolicies)', () => {
  test('a suppressed finding leaves findings and is listed with the suppression that accepts it', () => {
    const result = evaluate([{ ruleId: 'Fake.GoldenTag', constructPath: 'prod/**', reason, owner: 'platform' }]);
    expect(result.findings.map(where)).toEqual(['Fake.GoldenTag staging/b', 'Fake.ImageFound prod/gone']);
    expect(result.suppressed).toEqual([{
      finding: expect.objectContaining({ ruleId: 'Fake.GoldenTag', imageId: 'img-a' }),
      suppression: { ruleId: 'Fake.GoldenTag', constructPath: 'prod/**', reason, owner: 'platform', index: 0 },
    }]);
    expect(result).toMatchObject({ expiredSuppressions: [], ignoredSuppressions: [], unusedSuppressions: [] });
  });

  test('the first suppression in the list that accepts a finding is the one named', () => {
    const result = evaluate([{ ruleId: 'Fake.GoldenTag', imageId: 'img-a', reason }, { ruleId: 'Fake.GoldenTag', constructPath: '**', reason }]);
    expect(result.suppressed.map(({ finding, suppression }) => [finding.imageId, suppression.index])).toEqual([['img-a', 0], ['img-b', 1]]);
  });

  test('once expiresAt passes, the finding comes back and the suppression is listed as expired, with it', () => {
    const suppression: Suppression = { ruleId: 'Fake.GoldenTag', imageId: 'img-a', reason, expiresAt: '2026-06-01T00:00:00Z' };
    const before = evaluate([suppression], new Date('2026-05-31T23:59:59Z'));
    expect(before.suppressed).toHaveLength(1);
    expect(before.expiredSuppressions).toEqual([]);

    const after = evaluate([suppression], new Date('2026-06-01T00:00:00Z'));
    expect(after.findings.map(where)).toEqual(['Fake.GoldenTag prod/a', 'Fake.GoldenTag staging/b', 'Fake.ImageFound prod/gone']);
    expect(after.suppressed).toEqual([]);
    expect(after.expiredSuppressions).toEqual([{
      suppression: expect.objectContaining({ imageId: 'img-a', expiresAt: '2026-06-01T00:00:00.000Z' }),
      findings: [expect.objectContaining({ ruleId: 'Fake.GoldenTag', imageId: 'img-a' })],
    }]);
    expect(after.unusedSuppressions).toEqual([]);
  });

  test('an expired suppression is listed even when it matches nothing any more', () => {
    expect(evaluate([{ ruleId: 'Fake.Fresh', constructPath: '**', reason, expiresAt: '2026-01-01' }]).expiredSuppressions)
      .toEqual([{ suppression: expect.objectContaining({ ruleId: 'Fake.Fresh' }), findings: [] }]);
  });

  test('an unexpired suppression still accepts what an expired one no longer does', () => {
    const result = evaluate([
      { ruleId: 'Fake.GoldenTag', imageId: 'img-a', reason, expiresAt: '2026-01-01' },
      { ruleId: 'Fake.GoldenTag', constructPath: 'prod/*', reason },
    ]);
    expect(result.suppressed.map(({ suppression }) => suppression.index)).toEqual([1]);
    expect(result.expiredSuppressions.map(({ findings }) => findings.map((finding) => finding.imageId))).toEqual([['img-a']]);
  });

  test('a rule that cannot be suppressed keeps its finding, and the result lists the suppression as ignored', () => {
    const result = evaluate([{ ruleId: 'Fake.ImageFound', constructPath: 'prod/**', reason }]);
    expect(result.findings.map(where)).toContain('Fake.ImageFound prod/gone');
    expect(result.suppressed).toEqual([]);
    expect(result.ignoredSuppressions).toEqual([{
      finding: expect.objectContaining({ ruleId: 'Fake.ImageFound', imageId: 'img-gone' }),
      suppression: expect.objectContaining({ ruleId: 'Fake.ImageFound', index: 0 }),
    }]);
    expect(result.unusedSuppressions).toEqual([]);
  });

  test('suppressions that match nothing are listed as unused', () => {
    const result = evaluate([{ ruleId: 'Fake.GoldenTag', constructPath: 'nowhere/**', reason }, { ruleId: 'No.SuchRule', imageId: 'img-a', reason }]);
    expect(result.unusedSuppressions.map((suppression) => suppression.index)).toEqual([0, 1]);
    expect(result.findings).toHaveLength(3);
  });

  test('nothing is dropped: every finding is either reported or suppressed, in its order', () => {
    const all = evaluate([]).findings;
    const suppression = fc.record({
      ruleId: fc.constantFrom('Fake.GoldenTag', 'Fake.ImageFound', 'Fake.Fresh'),
      constructPath: fc.option(fc.constantFrom('prod/*', 'staging/**', '**', 'prod/a'), { nil: undefined }),
      imageId: fc.option(fc.constantFrom('img-a', 'img-b', 'img-gone'), { nil: undefined }),
      expiresAt: fc.option(fc.constantFrom('2026-01-01', '2027-01-01'), { nil: undefined }),
    }).filter((s) => s.constructPath !== undefined || s.imageId !== undefined)
      .map((s) => Object.fromEntries(Object.entries({ ...s, reason }).filter(([, value]) => value !== undefined)) as unknown as Suppression);
    fc.assert(fc.property(fc.array(suppression, { maxLength: 6 }), (suppressions) => {
      const result = applySuppressions(all, checkSuppressions(suppressions), (ruleId) => ruleId !== 'Fake.ImageFound', FAKE_NOW);
      const suppressed = new Set(result.suppressed.map(({ finding }) => finding));
      expect(result.findings.length + suppressed.size).toBe(all.length);
      expect(all.filter((finding) => !suppressed.has(finding))).toEqual(result.findings);
      expect(result.findings.filter((finding) => finding.ruleId === 'Fake.ImageFound')).toHaveLength(1);
    }));
  });
});

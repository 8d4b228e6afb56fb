import fc from 'fast-check';
import { checkSuppressions, isExpired, suppressionMatcher, type Suppression } from '../../src/policy';

const reason = 'Accepted for this test';

function matches(suppression: Omit<Suppression, 'reason'>, finding: { ruleId?: string; constructPath?: string; imageId?: string }): boolean {
  const [checked] = checkSuppressions([{ ...suppression, reason }]);
  return suppressionMatcher(checked)({ ruleId: 'R', constructPath: 'prod/image', imageId: 'img-1', ...finding });
}

describe('suppressionMatcher', () => {
  test.each<[string, string, boolean]>([
    ['prod/image', 'prod/image', true],
    ['prod/image', 'prod/image2', false],
    ['prod/*', 'prod/image', true],
    ['prod/*', 'prod/images/main', false],
    ['prod/**', 'prod/images/main', true],
    ['prod/**', 'staging/image', false],
    ['**', 'any/depth/of/path', true],
    ['*/image', 'staging/image', true],
    ['prod/*', 'prod/.hidden', true],
    ['{prod,staging}/image', 'staging/image', true],
    ['prod\\image', 'prod/image', false],
  ])('the glob %j on the path %j: %s', (glob, constructPath, expected) => {
    expect(matches({ ruleId: 'R', constructPath: glob }, { constructPath })).toBe(expected);
  });

  test('needs the same rule id', () => {
    expect(matches({ ruleId: 'R', constructPath: '**' }, { ruleId: 'R2' })).toBe(false);
    expect(matches({ ruleId: 'R*', constructPath: '**' }, { ruleId: 'R2' })).toBe(false);
  });

  test('with an image ID, needs that image; with both, needs both', () => {
    expect(matches({ ruleId: 'R', imageId: 'img-1' }, { constructPath: 'any/where' })).toBe(true);
    expect(matches({ ruleId: 'R', imageId: 'img-2' }, {})).toBe(false);
    expect(matches({ ruleId: 'R', imageId: 'img-1', constructPath: 'prod/**' }, { constructPath: 'staging/image' })).toBe(false);
    expect(matches({ ruleId: 'R', imageId: 'img-1', constructPath: 'prod/**' }, {})).toBe(true);
  });

  test(`a construct path matches itself, its first segment's "/**" and "**"; never a sibling's path or its "/**"`, () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/);
    fc.assert(fc.property(fc.array(segment, { minLength: 2, maxLength: 5 }), segment, (segments, sibling) => {
      const constructPath = segments.join('/');
      const parent = segments.slice(0, -1).join('/');
      expect(matches({ ruleId: 'R', constructPath }, { constructPath })).toBe(true);
      expect(matches({ ruleId: 'R', constructPath: `${segments[0]}/**` }, { constructPath })).toBe(true);
      expect(matches({ ruleId: 'R', constructPath: '**' }, { constructPath })).toBe(true);
      fc.pre(sibling !== segments.at(-1));
      expect(matches({ ruleId: 'R', constructPath: `${parent}/${sibling}` }, { constructPath })).toBe(false);
      expect(matches({ ruleId: 'R', constructPath: `${parent}/${sibling}/**` }, { constructPath })).toBe(false);
    }));
  });
});

describe('isExpired', () => {
  const [lasting, expiring] = checkSuppressions([
    { ruleId: 'R', imageId: 'img-1', reason },
    { ruleId: 'R', imageId: 'img-1', reason, expiresAt: '2026-06-01' },
  ]);

  test('a suppression without expiresAt never expires', () => {
    expect(isExpired(lasting, new Date('9999-12-31T00:00:00Z'))).toBe(false);
  });

  test('one with expiresAt has expired from that instant on (a date: 00:00 UTC that day)', () => {
    expect(isExpired(expiring, new Date('2026-05-31T23:59:59.999Z'))).toBe(false);
    expect(isExpired(expiring, new Date('2026-06-01T00:00:00Z'))).toBe(true);
    expect(isExpired(expiring, new Date('2026-07-01T00:00:00Z'))).toBe(true);
  });
});

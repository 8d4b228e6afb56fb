import { isAtLeast, isSeverity, SEVERITIES } from '../../src/policy';

describe('severities', () => {
  test('rank info, warning, error', () => {
    expect(SEVERITIES).toEqual(['info', 'warning', 'error']);
    expect(isAtLeast('error', 'warning')).toBe(true);
    expect(isAtLeast('warning', 'warning')).toBe(true);
    expect(isAtLeast('info', 'warning')).toBe(false);
  });

  test.each([['error', true], ['info', true], ['fatal', false], [undefined, false]])('%j is a severity: %s', (value, expected) => {
    expect(isSeverity(value)).toBe(expected);
  });
});

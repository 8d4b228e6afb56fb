import { LookupInputError } from '../../src/engine';
import { failingFindings, parseFailOn, type PolicyFinding, type Severity } from '../../src/policy';
import { thrown } from '../support/expect-errors';

function finding(severity: Severity, baseline?: 'new' | 'known'): PolicyFinding {
  return {
    ruleId: `R.${severity}.${baseline ?? 'none'}`, packId: 'p', severity, constructPath: 'c', apiId: 'a', cloud: 'x', region: '', imageId: 'i',
    message: 'm', evidence: {}, fixHint: 'f', ruleThrew: false, ...(baseline ? { baseline } : {}),
  };
}

const findings = [finding('info'), finding('warning'), finding('error'), finding('error', 'known'), finding('warning', 'new')];

describe('failingFindings', () => {
  test('by default, error findings fail', () => {
    expect(failingFindings({ findings }).map((f) => f.ruleId)).toEqual(['R.error.none']);
  });

  test('with failOn warning, warnings fail too; info never does', () => {
    expect(failingFindings({ findings }, 'warning').map((f) => f.ruleId)).toEqual(['R.warning.none', 'R.error.none', 'R.warning.new']);
  });

  test('findings a baseline knows never fail', () => {
    expect(failingFindings({ findings: [finding('error', 'known')] }, 'warning')).toEqual([]);
  });
});

describe('parseFailOn', () => {
  test.each([['error', 'error'], [' Warning ', 'warning'], ['', undefined], [undefined, undefined]])('reads %j as %j', (text, expected) => {
    expect(parseFailOn(text, 'IMAGE_LOOKUPS_FAIL_ON')).toBe(expected);
  });

  test('refuses anything else, naming the input', () => {
    const error = thrown(() => parseFailOn('info', '--fail-on'), LookupInputError);
    expect(error.input).toBe('--fail-on');
    expect(error.message).toMatch(/"info" is not a failOn setting: use error \(fail on errors\) or warning/);
  });
});

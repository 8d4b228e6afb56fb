import { Construct, type IConstruct } from 'constructs';
import { LookupInputError } from '../engine/errors/lookup-input-error';
import type { PolicyFinding } from '../policy/policy-finding';
import { isSeverity, type Severity } from '../policy/severity';
import { policyFindingsOf, type ScopedPolicyFindings } from './policy-findings';

/** Which findings `toHavePolicyViolation` looks for, besides the rule. */
export interface PolicyViolationOptions {
  /**
  Only findings on this image.
  @default any image
  */
  readonly imageId?: string;
  /**
  Only findings of this severity (a rule may report some findings at another severity than its own).
  @default any severity
  */
  readonly severity?: Severity;
  /**
  Only findings on the lookup construct at this path (`node.path`, such as `golden/shares`), which
  must be at or under the received scope.
  @default any construct at or under the received scope
  */
  readonly constructPath?: string;
}

/** What a matcher returns to jest (or to any runner with jest's `expect.extend`). */
export interface PolicyMatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

/**
The policy matchers, runner-agnostic: `cdktf-image-lookups/jest` registers them with jest's
`expect.extend`; give them to another runner's compatible `expect.extend` (Vitest's) yourself.
Each received value is a construct: the app, a stack or a lookup construct. Suppressed findings
are never violations.
*/
export const imagePolicyMatchers = {
  /**
  Passes when an unsuppressed finding of `ruleId` is on a lookup construct at or under the received
  scope and matches `options`. The failure message lists the findings there.
  */
  toHavePolicyViolation(received: unknown, ruleId: string, options: PolicyViolationOptions = {}): PolicyMatcherResult {
    const scope = receivedScope(received, 'toHavePolicyViolation');
    if (typeof ruleId !== 'string' || ruleId === '') {
      throw new LookupInputError('toHavePolicyViolation(ruleId)', `${JSON.stringify(ruleId)} is not a rule id: give one such as 'TencentShares.AllowlistedAccounts'`);
    }
    checkViolationOptions(options);
    const results = policyFindingsOf(scope);
    const matching = results.findings.filter((finding) => finding.ruleId === ruleId
      && (options.imageId === undefined || finding.imageId === options.imageId)
      && (options.severity === undefined || finding.severity === options.severity)
      && (options.constructPath === undefined || finding.constructPath === options.constructPath));
    const what = `a violation of ${ruleId}${describeOptions(options)}`;
    return {
      pass: matching.length > 0,
      message: () => (matching.length > 0
        ? `expected ${nameOf(scope)} not to have ${what}, but found:\n${findingLines(matching)}`
        : `expected ${nameOf(scope)} to have ${what}, but found none; ${findingsText(results)}`),
    };
  },

  /**
  Passes when no unsuppressed finding at warning or error severity is on a lookup construct at or
  under the received scope (info findings do not count). Fails when the app has no policy pack
  attached (nothing was checked) or a lookup construct there has an unresolved lookup (it cannot
  be checked).
  */
  toBeCompliant(received: unknown): PolicyMatcherResult {
    const scope = receivedScope(received, 'toBeCompliant');
    const results = policyFindingsOf(scope);
    const violations = results.findings.filter((finding) => finding.severity !== 'info');
    if (results.rules.length === 0) {
      return { pass: false, message: () => `expected ${nameOf(scope)} to be compliant, but no policy pack is attached to its app, so nothing was checked: attach one with ImagePolicies.of(scope).addPack(…)` };
    }
    if (results.unresolvedConstructPaths.length > 0) {
      return {
        pass: false,
        message: () => `expected ${nameOf(scope)} to be compliant, but these lookup constructs have unresolved lookups, so policies cannot check them: `
          + `${results.unresolvedConstructPaths.join(', ')}. Build the app with LookupTesting.app({ fixtures }) or resolveLookups()`,
      };
    }
    return {
      pass: violations.length === 0,
      message: () => (violations.length === 0
        ? `expected ${nameOf(scope)} not to be compliant, but it has no warning or error finding; ${findingsText(results)}`
        : `expected ${nameOf(scope)} to be compliant, but found ${violations.length} finding${violations.length === 1 ? '' : 's'}:\n${findingLines(violations)}`),
    };
  },
};

function receivedScope(received: unknown, matcher: string): IConstruct {
  if (!Construct.isConstruct(received)) {
    throw new LookupInputError(`${matcher}: received`, `expected a construct (the app, a stack or a lookup construct), got ${received === null ? 'null' : typeof received}`);
  }
  return received;
}

function checkViolationOptions(options: PolicyViolationOptions): void {
  const where = 'toHavePolicyViolation(options)';
  if (typeof options !== 'object' || options === null) throw new LookupInputError(where, 'expected an object such as { imageId: \'img-jgggrva9\', severity: \'error\' }');
  const known = ['imageId', 'severity', 'constructPath'];
  const unknown = Object.keys(options).find((key) => !known.includes(key));
  if (unknown !== undefined) throw new LookupInputError(`${where}.${unknown}`, `is not an option: the options are ${known.join(', ')}`);
  if (options.severity !== undefined && !isSeverity(options.severity)) {
    throw new LookupInputError(`${where}.severity`, `${JSON.stringify(options.severity)} is not a severity: use error, warning or info`);
  }
  for (const name of ['imageId', 'constructPath'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'string') throw new LookupInputError(`${where}.${name}`, `expected a string, got ${typeof options[name]}`);
  }
}

function nameOf(scope: IConstruct): string {
  return scope.node.scope === undefined ? 'the app' : scope.node.path;
}

function describeOptions(options: PolicyViolationOptions): string {
  const parts = [options.imageId && `image ${options.imageId}`, options.severity && `severity ${options.severity}`, options.constructPath && `construct ${options.constructPath}`];
  const given = parts.filter(Boolean);
  return given.length > 0 ? ` (${given.join(', ')})` : '';
}

/** One finding per line: rule, severity, construct, image, message. */
export function findingLines(findings: readonly PolicyFinding[]): string {
  return findings.map((finding) => `  - ${finding.ruleId} (${finding.severity}) on ${finding.constructPath}, image ${finding.imageId}: ${finding.message}`).join('\n');
}

function findingsText(results: ScopedPolicyFindings): string {
  const suppressed = results.suppressed.length > 0 ? `\nsuppressed (not violations):\n${findingLines(results.suppressed.map(({ finding }) => finding))}` : '';
  return results.findings.length === 0 ? `findings: none${suppressed}` : `findings:\n${findingLines(results.findings)}${suppressed}`;
}

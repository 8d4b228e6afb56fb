import type { Location, Log, ReportingDescriptor, Result, Suppression as SarifSuppression } from 'sarif';
import { fingerprintOf } from '../policy/baseline';
import type { EvaluatedRule } from '../policy/evaluate-policies';
import type { Severity } from '../policy/severity';
import type { CheckedSuppression } from '../policy/suppression';
import type { CheckReport, ReportedFinding } from './check-report';
import { messageWithFix } from './report-text';

/** The SARIF schema a log names. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Where the tool is documented, for SARIF viewers. */
export const TOOL_INFORMATION_URI = 'https://www.npmjs.com/package/cdktf-image-lookups';

/**
The key of a result's fingerprint in `partialFingerprints`: its value is the baseline's
`fingerprintOf` (rule id, construct path, image ID, never the message), so code scanning tracks
one alert across runs however its message changes. Bump the version if that ever changes.
*/
export const FINGERPRINT_KEY = 'imageLookups/v1';

const LEVELS: Readonly<Record<Severity, Result.level>> = { error: 'error', warning: 'warning', info: 'note' };

/**
The check as a SARIF 2.1.0 log, for code scanning (GitHub, Azure DevOps) and SARIF viewers: one run
whose driver lists every rule, and a result per finding, suppressed ones included with an accepted
external suppression (SARIF viewers hide them, and still count them).

A finding whose construct's creation site is known (`source`) has a physical location relative to
`%SRCROOT%`; every finding has a logical location, its construct path. `baselineState` is set
when the check ran with a baseline (`new`, or `unchanged` for a known finding).
*/
export function renderSarifReport(report: CheckReport): Log {
  const ruleIndexes = new Map(report.rules.map((rule, index) => [rule.id, index]));
  const results: Result[] = [
    ...report.findings.map((finding) => resultOf(finding, ruleIndexes, finding.failing)),
    ...report.suppressed.map(({ finding, suppression }) => ({ ...resultOf(finding, ruleIndexes, false), suppressions: [suppressionOf(suppression)] })),
  ];
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: report.tool.name,
          version: report.tool.version,
          informationUri: TOOL_INFORMATION_URI,
          rules: report.rules.map(descriptorOf),
        },
      },
      invocations: [{ executionSuccessful: true }],
      // Columns come from JavaScript stack traces, which count UTF-16 code units.
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
}

function descriptorOf(rule: EvaluatedRule): ReportingDescriptor {
  return {
    id: rule.id,
    name: pascalCaseOf(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.docs },
    help: { text: `${rule.docs}\n\nFix: ${rule.fixHint}`, markdown: `${rule.docs}\n\n**Fix:** ${rule.fixHint}` },
    defaultConfiguration: { level: LEVELS[rule.severity] },
    properties: { apiId: rule.apiId, packId: rule.packId, suppressible: rule.suppressible },
  };
}

function resultOf(finding: ReportedFinding, ruleIndexes: ReadonlyMap<string, number>, failing: boolean): Result {
  const ruleIndex = ruleIndexes.get(finding.ruleId);
  const location: Location = {
    ...(finding.source === undefined ? {} : {
      physicalLocation: {
        artifactLocation: { uri: uriOf(finding.source.file), uriBaseId: '%SRCROOT%' },
        region: { startLine: finding.source.line, startColumn: finding.source.column },
      },
    }),
    logicalLocations: [{ name: lastSegmentOf(finding.constructPath), fullyQualifiedName: finding.constructPath, kind: 'resource' }],
  };
  return {
    ruleId: finding.ruleId,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: LEVELS[finding.severity],
    message: { text: messageWithFix(finding) },
    locations: [location],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprintOf(finding) },
    ...(finding.baseline === undefined ? {} : { baselineState: finding.baseline === 'known' ? 'unchanged' : 'new' }),
    properties: {
      imageId: finding.imageId,
      cloud: finding.cloud,
      region: finding.region,
      apiId: finding.apiId,
      evidence: finding.evidence,
      ...(finding.baseline === undefined ? {} : { baseline: finding.baseline }),
      failing,
      ...(finding.ruleThrew ? { ruleThrew: true } : {}),
    },
  };
}

function suppressionOf(suppression: CheckedSuppression): SarifSuppression {
  const details = {
    ...(suppression.owner === undefined ? {} : { owner: suppression.owner }),
    ...(suppression.expiresAt === undefined ? {} : { expiresAt: suppression.expiresAt }),
  };
  return {
    kind: 'external',
    status: 'accepted',
    justification: suppression.reason,
    ...(Object.keys(details).length === 0 ? {} : { properties: details }),
  };
}

/** `TencentShares.AllowlistedAccounts` → `TencentSharesAllowlistedAccounts`: SARIF's rule name is an identifier. */
function pascalCaseOf(id: string): string {
  return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((word) => word[0].toUpperCase() + word.slice(1)).join('');
}

/** A relative file path as a URI reference: `/` separators, each segment percent-encoded (spaces, `#`, a `:` that would read as a scheme). */
function uriOf(file: string): string {
  return file.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');
}

function lastSegmentOf(constructPath: string): string {
  return constructPath.slice(constructPath.lastIndexOf('/') + 1);
}

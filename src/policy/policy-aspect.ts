import { AnnotationMetadataEntryType, TerraformStack, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import { writeAppReport } from '../report/app-report-writer';
import { evaluateAppPolicies, type AppEvaluation } from './app-evaluation';
import { describeConstructGlob } from './image-policies';
import type { PolicyFinding } from './policy-finding';
import { sentence } from './rule-helpers';
import type { CheckedSuppression } from './suppression';

const annotatedEvaluations = new WeakSet<AppEvaluation>();
const reportedApps = new WeakSet<IConstruct>();

/**
Turns the app's findings into annotations on the constructs they concern. cdktf invokes it on each
stack with lookup constructs when it synthesizes that stack (and in `Testing.synth`), before it
collects annotations, so an error finding fails the synth like any error annotation. Provisional
builds are never synthesized, so policies never run on one. The evaluation covers the whole app
and is made once, at the first stack, which annotates every stack; under `check` it is also
written to IMAGE_LOOKUPS_REPORT_DIR.
*/
export const policyAspect: IAspect = {
  visit(node) {
    if (!TerraformStack.isStack(node)) return;
    const reportDir = process.env.IMAGE_LOOKUPS_REPORT_DIR;
    const evaluation = evaluateAppPolicies(node, { force: Boolean(reportDir) });
    if (!evaluation || annotatedEvaluations.has(evaluation)) return;
    annotatedEvaluations.add(evaluation);
    if (reportDir && !reportedApps.has(node.node.root)) {
      reportedApps.add(node.node.root);
      writeAppReport(reportDir, node.node.root, evaluation);
    }
    annotateApp(evaluation);
  },
};

/**
Adds one annotation per finding and per suppression worth telling. Without a stack trace: cdktf
would record one per annotation (about 0.3 ms each under ts-node), and it would only point into
cdktf's own synth code.
*/
function annotateApp(evaluation: AppEvaluation): void {
  const add = (construct: IConstruct | undefined, type: AnnotationMetadataEntryType, line: string) => {
    construct?.node.addMetadata(type, line, { stackTrace: false });
  };
  const at = (finding: PolicyFinding) => evaluation.constructAt(finding.constructPath);
  const { result } = evaluation;
  for (const finding of result.findings) {
    const type = evaluation.isFailing(finding) ? AnnotationMetadataEntryType.ERROR
      : finding.severity === 'warning' ? AnnotationMetadataEntryType.WARN : AnnotationMetadataEntryType.INFO;
    add(at(finding), type, findingLine(finding, evaluation));
  }
  for (const { finding, suppression } of result.suppressed) {
    add(at(finding), AnnotationMetadataEntryType.INFO, `${finding.imageId}: ${finding.ruleId} suppressed: ${sentence(finding.message)} Accepted: ${suppressionText(suppression)}`);
  }
  for (const { suppression, findings } of result.expiredSuppressions) {
    for (const finding of findings) {
      add(at(finding), AnnotationMetadataEntryType.WARN,
        `${finding.imageId}: the suppression of ${finding.ruleId} expired at ${suppression.expiresAt}, so its finding is reported again: fix it, or renew the suppression.`);
    }
  }
  for (const { finding, suppression } of result.ignoredSuppressions) {
    add(at(finding), AnnotationMetadataEntryType.WARN,
      `${finding.imageId}: ${finding.ruleId} cannot be suppressed, so the suppression (${sentence(suppression.reason)}) is ignored: fix the finding, and remove the suppression.`);
  }
  for (const suppression of result.unusedSuppressions) {
    // Attached to the app, it has no stack to be shown in: synthWithLookups prints it instead.
    const scope = evaluation.suppressionScopes[suppression.index];
    if (scope?.node.scopes.some(TerraformStack.isStack)) add(scope, AnnotationMetadataEntryType.WARN, unusedSuppressionLine(suppression));
  }
}

/** One line per finding: image, rule, severity, message and fix hint (cdktf adds the construct path). */
export function findingLine(finding: PolicyFinding, evaluation: AppEvaluation): string {
  const failOn = evaluation.failOnOf(finding);
  const severity = finding.severity === 'error' || !evaluation.isFailing(finding) ? finding.severity : `${finding.severity}, failing with failOn ${failOn}`;
  return `${finding.imageId}: ${finding.ruleId} (${severity}): ${sentence(finding.message)} Fix: ${sentence(finding.fixHint)}`;
}

export function unusedSuppressionLine(suppression: CheckedSuppression): string {
  const where = [suppression.constructPath && `constructPath ${describeConstructGlob(suppression.constructPath)}`, suppression.imageId && `imageId ${suppression.imageId}`].filter(Boolean).join(', ');
  return `The suppression of ${suppression.ruleId} (${where}) matches no finding: remove it, or correct its rule id, path or image.`;
}

function suppressionText(suppression: CheckedSuppression): string {
  const extra = [suppression.owner && `owner ${suppression.owner}`, suppression.expiresAt && `until ${suppression.expiresAt}`].filter(Boolean).join(', ');
  return `${sentence(suppression.reason)}${extra ? ` (${extra})` : ''}`;
}

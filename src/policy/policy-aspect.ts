import { Annotations, TerraformStack, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import { writeAppReport } from '../report/app-report-writer';
import { evaluateAppPolicies, type AppEvaluation } from './app-evaluation';
import { describeConstructGlob } from './image-policies';
import type { PolicyFinding } from './policy-finding';
import type { CheckedSuppression } from './suppression';

const annotatedStacks = new WeakSet<IConstruct>();
const reportedApps = new WeakSet<IConstruct>();

/**
Turns the app's findings into annotations on the constructs they concern. cdktf invokes it on each
stack with lookup constructs when it synthesizes that stack (and in `Testing.synth`), before it
collects annotations, so an error finding fails the synth like any error annotation. Provisional
builds are never synthesized, so policies never run on one. The evaluation covers the whole app
and is made once, at the first stack; under `check` it is also written to IMAGE_LOOKUPS_REPORT_DIR.
*/
export const policyAspect: IAspect = {
  visit(node) {
    if (!TerraformStack.isStack(node) || annotatedStacks.has(node)) return;
    const reportDir = process.env.IMAGE_LOOKUPS_REPORT_DIR;
    const evaluation = evaluateAppPolicies(node, { force: Boolean(reportDir) });
    if (!evaluation) return;
    annotatedStacks.add(node);
    if (reportDir && !reportedApps.has(node.node.root)) {
      reportedApps.add(node.node.root);
      writeAppReport(reportDir, node.node.root, evaluation);
    }
    annotateStack(node, evaluation);
  },
};

function annotateStack(stack: TerraformStack, evaluation: AppEvaluation): void {
  // The nearest enclosing stack, without TerraformStack.of: it throws for the app (a suppression attached to the app has no stack).
  const inStack = (construct: IConstruct | undefined): construct is IConstruct => construct !== undefined && construct.node.scopes.filter(TerraformStack.isStack).pop() === stack;
  const on = (finding: PolicyFinding) => {
    const construct = evaluation.constructAt(finding.constructPath);
    return inStack(construct) ? Annotations.of(construct) : undefined;
  };
  const { result } = evaluation;
  for (const finding of result.findings) {
    const annotations = on(finding);
    if (!annotations) continue;
    const line = findingLine(finding, evaluation);
    if (evaluation.isFailing(finding)) annotations.addError(line);
    else if (finding.severity === 'warning') annotations.addWarning(line);
    else annotations.addInfo(line);
  }
  for (const { finding, suppression } of result.suppressed) {
    on(finding)?.addInfo(`${finding.imageId}: ${finding.ruleId} suppressed: ${sentence(finding.message)} Accepted: ${suppressionText(suppression)}`);
  }
  for (const { suppression, findings } of result.expiredSuppressions) {
    for (const finding of findings) {
      on(finding)?.addWarning(`${finding.imageId}: the suppression of ${finding.ruleId} expired at ${suppression.expiresAt}, so its finding is reported again: fix it, or renew the suppression.`);
    }
  }
  for (const { finding, suppression } of result.ignoredSuppressions) {
    on(finding)?.addWarning(`${finding.imageId}: ${finding.ruleId} cannot be suppressed, so the suppression (${sentence(suppression.reason)}) is ignored: fix the finding, and remove the suppression.`);
  }
  for (const suppression of result.unusedSuppressions) {
    const scope = evaluation.suppressionScopes[suppression.index];
    if (scope && inStack(scope)) Annotations.of(scope).addWarning(unusedSuppressionLine(suppression));
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

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

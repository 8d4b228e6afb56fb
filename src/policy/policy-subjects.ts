import { Aspects, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { creationSite } from './creation-site';
import { policyAspect } from './policy-aspect';
import type { PolicySubject } from './policy-subject';
import { registerSubjectSource } from './subject-registry';

const stacksWatched = new WeakSet<IConstruct>();

/**
Declares a construct's looked-up images to policies: every lookup construct calls it in its
constructor, and so can a third-party lookup construct. Policies attached with
`ImagePolicies.of(scope)` then see its subjects, once, when the app is synthesized.

`subjectsOf` returns undefined while any of the construct's lookups is unresolved: such a
construct is never evaluated (its own validation fails the synth).
*/
export function addPolicySubjects(construct: IConstruct, subjectsOf: () => readonly PolicySubject[] | undefined): void {
  registerSubjectSource({ construct, subjectsOf, source: process.env.IMAGE_LOOKUPS_REPORT_DIR ? creationSite() : undefined });
  // Synthesis invokes aspects stack by stack, before it collects annotations: each stack with lookups gets the one aspect.
  const stack = TerraformStack.of(construct);
  if (stacksWatched.has(stack)) return;
  stacksWatched.add(stack);
  Aspects.of(stack).add(policyAspect);
}

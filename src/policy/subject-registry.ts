import type { IConstruct } from 'constructs';
import type { SourceLocation } from '../report/check-report';
import type { PolicySubject } from './policy-subject';

/** A construct that looked images up, and how to read what it found. */
export interface SubjectSource {
  readonly construct: IConstruct;
  /** Its subjects, or undefined while any of its lookups is unresolved (it is then never evaluated). */
  readonly subjectsOf: () => readonly PolicySubject[] | undefined;
  /** Where stack code created it: captured only under `check` (IMAGE_LOOKUPS_REPORT_DIR set). */
  readonly source?: SourceLocation;
}

const sourcesByRoot = new WeakMap<IConstruct, SubjectSource[]>();

export function registerSubjectSource(source: SubjectSource): void {
  const root = source.construct.node.root;
  let sources = sourcesByRoot.get(root);
  if (!sources) sourcesByRoot.set(root, (sources = []));
  sources.push(source);
}

/** The lookup constructs of an app, in the order they were created. */
export function subjectSourcesOf(scope: IConstruct): readonly SubjectSource[] {
  return sourcesByRoot.get(scope.node.root) ?? [];
}

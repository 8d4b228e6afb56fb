// A pack over an imaginary API, for testing the policy machinery without a cloud (as cdk-nag tests
// its own with a TestPack): a rule per kind the machinery must handle (per subject, date, batch,
// non-suppressible), and subjects to feed them.
import type { BatchRule, FoundSubject, NotFoundSubject, PolicyPack, SubjectRule } from '../../src/policy';

/** The imaginary API's folder id. */
export const FAKE_API = 'fake-images';

/** The clock the fake rules are tested at. */
export const FAKE_NOW = new Date('2026-06-01T00:00:00Z');

/** What the imaginary API says about an image. */
export interface FakeFacts {
  readonly tags: readonly string[];
  readonly sizeBytes: number;
  /** ISO 8601. */
  readonly createdAt: string;
}

/** A found image: tagged golden, small, created a day before FAKE_NOW, so every fake rule passes. */
export function fakeSubject(overrides: Partial<Omit<FoundSubject<FakeFacts>, 'found' | 'facts'>> & { readonly facts?: Partial<FakeFacts> } = {}): FoundSubject<FakeFacts> {
  const { facts, ...location } = overrides;
  return {
    apiId: FAKE_API, cloud: 'fake', region: 'fake-1', imageId: 'img-1', constructPath: 'stack/image',
    ...location,
    found: true,
    facts: { tags: ['golden'], sizeBytes: 100, createdAt: '2026-05-31T00:00:00Z', ...facts },
  };
}

/** An image the imaginary API does not know. */
export function missingSubject(overrides: Partial<Omit<NotFoundSubject, 'found'>> = {}): NotFoundSubject {
  return { apiId: FAKE_API, cloud: 'fake', region: 'fake-1', imageId: 'img-missing', constructPath: 'stack/missing', ...overrides, found: false };
}

/** Found images carry the tag `golden`. */
export const goldenTagRule: SubjectRule<FakeFacts> = {
  id: 'Fake.GoldenTag',
  apiId: FAKE_API,
  severity: 'error',
  description: 'Images are tagged golden',
  docs: 'Only images built by the golden pipeline carry the tag `golden`.',
  fixHint: 'Use an image from the golden pipeline.',
  check: (subject) => (subject.found && !subject.facts.tags.includes('golden')
    ? [{ message: `${subject.imageId} is not tagged golden`, evidence: { tags: [...subject.facts.tags] } }] : []),
};

/** Found images were created at most 30 days before the evaluation's clock. */
export const freshImageRule: SubjectRule<FakeFacts> = {
  id: 'Fake.Fresh',
  apiId: FAKE_API,
  severity: 'warning',
  description: 'Images are at most 30 days old',
  fixHint: 'Rebuild the image.',
  check: (subject, { now }) => {
    if (!subject.found) return [];
    const days = Math.floor((now.getTime() - Date.parse(subject.facts.createdAt)) / 86_400_000);
    return days > 30 ? [{ message: `${subject.imageId} is ${days} days old`, evidence: { createdAt: subject.facts.createdAt, days } }] : [];
  },
};

/** A looked-up image exists; findings of this rule cannot be suppressed. */
export const imageFoundRule: SubjectRule<FakeFacts> = {
  id: 'Fake.ImageFound',
  apiId: FAKE_API,
  severity: 'error',
  description: 'Looked-up images exist',
  fixHint: 'Fix the image ID.',
  suppressible: false,
  check: (subject) => (subject.found ? [] : [{ message: `${subject.imageId} does not exist` }]),
};

/** The found images together stay within 1000 bytes; without found images the rule does not apply (info). */
export const totalSizeRule: BatchRule<FakeFacts> = {
  id: 'Fake.TotalSize',
  apiId: FAKE_API,
  severity: 'warning',
  description: 'Looked-up images total at most 1000 bytes',
  fixHint: 'Look up fewer images.',
  checkAll: (subjects) => {
    const found = subjects.filter((subject): subject is FoundSubject<FakeFacts> => subject.found);
    if (found.length === 0) return [{ subject: subjects[0], severity: 'info', message: 'no image was found: not applicable', fixHint: 'Nothing to do.' }];
    const total = found.reduce((sum, subject) => sum + subject.facts.sizeBytes, 0);
    return total > 1000 ? found.map((subject) => ({ subject, message: `the images total ${total} bytes`, evidence: { total, limit: 1000 } })) : [];
  },
};

/** Every fake rule, in this order. */
export const fakePack: PolicyPack = { id: 'fake', rules: [goldenTagRule, freshImageRule, imageFoundRule, totalSizeRule] };

import { z } from 'zod';
import { LookupInputError } from '../engine/errors/lookup-input-error';
import { formatIssuePath } from '../engine/zod-issue';

/** The shortest reason a suppression may give. */
export const MIN_REASON_LENGTH = 10;

/**
An accepted finding: a rule's findings on some constructs or images that the team has decided to
live with, and why (cdk-nag's NagPackSuppression, conftest's exceptions). A suppressed finding does
not fail anything, but it is still counted and listed in the result and in reports.

It names the rule and at least one of `constructPath` and `imageId`; with both, a finding must match both.
*/
export interface Suppression {
  /** The id of the rule whose findings it accepts, exactly. */
  readonly ruleId: string;
  /**
  A glob (picomatch syntax) over construct paths: `prod/base-image` is one construct, `prod/*` its
  direct children, `prod/**` everything under prod, `**` every construct.
  @default any construct (then `imageId` is required)
  */
  readonly constructPath?: string;
  /** The image ID, exactly. @default any image (then `constructPath` is required) */
  readonly imageId?: string;
  /** Why the finding is accepted, for whoever reads the report next: at least 10 characters. */
  readonly reason: string;
  /**
  When the acceptance ends: an ISO 8601 date-time with a zone (`2027-03-31T00:00:00Z`), a date
  (`2027-03-31`, meaning 00:00 UTC that day) or a Date. From then on (by the evaluation's clock) the
  finding is reported again and the result lists the suppression as expired.
  @default never expires
  */
  readonly expiresAt?: string | Date;
  /** Who accepted it (a person or a team), for reports. @default nobody named */
  readonly owner?: string;
}

/** A suppression after validation: its place in the list, and its expiry as an ISO 8601 UTC date-time. */
export interface CheckedSuppression extends Omit<Suppression, 'expiresAt'> {
  /** Where it was in the list it came from. */
  readonly index: number;
  /** ISO 8601 UTC, e.g. `2027-03-31T00:00:00.000Z`. @default never expires */
  readonly expiresAt?: string;
}

const nonEmpty = (what: string) => z.string({ error: `expected ${what} (a string)` }).trim().min(1, `expected ${what}, got an empty string`);

const suppressionSchema = z.strictObject({
  ruleId: nonEmpty('the id of the rule whose findings it accepts'),
  constructPath: nonEmpty('a construct path glob, such as "prod/**"').optional(),
  imageId: nonEmpty('an image ID').optional(),
  reason: z.string({ error: (issue) => (issue.input === undefined ? 'is missing: say why the finding is accepted' : 'expected a string saying why the finding is accepted') })
    .superRefine((reason, context) => {
      const length = reason.trim().length;
      if (length < MIN_REASON_LENGTH) {
        context.addIssue({
          code: 'custom',
          message: `is ${length} characters long: give at least ${MIN_REASON_LENGTH} saying why the finding is accepted, ` +
            'e.g. "Shared with the partner account under contract 2024-17"',
        });
      }
    }),
  expiresAt: z.union([z.date(), z.iso.datetime({ offset: true }), z.iso.date()], {
    error: 'expected an ISO 8601 date-time with a zone ("2027-03-31T00:00:00Z"), a date ("2027-03-31") or a Date',
  }).optional(),
  owner: nonEmpty('who accepted it').optional(),
}, {
  error: (issue) => (issue.code === 'unrecognized_keys'
    ? `has an unknown field ${((issue as { keys?: string[] }).keys ?? []).map((key) => JSON.stringify(key)).join(', ')}: ` +
      'a suppression has only ruleId, constructPath, imageId, reason, expiresAt and owner'
    : 'expected an object with ruleId, reason, and constructPath or imageId'),
})
  .refine((suppression) => suppression.constructPath !== undefined || suppression.imageId !== undefined, {
    error: 'names neither a constructPath nor an imageId: say where it applies (constructPath "**" accepts the rule\'s findings everywhere)',
  });

/**
Validates suppressions before an evaluation. Throws a LookupInputError naming the suppression
(`suppressions[2].reason`), its rule, and what to change; returns them with their expiry as UTC.
*/
export function checkSuppressions(suppressions: readonly Suppression[], source = 'suppressions'): CheckedSuppression[] {
  if (!Array.isArray(suppressions)) throw new LookupInputError(source, 'expected a list of suppressions');
  return suppressions.map((suppression: unknown, index) => {
    const parsed = suppressionSchema.safeParse(suppression);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = formatIssuePath(issue.path);
      const rule = typeof (suppression as Suppression | undefined)?.ruleId === 'string' ? ` (of rule ${(suppression as Suppression).ruleId})` : '';
      throw new LookupInputError(`${source}[${index}]${field ? `.${field}` : ''}`, `${issue.message}${rule}.`);
    }
    const { expiresAt, ...rest } = parsed.data;
    return { ...rest, index, ...(expiresAt === undefined ? {} : { expiresAt: new Date(expiresAt).toISOString() }) };
  });
}

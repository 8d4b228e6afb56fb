import type { SubjectRule } from '../../policy';
import type { VodImageInfo, VodMezzanine } from '../response';
import { badOption, foundImageRule, imageText, integerOption, listText, optionsObject } from './rule-support';

const ID = 'AliyunVod.SizeBounds';

/**
Options of AliyunVod.SizeBounds: bounds on the source file (Mezzanine), each inclusive and optional,
at least one. Each is a whole number ≥ 0, and a minimum may not exceed its maximum.
*/
export interface VodSizeBoundsOptions {
  /** The smallest FileSize allowed, in bytes. @default no minimum */
  readonly minBytes?: number;
  /** The largest FileSize allowed, in bytes. @default no maximum */
  readonly maxBytes?: number;
  /** The smallest Width allowed, in pixels. @default no minimum */
  readonly minWidth?: number;
  /** The largest Width allowed, in pixels. @default no maximum */
  readonly maxWidth?: number;
  /** The smallest Height allowed, in pixels. @default no minimum */
  readonly minHeight?: number;
  /** The largest Height allowed, in pixels. @default no maximum */
  readonly maxHeight?: number;
}

/** The measures bounded, with their options, field and unit. */
const MEASURES = [
  { name: 'size', field: 'sizeBytes', min: 'minBytes', max: 'maxBytes', unit: 'bytes' },
  { name: 'width', field: 'width', min: 'minWidth', max: 'maxWidth', unit: 'px' },
  { name: 'height', field: 'height', min: 'minHeight', max: 'maxHeight', unit: 'px' },
] as const satisfies readonly {
  name: string; field: keyof Pick<VodMezzanine, 'sizeBytes' | 'width' | 'height'>; min: keyof VodSizeBoundsOptions; max: keyof VodSizeBoundsOptions; unit: string;
}[];

const OPTION_NAMES = MEASURES.flatMap((measure) => [measure.min, measure.max]);

/** The options, checked: only those given. */
function checkBounds(options: VodSizeBoundsOptions): Partial<Record<keyof VodSizeBoundsOptions, number>> {
  const checked = optionsObject(ID, options, OPTION_NAMES, { example: '{ maxBytes: 2_000_000 }' });
  const bounds: Partial<Record<keyof VodSizeBoundsOptions, number>> = {};
  for (const name of OPTION_NAMES) {
    if (checked[name] !== undefined) bounds[name] = integerOption(ID, name, checked[name], { min: 0, example: 1024 });
  }
  if (Object.keys(bounds).length === 0) {
    badOption(ID, 'options', `sets no bound: give at least one of ${listText(OPTION_NAMES)}, e.g. { maxBytes: 2_000_000 }`);
  }
  for (const { min, max } of MEASURES) {
    const [low, high] = [bounds[min], bounds[max]];
    if (low !== undefined && high !== undefined && low > high) badOption(ID, min, `is ${low}, more than ${max} (${high}): no image could pass; swap them`);
  }
  return bounds;
}

/**
AliyunVod.SizeBounds: the image's source file (Mezzanine FileSize, Width, Height) is within the
bounds given. A bounded measure the answer does not give is a finding: an unknown size is not shown
to be within bounds. One finding per image lists every problem. Severity `warning` by default.
Throws a LookupInputError for invalid options.
*/
export function vodSizeBounds(options: VodSizeBoundsOptions): SubjectRule<VodImageInfo> {
  const bounds = checkBounds(options);
  const measures = MEASURES.filter(({ min, max }) => bounds[min] !== undefined || bounds[max] !== undefined);
  return foundImageRule({
    id: ID,
    severity: 'warning',
    description: `VOD images are within size bounds: ${listText(measures.flatMap(({ name, min, max, unit }) => [
      ...(bounds[min] === undefined ? [] : [`${name} at least ${bounds[min]} ${unit}`]),
      ...(bounds[max] === undefined ? [] : [`${name} at most ${bounds[max]} ${unit}`]),
    ]))}`,
    docs: 'Bounds on an image\'s source file (bytes, width and height, each inclusive) keep pages fast and layouts intact. '
      + 'A measure outside its bounds, or a bounded measure that VOD\'s answer does not give, is a finding.',
    fixHint: 'Refer to an image within the bounds (resize or recompress it and upload it again), or change the bounds.',
  }, (subject) => {
    const problems = measures.flatMap(({ name, field, min, max, unit }) => {
      const value = subject.facts.mezzanine?.[field];
      const [low, high] = [bounds[min], bounds[max]];
      if (value === undefined) return [`its ${name} is unknown`];
      if (low !== undefined && value < low) return [`its ${name} is ${value} ${unit}, below the minimum of ${low}`];
      if (high !== undefined && value > high) return [`its ${name} is ${value} ${unit}, above the maximum of ${high}`];
      return [];
    });
    if (problems.length === 0) return undefined;
    const seen = Object.fromEntries(measures.map(({ field }) => [field, subject.facts.mezzanine?.[field] ?? null]));
    return {
      message: `${imageText(subject)} is not within the size bounds: ${listText(problems)}`,
      evidence: { ...seen, bounds, problems },
    };
  });
}

import type { BaselineEntry } from '../policy/baseline';
import { SEVERITIES } from '../policy/severity';
import type { CheckedSuppression } from '../policy/suppression';
import type { CheckReport, CheckSummary, ReportedFinding } from './check-report';
import { expiryText, oneLine, SEVERITY_LABELS, suppressionNote, suppressionScope } from './report-text';

/** The width the table is laid out for: a wide terminal, a CI log. */
export const TABLE_WIDTH = 120;

/** The widest an image cell gets (a VOD image ID has 32 characters); a longer ID is cut, and given in full below its row. */
const MAX_IMAGE_WIDTH = 32;

/** The narrowest a construct path cell gets when the row would not fit in TABLE_WIDTH otherwise. */
const MIN_PATH_WIDTH = 20;

/** What a row has besides the construct path, image and rule cells: the marker, the level and the gaps. */
const ROW_FRAME_WIDTH = 4 + 2 + 5 + 2 + 2 + 2;

/** Where a row's message and details start: under the construct path. */
const DETAIL_INDENT = ' '.repeat(13);

/** The indent of the lines of the suppression and baseline sections. */
const LIST_INDENT = '  ';

/** A table row: a finding, its marker (`FAIL` or nothing) and the lines under it, indented. */
interface Row {
  readonly marker: string;
  readonly finding: ReportedFinding;
  readonly details: readonly string[];
}

/**
The check as plain text for a terminal (no colors): the findings, failing ones first, then by
severity, one row each (FAIL marker, severity, construct path, image, rule) with the message and
the fix below it; then, when there are any, the suppressed findings, expired, ignored and unused
suppressions and the baseline's counts; and a last summary line ending in `FAILED` or `passed`.
Laid out for 120 columns: messages wrap, a long construct path or image ID is cut in its cell and
given in full below, and rule ids are never cut (suppressions name them).
*/
export function renderFindingsTable(report: CheckReport): string {
  const sections = [suppressedSection(report), expiredSection(report), ignoredSection(report), unusedSection(report), baselineSection(report)];
  const lines = [
    ...findingsSection(report),
    ...sections.flatMap((section) => (section.length === 0 ? [] : ['', ...section])),
    '',
    summaryLine(report.summary),
  ];
  return `${lines.join('\n')}\n`;
}

function findingsSection(report: CheckReport): string[] {
  if (report.findings.length === 0) return ['No findings.'];
  const ordered = [...report.findings].sort((a, b) => Number(b.failing) - Number(a.failing)
    || SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity));
  return [`Findings (${report.findings.length})`, ...tableOf(ordered.map((finding) => ({
    marker: finding.failing ? 'FAIL' : '',
    finding,
    details: [...wrap(finding.message), ...wrap(`Fix: ${finding.fixHint}`),
      ...(finding.baseline === 'known' ? wrap('Known to the baseline: it does not fail the check.') : [])],
  })))];
}

function suppressedSection({ suppressed }: CheckReport): string[] {
  if (suppressed.length === 0) return [];
  return [`Suppressed (${suppressed.length})`, ...tableOf(suppressed.map(({ finding, suppression }) => ({
    marker: '', finding, details: [...wrap(finding.message), ...wrap(`Suppressed by suppressions[${suppression.index}]: ${suppressionNote(suppression)}`)],
  })))];
}

function expiredSection({ expiredSuppressions }: CheckReport): string[] {
  if (expiredSuppressions.length === 0) return [];
  return [`Expired suppressions (${expiredSuppressions.length}): their findings are reported again`, ...expiredSuppressions.flatMap(({ suppression, findings }) => {
    const owner = suppression.owner === undefined ? '' : ` (${suppression.owner})`;
    return wrap(`${suppressionTitle(suppression)} expired ${expiryText(suppression.expiresAt ?? '')}, `
      + `matching ${plural(findings.length, 'finding')}. Its reason${owner}: ${oneLine(suppression.reason)}`, LIST_INDENT);
  })];
}

function ignoredSection({ ignoredSuppressions }: CheckReport): string[] {
  if (ignoredSuppressions.length === 0) return [];
  return [`Ignored suppressions (${ignoredSuppressions.length}): their rules cannot be suppressed`, ...ignoredSuppressions.flatMap(({ finding, suppression }) =>
    wrap(`${suppressionTitle(suppression)} matches ${finding.constructPath} ${finding.imageId}: ${suppressionNote(suppression)}`, LIST_INDENT))];
}

function unusedSection({ unusedSuppressions }: CheckReport): string[] {
  if (unusedSuppressions.length === 0) return [];
  return [`Unused suppressions (${unusedSuppressions.length}): they match no finding; remove them, or fix their rule, path or image`,
    ...unusedSuppressions.flatMap((suppression) => wrap(`${suppressionTitle(suppression)}: ${suppressionNote(suppression)}`, LIST_INDENT))];
}

function baselineSection({ summary: { baseline }, baselineResolved }: CheckReport): string[] {
  if (baseline === undefined) return [];
  return [`Baseline ${baseline.file}: ${baseline.new} new, ${baseline.known} known, ${baseline.resolved} resolved`,
    ...(baselineResolved ?? []).flatMap((entry) => wrap(`resolved: ${baselineEntryText(entry)}`, LIST_INDENT))];
}

/**
The one-line summary, e.g. `3 findings (1 error, 1 warning, 1 info), 1 failing; 1 suppressed, 0 expired; 13 images looked up, 9 rules: FAILED`.
Ignored and unused suppressions, and the baseline, are named only when there are any, or one was given.
*/
export function summaryLine(summary: CheckSummary): string {
  const total = summary.errors + summary.warnings + summary.infos;
  const suppressions = [
    `${summary.suppressed} suppressed`,
    `${summary.expiredSuppressions} expired`,
    ...(summary.ignoredSuppressions > 0 ? [`${summary.ignoredSuppressions} ignored`] : []),
    ...(summary.unusedSuppressions > 0 ? [`${summary.unusedSuppressions} unused`] : []),
  ];
  const baseline = summary.baseline === undefined ? []
    : [`baseline: ${summary.baseline.new} new, ${summary.baseline.known} known, ${summary.baseline.resolved} resolved`];
  return [
    `${plural(total, 'finding')} (${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${summary.infos} info), ${summary.failing} failing`,
    suppressions.join(', '),
    ...baseline,
    `${plural(summary.lookups, 'image')} looked up, ${plural(summary.rules, 'rule')}: ${summary.passed ? 'passed' : 'FAILED'}`,
  ].join('; ');
}

/**
The rows under a header, columns as wide as their widest cell: the image up to MAX_IMAGE_WIDTH, the
construct path up to what is left of TABLE_WIDTH beside the rule ids, which are never cut.
*/
function tableOf(rows: readonly Row[]): string[] {
  const ruleWidth = Math.max(...rows.map(({ finding }) => finding.ruleId.length));
  const imageWidth = columnWidth('IMAGE', rows.map(({ finding }) => finding.imageId), MAX_IMAGE_WIDTH);
  const pathWidth = columnWidth('CONSTRUCT', rows.map(({ finding }) => finding.constructPath),
    Math.max(MIN_PATH_WIDTH, TABLE_WIDTH - ROW_FRAME_WIDTH - imageWidth - ruleWidth));
  const line = (marker: string, level: string, path: string, image: string, rule: string) =>
    `${marker.padEnd(4)}  ${level.padEnd(5)}  ${path.padEnd(pathWidth)}  ${image.padEnd(imageWidth)}  ${rule}`.trimEnd();
  return [
    line('', 'LEVEL', 'CONSTRUCT', 'IMAGE', 'RULE'),
    ...rows.flatMap(({ marker, finding, details }) => {
      const path = cut(oneLine(finding.constructPath), pathWidth, 'start');
      const image = cut(oneLine(finding.imageId), imageWidth, 'middle');
      return [
        line(marker, SEVERITY_LABELS[finding.severity], path, image, finding.ruleId),
        ...details,
        ...(path === finding.constructPath ? [] : wrap(`construct: ${finding.constructPath}`)),
        ...(image === finding.imageId ? [] : wrap(`image: ${finding.imageId}`)),
      ];
    }),
  ];
}

function columnWidth(header: string, cells: readonly string[], max: number): number {
  return Math.min(max, Math.max(header.length, ...cells.map((cell) => cell.length)));
}

/** `text` in `width` characters: a construct path keeps its end (the construct), an ID both ends. */
function cut(text: string, width: number, keep: 'start' | 'middle'): string {
  if (text.length <= width) return text;
  if (keep === 'start') return `...${text.slice(text.length - width + 3)}`;
  const head = Math.ceil((width - 3) / 2);
  return `${text.slice(0, head)}...${text.slice(text.length - (width - 3 - head))}`;
}

/** `text` wrapped at word boundaries to TABLE_WIDTH, each line after `indent`; its own line breaks are kept, and a word longer than a line is broken. */
function wrap(text: string, indent = DETAIL_INDENT): string[] {
  const width = TABLE_WIDTH - indent.length;
  const lines = text.split(/\r?\n|\r/).flatMap((paragraph) => {
    const wrapped: string[] = [];
    let current = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      for (let rest = word; rest !== '';) {
        const room = current === '' ? width : width - current.length - 1;
        if (rest.length <= room) {
          current = current === '' ? rest : `${current} ${rest}`;
          rest = '';
        } else if (current !== '') {
          wrapped.push(current);
          current = '';
        } else {
          wrapped.push(rest.slice(0, width));
          rest = rest.slice(width);
        }
      }
    }
    return current === '' ? wrapped : [...wrapped, current];
  });
  return lines.map((line) => `${indent}${line}`);
}

function suppressionTitle(suppression: CheckedSuppression): string {
  return `suppressions[${suppression.index}] ${suppression.ruleId} (${suppressionScope(suppression)})`;
}

function baselineEntryText(entry: BaselineEntry): string {
  return `${entry.ruleId} on ${entry.constructPath} ${entry.imageId}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

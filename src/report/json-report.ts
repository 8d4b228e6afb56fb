import { stableStringify } from '../engine/stable-json';
import type { CheckReport, LookupsFile } from './check-report';
import checkReportSchema from './report.schema.json';
import lookupsFileSchema from './lookups.schema.json';

/** The JSON Schema (draft-07) of report.json, for tools and users that validate it. */
export const CHECK_REPORT_SCHEMA: { readonly $id: string } & Readonly<Record<string, unknown>> = checkReportSchema;

/** The JSON Schema (draft-07) of lookups.json. */
export const LOOKUPS_FILE_SCHEMA: { readonly $id: string } & Readonly<Record<string, unknown>> = lookupsFileSchema;

/** report.json: keys sorted, two-space indentation, a final newline, so the same check gives the same bytes. */
export function renderJsonReport(report: CheckReport): string {
  return stableStringify(report);
}

/** lookups.json, written the same way. */
export function renderLookupsFile(file: LookupsFile): string {
  return stableStringify(file);
}

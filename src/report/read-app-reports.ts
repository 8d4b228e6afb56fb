import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { formatIssuePath } from '../engine/zod-issue';
import { APP_REPORT_VERSION, type AppReport } from './check-report';
import { AppReportInvalidError } from './errors';

/** What an app report must hold for the CLI to aggregate it: the envelope, checked; entries are the library's own output. */
const appReportSchema = z.object({
  version: z.literal(APP_REPORT_VERSION, { error: `expected version ${APP_REPORT_VERSION}: the app uses another version of cdktf-image-lookups than the CLI` }),
  evaluatedAt: z.iso.datetime(),
  mode: z.string(),
  requestedKeys: z.array(z.string()),
  staleKeys: z.array(z.string()).default([]),
  staleSummary: z.string().optional(),
  lookups: z.array(z.object({ apiId: z.string(), imageId: z.string(), constructPath: z.string(), found: z.boolean() }).loose()),
  rules: z.array(z.object({ id: z.string(), apiId: z.string(), severity: z.enum(['error', 'warning', 'info']) }).loose()),
  findings: z.array(z.object({ ruleId: z.string(), severity: z.enum(['error', 'warning', 'info']), constructPath: z.string(), imageId: z.string(), failOn: z.enum(['error', 'warning']) }).loose()),
  suppressed: z.array(z.object({ finding: z.object({}).loose(), suppression: z.object({}).loose() })),
  expiredSuppressions: z.array(z.object({ suppression: z.object({}).loose(), findings: z.array(z.object({}).loose()) })),
  ignoredSuppressions: z.array(z.object({ finding: z.object({}).loose(), suppression: z.object({}).loose() })),
  unusedSuppressions: z.array(z.object({}).loose()),
});

/** Every `app-*.json` in the report directory, sorted by name. Throws AppReportInvalidError for one that is not an app report. */
export function readAppReports(dir: string): AppReport[] {
  const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => /^app-.*\.json$/.test(name)).sort() : [];
  return names.map((name) => {
    const file = path.join(dir, name);
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      throw new AppReportInvalidError(file, `it is not JSON (${(error as Error).message})`);
    }
    const parsed = appReportSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppReportInvalidError(file, `${formatIssuePath(issue.path) || 'the file'}: ${issue.message}`);
    }
    return json as AppReport;
  });
}

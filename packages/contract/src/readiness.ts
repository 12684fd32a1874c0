import { INCIDENT_TYPE_NAMES } from '@firebreak/core';
import { TimestampOut } from './common';
import { z } from './zod';

const DAY_MS = 86_400_000;
/** The longest period one readiness read covers. */
export const MAX_READINESS_DAYS = 731;

/**
 * A period bound: a date (`2026-07-01`) or a timestamp. A date as `to` means the end of that day,
 * so `--from 2026-07-01 --to 2026-09-30` is the whole third quarter.
 */
const Bound = (end: boolean) =>
  z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      if (Number.isNaN(boundOf(value, end)))
        ctx.addIssue({ code: 'custom', message: 'expected a date such as 2026-07-01 or an ISO-8601 timestamp' });
    })
    .transform((value) => new Date(boundOf(value, end)).toISOString())
    .openapi({ type: 'string', example: end ? '2026-09-30' : '2026-07-01' });

function boundOf(value: string, end: boolean): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = Date.parse(`${value}T00:00:00.000Z`);
    return end ? day + DAY_MS : day;
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return Number.NaN;
  return Date.parse(value);
}

const period = {
  /** Start of the period (inclusive); default: three months before `to`. */
  from: Bound(false).optional().openapi({ description: 'Start (inclusive); default three months before to.' }),
  /** End of the period (exclusive; a date means the end of that day); default: now. */
  to: Bound(true).optional().openapi({ description: 'End (a date means the end of that day); default now.' }),
};

function checkPeriod(value: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx): void {
  if (value.from === undefined || value.to === undefined) return;
  const span = Date.parse(value.to) - Date.parse(value.from);
  if (span <= 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  else if (span > MAX_READINESS_DAYS * DAY_MS)
    ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_READINESS_DAYS} days after from` });
}

export const ReadinessQuery = z.object(period).strict().superRefine(checkPeriod);
export type ReadinessQuery = z.infer<typeof ReadinessQuery>;

export const READINESS_REPORT_FORMATS = ['md', 'html'] as const;
export const ReadinessReportQuery = z
  .object({ ...period, format: z.enum(READINESS_REPORT_FORMATS).default('md') })
  .strict()
  .superRefine(checkPeriod);
export type ReadinessReportQuery = z.infer<typeof ReadinessReportQuery>;

const Seconds = z.number().nullable();
const TimeSummary = z.object({ count: z.number().int(), mean: Seconds, median: Seconds });
const Times = z.object({
  mttd: TimeSummary,
  mtta: TimeSummary,
  mtti: TimeSummary,
  mttc: TimeSummary,
  mttr: TimeSummary,
});
const Group = z.object({ key: z.string(), incidents: z.number().int(), times: Times });
const Share = z.number().nullable().openapi({ description: 'A fraction from 0 to 1; null when nothing was counted.' });

export const Readiness = z
  .object({
    from: TimestampOut,
    to: TimestampOut,
    bucket: z
      .enum(['week', 'month'])
      .openapi({ description: 'Trend buckets: ISO weeks up to a quarter, months beyond.' }),
    incidents: z.object({
      declared: z.number().int(),
      counted: z.number().int(),
      dismissed: z.number().int(),
      nearMisses: z.number().int(),
    }),
    response: z.object({
      overall: Times,
      bySeverity: z.array(Group),
      byType: z.array(Group),
      bySystem: z.array(Group),
      trend: z.array(
        z.object({
          start: TimestampOut,
          incidents: z.number().int(),
          means: z.object({ mttd: Seconds, mtta: Seconds, mtti: Seconds, mttc: Seconds, mttr: Seconds }),
        }),
      ),
    }),
    postmortems: z.object({
      dueBusinessDays: z.number().int(),
      considered: z.number().int(),
      onTime: z.number().int(),
      late: z.number().int(),
      pending: z.number().int(),
      share: Share,
      items: z.array(
        z.object({
          incidentId: z.string(),
          dueAt: TimestampOut,
          publishedAt: TimestampOut.nullable(),
          outcome: z.enum(['on_time', 'late', 'pending']),
        }),
      ),
    }),
    actions: z.object({
      total: z.number().int(),
      onTime: z.number().int(),
      late: z.number().int(),
      pending: z.number().int(),
      noDueDate: z.number().int(),
      closed: z.number().int(),
      verified: z.number().int(),
      onTimeShare: Share,
      verifiedShare: Share,
    }),
    alerts: z.object({
      total: z.number().int(),
      actedOn: z.number().int(),
      dismissed: z.number().int(),
      precision: Share,
      monitors: z.array(
        z.object({
          system: z.string(),
          monitor: z.string(),
          alerts: z.number().int(),
          actedOn: z.number().int(),
          dismissed: z.number().int(),
          unreviewed: z.number().int(),
          precision: Share,
        }),
      ),
    }),
    coverage: z.array(
      z.object({
        system: z.string(),
        monitors: z.number().int(),
        covered: z.array(z.enum(INCIDENT_TYPE_NAMES)),
        missing: z.array(z.enum(INCIDENT_TYPE_NAMES)),
        share: z.number(),
      }),
    ),
    drills: z.object({
      run: z.number().int(),
      passed: z.number().int(),
      passRate: Share,
      teams: z.array(
        z.object({
          team: z.string(),
          run: z.number().int(),
          passed: z.number().int(),
          failed: z.number().int(),
          passRate: Share,
        }),
      ),
    }),
  })
  .openapi('Readiness', {
    description:
      'Readiness over a period (docs/readiness.md): response times by severity, type and system with trends, postmortems on time, actions on time and verified, alert precision per monitor, taxonomy coverage per system, drills per team. Drills’ incidents, alerts and actions are never counted.',
  });
export type Readiness = z.infer<typeof Readiness>;

export const ReadinessDocument = z.string().openapi('ReadinessDocument', {
  description: 'The quarterly readiness report: text/markdown, or text/html with the charts as inline SVG',
});

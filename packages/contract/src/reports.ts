import { IncidentId, SystemId, Text, TimestampOut } from './common';
import { Incident, IncidentType, SeverityInput } from './incidents';
import { SafeString } from './text';
import { z } from './zod';

/** What an outside reporter says they are telling us about (the form's first question). */
export const REPORT_KINDS = ['user_harm', 'security', 'other'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Where an external report stands in the triage queue. */
export const REPORT_STATUSES = ['received', 'acknowledged', 'closed', 'dismissed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** How the form and the API describe each kind. */
export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  user_harm: 'An AI system harmed or misled me or someone else',
  security: 'Security or vulnerability research',
  other: 'Something else',
};

/**
 * The media types an attachment may have: screenshots, PDFs and plain text, logs or JSON. No
 * archives, office documents or HTML: they are where malware and scripts hide, and a responder
 * opens these.
 */
export const REPORT_ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'text/csv',
  'application/json',
] as const;

/** The intake's default bounds; a server may lower them (see docs/external-reports.md). */
export const REPORT_LIMITS = {
  /** Attachments per report. */
  maxAttachments: 5,
  /** Bytes per attachment, decoded. */
  maxAttachmentBytes: 5 * 1024 * 1024,
  /** Characters in "what happened". */
  maxWhatHappened: 10_000,
} as const;

/** A reference handed to the reporter: `R-` and 12 characters of base32 (60 random bits). */
export const ReportRef = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^R-[A-Z2-7]{12}$/, 'expected a report reference such as R-7KQ2M4XW9ZPA')
  .openapi({ example: 'R-7KQ2M4XW9ZPA' });

export const ReportRefParams = z.object({ ref: ReportRef });

/** One attachment in a JSON submission: its name, type and bytes as base64. */
export const ReportAttachmentInput = z
  .object({
    name: Text(200).openapi({ example: 'screenshot.png' }),
    mediaType: z.enum(REPORT_ATTACHMENT_TYPES, {
      message: `expected one of ${REPORT_ATTACHMENT_TYPES.join(', ')}`,
    }),
    /** The content, base64 (standard alphabet, padding optional). */
    content: z
      .string()
      .max(Math.ceil((REPORT_LIMITS.maxAttachmentBytes * 4) / 3) + 4, 'larger than an attachment may be')
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64'),
  })
  .strict();

/**
 * A report from outside, as the public API takes it (`POST /api/v1/reports`, JSON or
 * multipart; the form at `/report` sends the same fields). No token.
 */
export const SubmitReportRequest = z
  .object({
    kind: z.enum(REPORT_KINDS, { message: `expected one of ${REPORT_KINDS.join(', ')}` }),
    /** The AI system or product it is about, as the reporter names it. */
    system: Text(200).optional(),
    whatHappened: Text(REPORT_LIMITS.maxWhatHappened).openapi({
      example: 'The support assistant showed me another customer’s order and address.',
    }),
    /** When it happened, in the reporter's words ("yesterday around 14:00 CET"). */
    when: Text(200).optional(),
    /** Where to write back; without it, nobody can (and nobody will) mail the reporter. */
    email: z.email({ message: 'expected an email address such as ana@example.com' }).max(320).optional(),
    /** Agrees to be contacted at that address about this report; required with an email. */
    consent: z.boolean().default(false),
    attachments: z
      .array(ReportAttachmentInput)
      .max(REPORT_LIMITS.maxAttachments, `at most ${REPORT_LIMITS.maxAttachments} attachments`)
      .default([]),
    /** Left empty by people; a bot that fills every field fills it (a honeypot). */
    website: SafeString(200).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.email && !body.consent)
      ctx.addIssue({
        code: 'custom',
        path: ['consent'],
        message: 'tick it to let us mail you about this report, or leave the email out',
      });
    if (body.website)
      ctx.addIssue({
        code: 'custom',
        path: ['website'],
        message: 'must stay empty (it catches automated submissions)',
      });
  })
  .openapi('SubmitReportRequest');
export type SubmitReportRequest = z.output<typeof SubmitReportRequest>;
export type SubmitReportInput = z.input<typeof SubmitReportRequest>;

/** What the reporter gets back: the reference and what happens next. */
export const ReportReceipt = z
  .object({
    reference: z.string().openapi({ example: 'R-7KQ2M4XW9ZPA' }),
    receivedAt: TimestampOut,
    /** A responder acknowledges by then. */
    acknowledgeBy: TimestampOut,
    /** The reporter hears how it is going by then. */
    updateBy: TimestampOut,
    /** Whether we will write to the address given. */
    mail: z.boolean(),
    attachments: z.array(z.object({ name: z.string(), size: z.number().int(), sha256: z.string() })),
    next: z.string(),
  })
  .openapi('ReportReceipt');
export type ReportReceipt = z.infer<typeof ReportReceipt>;

/** One entry of a report's history: who did what, when, and what the reporter was told. */
export const ReportHistoryEntry = z.object({
  at: TimestampOut,
  actor: z.string(),
  action: z.string(),
  detail: z.record(z.string(), z.unknown()),
});

/** An external report as responders see it in the triage queue. */
export const Report = z
  .object({
    reference: z.string(),
    kind: z.enum(REPORT_KINDS),
    system: z.string().nullable(),
    whatHappened: z.string(),
    when: z.string().nullable(),
    /** The reporter's address (shown to responders only), and whether they agreed to be mailed. */
    email: z.string().nullable(),
    consent: z.boolean(),
    status: z.enum(REPORT_STATUSES),
    receivedAt: TimestampOut,
    acknowledgedAt: TimestampOut.nullable(),
    acknowledgedBy: z.string().nullable(),
    lastUpdateAt: TimestampOut.nullable(),
    /** The response clocks: acknowledge within 24 h of receipt, update every 72 h until closed. */
    clocks: z.object({
      acknowledgeBy: TimestampOut,
      acknowledgeOverdue: z.boolean(),
      /** Null once the report is closed or dismissed. */
      updateBy: TimestampOut.nullable(),
      updateOverdue: z.boolean(),
    }),
    incidentId: z.string().nullable(),
    closedAt: TimestampOut.nullable(),
    closedBy: z.string().nullable(),
    closeReason: z.string().nullable(),
    attachments: z.array(
      z.object({
        n: z.number().int(),
        name: z.string(),
        mediaType: z.string(),
        size: z.number().int(),
        sha256: z.string(),
      }),
    ),
    history: z.array(ReportHistoryEntry),
  })
  .openapi('Report');
export type Report = z.infer<typeof Report>;

export const ReportList = z
  .object({ items: z.array(Report.omit({ history: true, whatHappened: true }).extend({ summary: z.string() })) })
  .openapi('ReportList');
export type ReportList = z.infer<typeof ReportList>;
export type ReportListItem = ReportList['items'][number];

const flag = z
  .enum(['true', 'false'], { message: 'expected true or false' })
  .transform((value) => value === 'true')
  .optional();

export const ReportListQuery = z
  .object({
    /** `open` (received or acknowledged, the default), `all`, or one status. */
    status: z.enum(['open', 'all', ...REPORT_STATUSES]).default('open'),
    /** Only reports past a clock. */
    overdue: flag,
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type ReportListQuery = z.infer<typeof ReportListQuery>;

/** A message to the reporter: plain text, mailed as written. */
const ReporterMessage = Text(5_000);

export const AcknowledgeReportRequest = z
  .object({
    /** Said to the reporter beside the acknowledgement (what we do next, a question). */
    message: ReporterMessage.optional(),
  })
  .strict()
  .openapi('AcknowledgeReportRequest');
export type AcknowledgeReportRequest = z.infer<typeof AcknowledgeReportRequest>;

export const UpdateReportRequest = z
  .object({
    message: ReporterMessage,
    /** The last word: the report is closed with this update. */
    final: z.boolean().default(false),
  })
  .strict()
  .openapi('UpdateReportRequest');
export type UpdateReportRequest = z.infer<typeof UpdateReportRequest>;

export const LinkReportRequest = z
  .object({ incident: IncidentId, reason: Text(2000).optional() })
  .strict()
  .openapi('LinkReportRequest');
export type LinkReportRequest = z.infer<typeof LinkReportRequest>;

export const DeclareFromReportRequest = z
  .object({
    /** Defaults to the start of what the reporter wrote. */
    title: Text(200).optional(),
    type: IncidentType,
    severity: SeverityInput,
    /** Affected AI systems by id; the report's own system when it names a catalog id. */
    systems: z.array(SystemId).min(1, 'name at least one affected system').max(50).optional(),
    reason: Text(2000).optional(),
  })
  .strict()
  .openapi('DeclareFromReportRequest');
export type DeclareFromReportRequest = z.infer<typeof DeclareFromReportRequest>;

export const DismissReportRequest = z
  .object({
    reason: Text(2000),
    /** Also tell the reporter, in these words (only when they gave an address). */
    message: ReporterMessage.optional(),
  })
  .strict()
  .openapi('DismissReportRequest');
export type DismissReportRequest = z.infer<typeof DismissReportRequest>;

export const ReportAttachmentParams = z.object({
  ref: ReportRef,
  n: z.coerce.number().int('expected the attachment number, 1 or more').min(1).max(100),
});

/** Declaring from a report answers with both. */
export const DeclaredFromReport = z.object({ report: Report, incident: Incident }).openapi('DeclaredFromReport');
export type DeclaredFromReport = z.infer<typeof DeclaredFromReport>;

import {
  CITATION_KINDS,
  EXPORT_FORMATS,
  FACTOR_CATEGORIES,
  POSTMORTEM_SECTIONS,
  POSTMORTEM_STATUSES,
  SEVERITIES,
  TIMELINE_KINDS,
} from '@firebreak/core';
import { IncidentId, Text, Timestamp, TimestampOut } from './common';
import { IncidentType, Severity, Status } from './incidents';
import { z } from './zod';

export const PostmortemStatus = z.enum(POSTMORTEM_STATUSES).openapi('PostmortemStatus');
export const PostmortemSectionId = z.enum(POSTMORTEM_SECTIONS).openapi('PostmortemSectionId');
export const FactorCategory = z.enum(FACTOR_CATEGORIES).openapi('FactorCategory');

const Reason = Text(2000).openapi({ description: 'Why: it goes on the incident’s timeline.' });
/** Markdown prose of a section. */
const Prose = z.string().max(20_000, 'at most 20000 characters');

/**
 * What a statement in the postmortem rests on. `ref` is the timeline entry's sequence number
 * (`"14"`), or a record's id: `EV-2`, `ALR-3`, `DEC-1`, `UPD-4`, or a control key
 * (`support-copilot.prompt`).
 */
export const Citation = z
  .object({
    kind: z.enum(CITATION_KINDS),
    ref: z
      .string()
      .min(1)
      .max(140)
      .regex(/^[\w.:-]+$/, 'expected a timeline sequence number or a record id such as EV-2'),
    label: z.string().max(300).optional().openapi({ description: 'What it shows, as the document prints it.' }),
  })
  .strict()
  .openapi('Citation');
export type Citation = z.infer<typeof Citation>;

const Citations = z.array(Citation).max(50).default([]);

/** Who and what was affected, each figure citing where it comes from. */
export const Impact = z
  .object({
    users: z.number().int().min(0).nullable().default(null),
    conversations: z.number().int().min(0).nullable().default(null),
    decisions: z
      .number()
      .int()
      .min(0)
      .nullable()
      .default(null)
      .openapi({ description: 'Automated decisions affected (declines, shortlists, answers sent).' }),
    segments: z.array(z.string().max(200)).max(50).default([]),
    durationSeconds: z.number().int().min(0).nullable().default(null),
    money: z
      .object({ amount: z.number().min(0), currency: z.string().regex(/^[A-Z]{3}$/, 'expected ISO 4217, such as EUR') })
      .strict()
      .nullable()
      .default(null),
    citations: Citations,
  })
  .strict()
  .openapi('Impact');
export type Impact = z.infer<typeof Impact>;

export const ContributingFactor = z
  .object({
    category: FactorCategory,
    description: Text(2000),
    citations: Citations,
  })
  .strict()
  .openapi('ContributingFactor');
export type ContributingFactor = z.infer<typeof ContributingFactor>;

export const WhyStep = z
  .object({
    why: Text(1000).openapi({ example: 'Why did the copilot state a 90-day window?' }),
    because: Text(1000).openapi({ example: 'Prompt v7 no longer put the policy excerpt in the context.' }),
    citations: Citations,
  })
  .strict()
  .openapi('WhyStep');

export const WhyChain = z
  .object({
    problem: Text(1000),
    steps: z.array(WhyStep).min(1).max(10),
  })
  .strict()
  .openapi('WhyChain');
export type WhyChain = z.infer<typeof WhyChain>;

/** A line of the postmortem's UTC timeline: an entry of the incident's timeline, in words. */
export const Moment = z
  .object({
    at: TimestampOut,
    actor: z.string(),
    kind: z.enum(TIMELINE_KINDS),
    text: z.string(),
    key: z.boolean().openapi({ description: 'Starred by a responder as a key moment.' }),
    seq: z.number().int(),
  })
  .openapi('Moment');
export type Moment = z.infer<typeof Moment>;

export const PostmortemSection = z
  .object({
    id: PostmortemSectionId,
    title: z.string(),
    /** Markdown. */
    body: z.string(),
    impact: Impact.optional(),
    factors: z.array(ContributingFactor).optional(),
    chains: z.array(WhyChain).optional(),
    /** The timeline section: every entry in words; the document prints the key ones unless all are asked for. */
    moments: z.array(Moment).optional(),
    /** Still as drafted by Firebreak (false once someone edited it). */
    generated: z.boolean(),
    editedAt: TimestampOut.nullable(),
    editedBy: z.string().nullable(),
  })
  .openapi('PostmortemSection');
export type PostmortemSection = z.infer<typeof PostmortemSection>;

/** Detection and response figures: the moments and the durations between them, in seconds. */
export const ResponseFigures = z
  .object({
    onsetAt: TimestampOut.nullable(),
    detectedAt: TimestampOut.nullable(),
    acknowledgedAt: TimestampOut.nullable(),
    isolatedAt: TimestampOut.nullable(),
    containedAt: TimestampOut.nullable(),
    resolvedAt: TimestampOut.nullable(),
    onsetToDetect: z.number().int().nullable(),
    detectToAcknowledge: z.number().int().nullable(),
    acknowledgeToIsolate: z.number().int().nullable(),
    isolateToContain: z.number().int().nullable(),
    containToResolve: z.number().int().nullable(),
    onsetToResolve: z.number().int().nullable(),
  })
  .openapi('ResponseFigures');
export type ResponseFigures = z.infer<typeof ResponseFigures>;

export const BLAMELESS_FINDING_RULES = [
  'person-as-cause',
  'counterfactual',
  'blame-word',
  'vigilance-action',
  'action-incomplete',
] as const;

/** A blameless-lint finding: where in which section (or action), what, and a rewrite to consider. */
export const LintFindingView = z
  .object({
    rule: z.enum(BLAMELESS_FINDING_RULES),
    message: z.string(),
    excerpt: z.string(),
    suggestion: z.string(),
    /** `sections.<id>` (body), `sections.factors[2].description`, `actions.ACT-3`… */
    where: z.string(),
    start: z.number().int().openapi({ description: 'Offset into the text at `where` (UTF-16 units).' }),
    end: z.number().int(),
    line: z.number().int(),
    column: z.number().int(),
  })
  .openapi('LintFinding');
export type LintFindingView = z.infer<typeof LintFindingView>;

export const Postmortem = z
  .object({
    incidentId: IncidentId,
    incident: z.object({
      title: z.string(),
      severity: Severity,
      type: IncidentType,
      status: Status,
      nearMiss: z.boolean(),
      systems: z.array(z.string()),
    }),
    status: PostmortemStatus,
    owner: z.string().nullable().openapi({ description: 'The person (directory id, or the name typed) who owns it.' }),
    ownerName: z.string().nullable(),
    dueAt: TimestampOut.nullable(),
    overdue: z.boolean(),
    required: z.boolean().openapi({ description: 'Needed before the incident may close (SEV1/SEV2 by default).' }),
    template: z.string(),
    sections: z.array(PostmortemSection),
    figures: ResponseFigures,
    /** Corrective and preventive actions of the incident, by id (see `GET /incidents/{id}/actions`). */
    actions: z.array(z.string()),
    lint: z.array(LintFindingView),
    version: z
      .number()
      .int()
      .openapi({ description: 'Bumped on every change; send it back to edit without losing another’s.' }),
    createdAt: TimestampOut,
    createdBy: z.string(),
    updatedAt: TimestampOut,
    updatedBy: z.string(),
    publishedAt: TimestampOut.nullable(),
    publishedBy: z.string().nullable(),
  })
  .openapi('Postmortem');
export type Postmortem = z.infer<typeof Postmortem>;

export const DraftPostmortemRequest = z
  .object({
    owner: Text(200)
      .optional()
      .openapi({ description: 'A person of the directory (id or name); default the commander.' }),
    dueAt: Timestamp.optional().openapi({ description: 'Default: the policy’s business days after resolution.' }),
    template: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'expected a template name such as standard')
      .optional()
      .openapi({ description: 'Default: the first template whose `when` matches the incident.' }),
  })
  .strict()
  .openapi('DraftPostmortemRequest');
export type DraftPostmortemRequest = z.infer<typeof DraftPostmortemRequest>;

export const EditPostmortemRequest = z
  .object({
    owner: Text(200).optional(),
    dueAt: Timestamp.optional(),
    reason: Reason.optional(),
    version: z.number().int().optional().openapi({ description: 'The version edited; a newer one answers 409.' }),
  })
  .strict()
  .refine((edit) => edit.owner !== undefined || edit.dueAt !== undefined, {
    message: 'give owner or dueAt',
    path: ['owner'],
  })
  .openapi('EditPostmortemRequest');
export type EditPostmortemRequest = z.infer<typeof EditPostmortemRequest>;

export const EditSectionRequest = z
  .object({
    body: Prose.optional(),
    impact: Impact.optional(),
    factors: z.array(ContributingFactor).max(50).optional(),
    chains: z.array(WhyChain).max(10).optional(),
    reason: Reason.optional(),
    version: z.number().int().optional().openapi({ description: 'The version edited; a newer one answers 409.' }),
  })
  .strict()
  .openapi('EditSectionRequest');
export type EditSectionRequest = z.infer<typeof EditSectionRequest>;

export const SectionParams = z.object({ id: IncidentId, section: PostmortemSectionId });

export const PostmortemTransitionRequest = z
  .object({
    status: PostmortemStatus,
    reason: Reason.optional(),
    /** Publish despite blameless-lint findings; the reason is required and recorded. */
    acceptFindings: z.boolean().default(false),
  })
  .strict()
  .openapi('PostmortemTransitionRequest');
export type PostmortemTransitionRequest = z.infer<typeof PostmortemTransitionRequest>;

export const LintRequest = z
  .object({
    text: z.string().max(50_000, 'at most 50000 characters'),
    incident: IncidentId.optional().openapi({ description: 'Names of this incident’s people count as people.' }),
  })
  .strict()
  .openapi('LintRequest');
export type LintRequest = z.infer<typeof LintRequest>;

export const LintResult = z.object({ findings: z.array(LintFindingView) }).openapi('LintResult');
export type LintResult = z.infer<typeof LintResult>;

export const ExportQuery = z
  .object({
    format: z.enum(EXPORT_FORMATS).default('markdown'),
    timeline: z
      .enum(['key', 'all'])
      .default('key')
      .openapi({ description: 'key: starred moments only (all of them while none is starred).' }),
  })
  .strict();

export const PostmortemSummary = z
  .object({
    incidentId: IncidentId,
    title: z.string(),
    severity: Severity,
    systems: z.array(z.string()),
    status: PostmortemStatus,
    owner: z.string().nullable(),
    dueAt: TimestampOut.nullable(),
    overdue: z.boolean(),
    publishedAt: TimestampOut.nullable(),
  })
  .openapi('PostmortemSummary');
export const PostmortemList = z.object({ postmortems: z.array(PostmortemSummary) }).openapi('PostmortemList');
export type PostmortemList = z.infer<typeof PostmortemList>;

export const PostmortemListQuery = z
  .object({
    status: PostmortemStatus.optional(),
    owner: z.string().max(200).optional(),
    overdue: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional(),
  })
  .strict();
export type PostmortemListQuery = z.infer<typeof PostmortemListQuery>;

/** Marks (or unmarks) a timeline entry as a key moment of the incident. */
export const KeyMomentRequest = z
  .object({ key: z.boolean().default(true), reason: Reason.optional() })
  .strict()
  .openapi('KeyMomentRequest');
export const KeyMoment = z
  .object({ incidentId: IncidentId, seq: z.number().int(), key: z.boolean() })
  .openapi('KeyMoment');
export const TimelineSeqParams = z.object({
  id: IncidentId,
  seq: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'seq', in: 'path' }, example: 14 }),
});

/** The tech lead marks the cause identified: the "isolated" moment of the response figures. */
export const IsolatedRequest = z
  .object({
    at: Timestamp.optional().openapi({ description: 'When it was identified; default now.' }),
    cause: Text(2000).openapi({ example: 'Prompt v7 dropped the policy excerpt from the retrieval context.' }),
  })
  .strict()
  .openapi('IsolatedRequest');
export type IsolatedRequest = z.infer<typeof IsolatedRequest>;

export const ResidualRiskRequest = z
  .object({
    acceptedBy: Text(200).openapi({
      description: 'The person accepting it: a directory id or name.',
      example: 'dana-reyes',
    }),
    risk: Text(4000).openapi({ example: 'v7’s fix is unproven; refund answers stay on review until it is.' }),
    reason: Reason.optional(),
  })
  .strict()
  .openapi('ResidualRiskRequest');
export type ResidualRiskRequest = z.infer<typeof ResidualRiskRequest>;

export const CloseWaiverRequest = z
  .object({
    waive: z
      .array(z.enum(['postmortem', 'residual_risk']))
      .min(1)
      .max(2),
    reason: Reason,
  })
  .strict()
  .openapi('CloseWaiverRequest');
export type CloseWaiverRequest = z.infer<typeof CloseWaiverRequest>;

/** What closing the incident needs, for the close dialog. */
export const CloseCheck = z
  .object({
    incidentId: IncidentId,
    status: Status,
    ready: z.boolean().openapi({ description: 'The incident is resolved and nothing below is missing.' }),
    required: z.boolean(),
    postmortem: PostmortemStatus.nullable(),
    residualRisk: z
      .object({ acceptedBy: z.string(), risk: z.string(), at: TimestampOut, recordedBy: z.string() })
      .nullable(),
    waived: z.array(z.object({ requirement: z.string(), by: z.string(), at: TimestampOut, reason: z.string() })),
    missing: z.array(z.object({ requirement: z.string(), message: z.string() })),
    openActions: z.number().int().openapi({ description: 'Actions still open (they do not stop closing).' }),
  })
  .openapi('CloseCheck');
export type CloseCheck = z.infer<typeof CloseCheck>;

/** An earlier incident like this one, with what it taught and what is still open. */
export const RelatedIncident = z
  .object({
    incidentId: IncidentId,
    title: z.string(),
    type: IncidentType,
    severity: Severity,
    status: Status,
    declaredAt: TimestampOut,
    systems: z.array(z.string()),
    sameType: z.boolean(),
    factors: z.array(FactorCategory).openapi({ description: 'Contributing-factor categories both share.' }),
    postmortem: z
      .object({ status: PostmortemStatus, summary: z.string(), factors: z.array(ContributingFactor) })
      .nullable(),
    openActions: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        owner: z.string().nullable(),
        dueAt: TimestampOut.nullable(),
        overdue: z.boolean(),
      }),
    ),
  })
  .openapi('RelatedIncident');
export const RelatedIncidents = z
  .object({ incidentId: IncidentId, related: z.array(RelatedIncident) })
  .openapi('RelatedIncidents');
export type RelatedIncidents = z.infer<typeof RelatedIncidents>;

/** `postmortems:` in firebreak.yaml: when a postmortem is required, when it is due, and its templates. */
export const PostmortemTemplate = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'expected a template name such as standard'),
    when: z
      .object({
        severity: z.array(z.enum(SEVERITIES)).min(1).optional(),
        type: z.array(IncidentType).min(1).optional(),
        nearMiss: z.boolean().optional(),
      })
      .strict()
      .default({}),
    /** Sections to leave out (a short template for SEV3/SEV4). */
    omit: z.array(PostmortemSectionId).max(10).default([]),
    /** Prompts shown in the sections left to write, by section. */
    prompts: z.partialRecord(PostmortemSectionId, Text(1000)).default({}),
    /** A Handlebars template of the whole Markdown document; default the built-in one. */
    markdown: z.string().max(50_000).optional(),
  })
  .strict()
  .openapi('PostmortemTemplate');
export type PostmortemTemplate = z.infer<typeof PostmortemTemplate>;

export const PostmortemSettings = z
  .object({
    requiredFor: z.array(z.enum(SEVERITIES)).max(4).default(['SEV1', 'SEV2']),
    dueBusinessDays: z.number().int().min(1).max(90).default(10),
    templates: z.array(PostmortemTemplate).max(50).default([]),
  })
  .strict()
  .openapi('PostmortemSettings');
export type PostmortemSettings = z.infer<typeof PostmortemSettings>;

export const RegenerateSectionRequest = z
  .object({ reason: Reason.optional() })
  .strict()
  .openapi('RegenerateSectionRequest');

/** An exported postmortem: Markdown or HTML text, or PDF bytes. */
export const PostmortemDocument = z.string().openapi('PostmortemDocument', {
  description: 'text/markdown or text/html text, or application/pdf bytes',
});

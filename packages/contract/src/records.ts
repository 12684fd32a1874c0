import { AUDIENCES, EVIDENCE_KINDS, TIMELINE_KINDS } from '@firebreak/core';
import { IncidentId, Sha256, Text, Timestamp, TimestampOut, Url } from './common';
import { Approval, CONTROL_ACTIONS, Control } from './controls';
import { Incident, IncidentIdParams, RoleAssignment, Severity, Status } from './incidents';
import { z } from './zod';

export const EvidenceId = z
  .string()
  .regex(/^EV-[1-9][0-9]*$/, 'expected an evidence id such as EV-7')
  .openapi({ example: 'EV-7' });

export const DecisionRequest = z
  .object({
    observation: Text(4000).openapi({ example: 'Copilot answers quote other customers’ order numbers.' }),
    hypothesis: Text(4000)
      .optional()
      .openapi({ example: 'Prompt template v7 puts retrieved tickets of other users in context.' }),
    test: Text(4000).optional().openapi({ example: 'Replayed 50 affected prompts on v6: no leak; on v7: 11 leaks.' }),
    decision: Text(4000).openapi({ example: 'Roll the prompt back to v6 and kill auto-send.' }),
    rationale: Text(4000).optional(),
    /** Evidence this decision rests on, by id. */
    evidence: z.array(EvidenceId).max(50).default([]),
  })
  .strict()
  .openapi('DecisionRequest');
export type DecisionRequest = z.infer<typeof DecisionRequest>;

export const Decision = z
  .object({
    id: z.string().openapi({ example: 'DEC-3' }),
    incidentId: IncidentId,
    observation: z.string(),
    hypothesis: z.string().nullable(),
    test: z.string().nullable(),
    decision: z.string(),
    rationale: z.string().nullable(),
    evidence: z.array(z.string()),
    decidedAt: TimestampOut,
    decidedBy: z.string(),
  })
  .openapi('Decision');
export type Decision = z.infer<typeof Decision>;

export { EVIDENCE_KINDS } from '@firebreak/core';

export const EvidenceRequest = z
  .object({
    kind: z.enum(EVIDENCE_KINDS),
    title: Text(300),
    description: Text(4000).optional(),
    modelVersion: Text(200).optional(),
    promptVersion: Text(200).optional(),
    windowStart: Timestamp.optional(),
    windowEnd: Timestamp.optional(),
    mediaType: z
      .string()
      .max(200)
      .regex(/^[\w.+-]+\/[\w.+-]+$/, 'expected a media type such as text/plain')
      .optional(),
    /** The content itself (stored by the server, hashed); or give `uri` and `sha256`. */
    content: z.string().optional(),
    contentEncoding: z.enum(['utf8', 'base64']).default('utf8'),
    /** Where content stored elsewhere lives (object storage, a ticket); needs `sha256`. */
    uri: Url.optional(),
    /** SHA-256 of the content: required with `uri`, checked against `content` when both are given. */
    sha256: Sha256.optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if ((body.content === undefined) === (body.uri === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['content'],
        message: 'give either content or uri (with sha256), not both or neither',
      });
    }
    if (body.uri !== undefined && body.sha256 === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['sha256'],
        message: 'required with uri, so the content can be shown untampered',
      });
    }
    if (body.windowStart && body.windowEnd && body.windowStart > body.windowEnd) {
      ctx.addIssue({ code: 'custom', path: ['windowEnd'], message: 'must not be before windowStart' });
    }
  })
  .openapi('EvidenceRequest');
export type EvidenceRequest = z.infer<typeof EvidenceRequest>;

export const Evidence = z
  .object({
    id: EvidenceId,
    incidentId: IncidentId,
    kind: z.enum(EVIDENCE_KINDS),
    title: z.string(),
    description: z.string().nullable(),
    modelVersion: z.string().nullable(),
    promptVersion: z.string().nullable(),
    windowStart: TimestampOut.nullable(),
    windowEnd: TimestampOut.nullable(),
    mediaType: z.string().nullable(),
    sha256: z.string(),
    size: z.number().int().nullable().openapi({ description: 'Bytes, when the server holds the content.' }),
    storage: z
      .enum(['server', 'external'])
      .openapi({ description: 'server: the server keeps the bytes by SHA-256; external: at uri.' }),
    uri: z.string().nullable(),
    addedAt: TimestampOut,
    addedBy: z.string(),
  })
  .openapi('Evidence');
export type Evidence = z.infer<typeof Evidence>;

export { AUDIENCES } from '@firebreak/core';

export const StatusUpdateRequest = z
  .object({
    audience: z.enum(AUDIENCES),
    whatHappened: Text(4000),
    impact: Text(4000),
    currentStatus: Text(4000),
    nextSteps: Text(4000),
    asks: Text(4000).optional(),
    /** When the next update is due. */
    nextUpdateAt: Timestamp.optional(),
  })
  .strict()
  .openapi('StatusUpdateRequest');
export type StatusUpdateRequest = z.infer<typeof StatusUpdateRequest>;

export const StatusUpdate = z
  .object({
    id: z.string().openapi({ example: 'UPD-4' }),
    incidentId: IncidentId,
    audience: z.enum(AUDIENCES),
    whatHappened: z.string(),
    impact: z.string(),
    currentStatus: z.string(),
    nextSteps: z.string(),
    asks: z.string().nullable(),
    nextUpdateAt: TimestampOut.nullable(),
    incidentStatus: Status,
    severity: Severity,
    postedAt: TimestampOut,
    postedBy: z.string(),
  })
  .openapi('StatusUpdate');
export type StatusUpdate = z.infer<typeof StatusUpdate>;

export const TimelineEntry = z
  .object({
    seq: z.number().int(),
    at: TimestampOut,
    actor: z.string(),
    kind: z.enum(TIMELINE_KINDS),
    payload: z.record(z.string(), z.unknown()),
    prevHash: z.string(),
    hash: z.string(),
    /** Starred as a key moment (by a later `key_moment_marked` entry); the postmortem's timeline leads with these. */
    key: z.boolean().optional(),
  })
  .openapi('TimelineEntry');
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const Timeline = z.object({ incidentId: IncidentId, entries: z.array(TimelineEntry) }).openapi('Timeline');
export type Timeline = z.infer<typeof Timeline>;

export const TimelineVerification = z
  .object({
    incidentId: IncidentId,
    intact: z.boolean(),
    entries: z.number().int(),
    headHash: z.string(),
    firstBreak: z.object({ seq: z.number().int(), reason: z.string() }).optional(),
    checkedAt: TimestampOut,
  })
  .openapi('TimelineVerification');
export type TimelineVerification = z.infer<typeof TimelineVerification>;

export const ALERT_CHANGES = [
  'opened',
  'escalated',
  'resolved',
  'acknowledged',
  'dismissed',
  'suppressed',
  'incident_opened',
] as const;

/**
 * What `GET /api/v1/events` streams: a committed timeline entry of an incident, or a change to an
 * alert (just what changed: read the alert for the rest), a change to a containment control, or an
 * approval asked for or decided.
 */
export const LiveEvent = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('timeline'), incidentId: IncidentId, entry: TimelineEntry }),
    z.object({
      type: z.literal('alert'),
      alertId: z.string(),
      system: z.string(),
      change: z.enum(ALERT_CHANGES),
      incidentId: IncidentId.nullable(),
    }),
    z.object({
      type: z.literal('control'),
      /** The control as it is now. */
      control: Control,
      change: z.object({ action: z.enum(CONTROL_ACTIONS), actor: z.string(), reason: z.string().nullable() }),
      /** The incident the change served, if any. */
      incidentId: IncidentId.nullable(),
    }),
    z.object({
      type: z.literal('approval'),
      /** A change asked for, or decided: someone else may need to approve it now. */
      approval: Approval,
      system: z.string(),
      incidentId: IncidentId.nullable(),
    }),
    z.object({
      type: z.literal('exercise'),
      /** A drill changed: its clock, an inject, its telemetry, its hotwash. */
      exerciseId: z.string(),
    }),
  ])
  .openapi('LiveEvent');
export type LiveEvent = z.infer<typeof LiveEvent>;

/** The `{id}` and `{evidenceId}` in `/incidents/{id}/evidence/{evidenceId}/content`. */
export const EvidenceContentParams = IncidentIdParams.extend({ evidenceId: EvidenceId });

/** `GET /incidents/{id}/decisions`: oldest first. */
export const DecisionList = z.object({ decisions: z.array(Decision) });
export type DecisionList = z.infer<typeof DecisionList>;

/** `GET /incidents/{id}/evidence`: oldest first. */
export const EvidenceList = z.object({ evidence: z.array(Evidence) });
export type EvidenceList = z.infer<typeof EvidenceList>;

/** `GET /incidents/{id}/status-updates`: oldest first. */
export const StatusUpdateList = z.object({ statusUpdates: z.array(StatusUpdate) });
export type StatusUpdateList = z.infer<typeof StatusUpdateList>;

/** `POST /incidents/{id}/merge`: the incident that carries on, and the duplicate, now closed. */
export const MergeIncidentResponse = z.object({ incident: Incident, duplicate: Incident });
export type MergeIncidentResponse = z.infer<typeof MergeIncidentResponse>;

/** `GET /incidents/{id}`: the incident with its role history, records, the triage rules applied and merges. */
export const IncidentDetail = Incident.extend({
  roleHistory: z.array(RoleAssignment),
  decisions: z.array(Decision),
  evidence: z.array(Evidence),
  statusUpdates: z.array(StatusUpdate),
  rulesApplied: z
    .array(
      z.object({
        rule: z.string().openapi({ description: 'The triage rule that declared or took the incident.' }),
        description: z.string().nullable(),
        appliedAt: z.string(),
        actions: z
          .array(z.object({ action: z.string(), role: z.string().nullable(), due: z.string() }))
          .openapi({ description: 'What the rule requires, by whom, and by when.' }),
        notify: z.array(z.string()).openapi({ description: 'Who the rule says to tell.' }),
      }),
    )
    .openapi({ description: 'Each triage rule applied to the incident, from its timeline.' }),
  mergedInto: z
    .string()
    .nullable()
    .openapi({ description: 'The incident this one was merged into as a duplicate (it is then closed).' }),
  duplicates: z.array(z.string()).openapi({ description: 'Incidents merged into this one as duplicates.' }),
}).openapi('IncidentDetail');
export type IncidentDetail = z.infer<typeof IncidentDetail>;

/** `GET /events`: every live change, or one incident's. */
export const LiveEventsQuery = z.object({ incident: IncidentId.optional() }).strict();

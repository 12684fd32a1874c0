import {
  CATEGORIES,
  DRIVERS,
  INCIDENT_TYPE_NAMES,
  parseSeverity,
  ROLE_NAMES,
  SEVERITIES,
  SEVERITY_INPUTS,
  STATUSES,
} from '@firebreak/core';
import { IncidentId, Person, SystemId, Text, Timestamp, TimestampOut } from './common';
import { SafeString } from './text';
import { z } from './zod';

export const IncidentType = z.enum(INCIDENT_TYPE_NAMES).openapi('IncidentType');
export const Category = z.enum(CATEGORIES).openapi('Category');
export const Driver = z.enum(DRIVERS).openapi('Driver');
export const Status = z.enum(STATUSES).openapi('Status');
export const Severity = z.enum(SEVERITIES).openapi('Severity');
export const Role = z.enum(ROLE_NAMES).openapi('Role');

/** A severity as typed by a person: SEV1..SEV4 or P0..P3, any case. */
export const SeverityInput = z
  .string()
  .refine((value) => (SEVERITY_INPUTS as readonly string[]).includes(value.trim().toUpperCase()), {
    message: `expected one of ${SEVERITY_INPUTS.join('|')}`,
  })
  .transform((value) => parseSeverity(value))
  .openapi({ type: 'string', enum: [...SEVERITY_INPUTS], example: 'SEV2' });

const Reason = Text(2000).openapi({ description: 'Why, in a sentence: it goes on the timeline.' });

export const DeclareIncidentRequest = z
  .object({
    title: Text(200).openapi({ example: 'PII in copilot answers' }),
    summary: Text(10_000).optional(),
    type: IncidentType,
    /** Defaults to the type's usual category. */
    category: Category.optional(),
    /** Defaults to the type's usual driver. */
    driver: Driver.optional(),
    severity: SeverityInput,
    /** Affected AI systems, by id. */
    systems: z.array(SystemId).min(1, 'name at least one affected system').max(50),
    nearMiss: z.boolean().default(false).openapi({ description: 'Caught before it harmed anyone; still an incident.' }),
    /** When the failure began, if known (an estimate is fine). */
    onsetAt: Timestamp.optional(),
    /** When it was noticed; defaults to the declaration time. */
    detectedAt: Timestamp.optional(),
    /** Assign the incident commander as part of declaring. */
    commander: Person.optional(),
  })
  .strict()
  .openapi('DeclareIncidentRequest');
export type DeclareIncidentRequest = z.infer<typeof DeclareIncidentRequest>;

export const EditIncidentRequest = z
  .object({
    title: Text(200).optional(),
    summary: Text(10_000).optional(),
    systems: z.array(SystemId).min(1, 'name at least one affected system').max(50).optional(),
    nearMiss: z.boolean().optional(),
    onsetAt: Timestamp.optional(),
    reason: Reason.optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).some((key) => key !== 'reason'), { message: 'change at least one field' })
  .openapi('EditIncidentRequest');
export type EditIncidentRequest = z.infer<typeof EditIncidentRequest>;

export const TransitionRequest = z
  .object({ status: Status, reason: Reason.optional() })
  .strict()
  .openapi('TransitionRequest');
export type TransitionRequest = z.infer<typeof TransitionRequest>;

export const AcknowledgeRequest = z
  .object({ note: Text(2000).optional() })
  .strict()
  .openapi('AcknowledgeRequest');
export type AcknowledgeRequest = z.infer<typeof AcknowledgeRequest>;

export const ChangeSeverityRequest = z
  .object({ severity: SeverityInput, reason: Reason })
  .strict()
  .openapi('ChangeSeverityRequest');
export type ChangeSeverityRequest = z.infer<typeof ChangeSeverityRequest>;

export const ChangeTypeRequest = z
  .object({ type: IncidentType, category: Category.optional(), driver: Driver.optional(), reason: Reason })
  .strict()
  .openapi('ChangeTypeRequest');
export type ChangeTypeRequest = z.infer<typeof ChangeTypeRequest>;

export const AssignRoleRequest = z
  .object({
    role: Role,
    /** The person taking the role; null leaves it vacant. */
    person: Person.nullable(),
    reason: Reason.optional(),
  })
  .strict()
  .openapi('AssignRoleRequest');
export type AssignRoleRequest = z.infer<typeof AssignRoleRequest>;

export const RoleHolder = z
  .object({ role: Role, person: z.string(), since: TimestampOut, assignedBy: z.string() })
  .openapi('RoleHolder');

export const RoleAssignment = RoleHolder.extend({
  until: TimestampOut.nullable(),
  relievedBy: z.string().nullable(),
}).openapi('RoleAssignment');
export type RoleAssignment = z.infer<typeof RoleAssignment>;

export const ResponseMetrics = z
  .object({
    onsetAt: TimestampOut.nullable(),
    detectedAt: TimestampOut.nullable(),
    declaredAt: TimestampOut.nullable(),
    acknowledgedAt: TimestampOut.nullable(),
    isolatedAt: TimestampOut.nullable().openapi({
      description: 'When the cause was identified (marked by the tech lead).',
    }),
    containedAt: TimestampOut.nullable(),
    resolvedAt: TimestampOut.nullable(),
    closedAt: TimestampOut.nullable(),
    timeToDetect: z.number().int().nullable().openapi({ description: 'Seconds from onset to detection.' }),
    timeToAcknowledge: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Seconds from detection to acknowledgement.' }),
    timeToIsolate: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Seconds from detection to the cause being identified.' }),
    timeToContain: z.number().int().nullable().openapi({ description: 'Seconds from detection to containment.' }),
    timeToResolve: z.number().int().nullable().openapi({ description: 'Seconds from detection to resolution.' }),
  })
  .openapi('ResponseMetrics');

export const Incident = z
  .object({
    id: IncidentId,
    title: z.string(),
    summary: z.string().nullable(),
    type: IncidentType,
    category: Category,
    driver: Driver,
    severity: Severity,
    /** When the severity was last set (the declaration, or the last change): the clocks count from here. */
    severitySetAt: TimestampOut,
    status: Status,
    nearMiss: z.boolean(),
    exercise: z.string().nullable().openapi({
      description:
        'The drill (DRL-n) this incident belongs to; null for a real incident. Drill incidents never count in readiness metrics, reach real channels or the status page.',
    }),
    systems: z.array(z.string()),
    declaredAt: TimestampOut,
    declaredBy: z.string(),
    updatedAt: TimestampOut,
    roles: z.array(RoleHolder),
    response: z
      .object({
        deadline: TimestampOut.openapi({ description: 'Acknowledge by: the severity SLA from when it was set.' }),
        acknowledgedAt: TimestampOut.nullable(),
        acknowledgedBy: z.string().nullable(),
        overdue: z.boolean().openapi({ description: 'Not acknowledged and past the deadline.' }),
        late: z.boolean().openapi({ description: 'Acknowledged after the deadline.' }),
        containDeadline: TimestampOut.openapi({
          description: 'Contain by: the severity’s containment target from when it was set.',
        }),
        containOverdue: z.boolean().openapi({ description: 'Not contained and past the containment target.' }),
      })
      .openapi('ResponseClock'),
    metrics: ResponseMetrics,
    updates: z
      .object({
        lastUpdateAt: TimestampOut.nullable().openapi({ description: 'The last status update posted.' }),
        dueAt: TimestampOut.openapi({ description: 'When the next status update is owed (the update cadence).' }),
        remindAt: TimestampOut,
        overdue: z.boolean(),
        overdueBy: z.number().int().openapi({ description: 'Seconds past dueAt; 0 while not due.' }),
      })
      .nullable()
      .openapi('UpdateClock', { description: 'The update cadence clock; null once the incident is no longer worked.' }),
    regulatory: z
      .object({
        pending: z.number().int().openapi({ description: 'Obligations not yet filed or decided.' }),
        overdue: z.number().int(),
        nextDue: TimestampOut.nullable().openapi({ description: 'The soonest deadline of a pending obligation.' }),
        next: z.string().nullable().openapi({ description: 'That obligation, as `OB-3 GDPR Art. 33`.' }),
      })
      .openapi('RegulatoryClock', {
        description: "The incident's regulatory clocks in brief (GET …/regulatory has them all).",
      }),
    timeline: z.object({ length: z.number().int(), headHash: z.string() }),
    /** Things worth knowing that did not stop the request (an uncatalogued system, say). */
    warnings: z.array(z.string()).optional(),
  })
  .openapi('Incident');
export type Incident = z.infer<typeof Incident>;

export const IncidentList = z.object({ incidents: z.array(Incident), total: z.number().int() }).openapi('IncidentList');
export type IncidentList = z.infer<typeof IncidentList>;

const BoolQuery = z
  .enum(['true', 'false'])
  .transform((value) => value === 'true')
  .optional();

export const IncidentListQuery = z
  .object({
    status: Status.optional(),
    severity: SeverityInput.optional(),
    type: IncidentType.optional(),
    system: SystemId.optional(),
    open: BoolQuery.openapi({ description: 'Only incidents still being worked (triage..recovering).' }),
    nearMiss: BoolQuery,
    exercise: z.enum(['include', 'exclude', 'only']).default('exclude').openapi({
      description: 'Drill incidents: left out (the default), listed beside real ones (include), or alone (only).',
    }),
    q: SafeString(200).optional().openapi({ description: 'Words in the title or summary.' }),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type IncidentListQuery = z.infer<typeof IncidentListQuery>;

export const MergeIncidentRequest = z
  .object({
    into: IncidentId.openapi({ description: 'The incident that carries on; the one in the path is its duplicate.' }),
    reason: Reason,
  })
  .strict()
  .openapi('MergeIncidentRequest');
export type MergeIncidentRequest = z.infer<typeof MergeIncidentRequest>;

export const AttachAlertRequest = z
  .object({
    incident: IncidentId.openapi({ description: 'An open incident to put the alert on.' }),
    reason: Reason.optional(),
  })
  .strict()
  .openapi('AttachAlertRequest');
export type AttachAlertRequest = z.infer<typeof AttachAlertRequest>;

/** The `{id}` in `/incidents/{id}/...`. */
export const IncidentIdParams = z.object({ id: IncidentId });

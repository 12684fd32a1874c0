import {
  ACTION_CATEGORIES,
  ACTION_PRIORITIES,
  ACTION_STATUSES,
  ACTION_TYPES,
  FILTER_LEVELS,
  VERIFICATION_KINDS,
} from '@firebreak/core';
import { Duration, IncidentId, SystemId, Text, Timestamp, TimestampOut, Url } from './common';
import { ControlKey } from './controls';
import { Signal } from './detection';
import { EvidenceId } from './records';
import { z } from './zod';

export const ActionId = z
  .string()
  .regex(/^ACT-[1-9][0-9]*$/, 'expected an action id such as ACT-3')
  .openapi({ example: 'ACT-3' });
export const ActionIdParams = z.object({ id: ActionId });

export const ActionStatus = z.enum(ACTION_STATUSES).openapi('ActionStatus');
export const ActionCategory = z.enum(ACTION_CATEGORIES).openapi('ActionCategory');

const Reason = Text(2000).openapi({ description: 'Why: it goes on the incident’s timeline.' });
/** A monitor's id on the card, or `default:<signal>` for a default monitor. */
const MonitorId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._:-]{0,140}$/, 'expected a monitor id such as pii-in-answers or default:flag:pii');

/**
 * What an action must pass to close. Firebreak checks the first three itself; an attestation is
 * a link that a second person (not the action's owner, not who set the link) vouches for.
 */
export const Verification = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('monitor'),
        system: SystemId,
        signal: Signal.optional(),
        monitor: MonitorId.optional().openapi({
          description: 'A monitor that must exist by id (else any on the signal).',
        }),
      })
      .strict()
      .refine((spec) => spec.signal !== undefined || spec.monitor !== undefined, {
        message: 'give signal or monitor',
        path: ['signal'],
      })
      .openapi('MonitorVerification', { description: 'A monitor watches this signal of the system today.' }),
    z
      .object({
        kind: z.literal('replay'),
        system: SystemId.optional().openapi({ description: 'Default: the incident’s first system.' }),
        within: Duration.default('10m').openapi({
          description: 'An alert must open no later than this after the incident’s onset.',
        }),
        level: z.enum(['warn', 'page']).default('warn'),
        monitor: MonitorId.optional().openapi({ description: 'Only alerts of this monitor count.' }),
        evidence: EvidenceId.optional().openapi({
          description:
            'Replay this telemetry_sample evidence (NDJSON) instead of the stored telemetry around the onset.',
        }),
        lookback: Duration.default('2d').openapi({
          description: 'Telemetry before the onset replayed first, so the monitors learn what normal was.',
        }),
      })
      .strict()
      .openapi('ReplayVerification', {
        description:
          'The incident’s telemetry, replayed through today’s monitors, alerts within `within` of the onset.',
      }),
    z
      .object({
        kind: z.literal('control'),
        control: ControlKey,
        enabled: z.boolean().optional().openapi({ description: 'A kill switch in this state.' }),
        active: Text(200).optional().openapi({ description: 'A route serving this version.' }),
        level: z.enum(FILTER_LEVELS).optional().openapi({ description: 'An output filter at this level.' }),
        minShare: z
          .number()
          .min(0)
          .max(1)
          .optional()
          .openapi({ description: 'A review control holding at least this share.' }),
      })
      .strict()
      .openapi('ControlVerification', { description: 'A control exists on the system, in the stated state.' }),
    z
      .object({
        kind: z.literal('attestation'),
        url: Url.openapi({ description: 'The document, test run or change that shows it done.' }),
        what: Text(1000).openapi({ example: 'Refund-policy eval added to the prompt release gate' }),
      })
      .strict()
      .openapi('AttestationVerification', { description: 'A link a second person vouches for.' }),
  ])
  .openapi('Verification');
export type Verification = z.infer<typeof Verification>;
export type VerificationInput = z.input<typeof Verification>;

export const VerificationResult = z
  .object({
    id: z.string().openapi({ example: 'VER-2' }),
    actionId: ActionId,
    kind: z.enum(VERIFICATION_KINDS),
    passed: z.boolean(),
    /** What was checked and what was found, in words. */
    summary: z.string(),
    /** The figures behind it (events replayed, the first alert and its delay, the monitors found…). */
    details: z.record(z.string(), z.unknown()),
    at: TimestampOut,
    by: z.string(),
    /** manual, or the follow-up (30/60/90 days) that ran it again. */
    trigger: z.string(),
  })
  .openapi('VerificationResult');
export type VerificationResult = z.infer<typeof VerificationResult>;

export const FollowUp = z
  .object({
    day: z.number().int(),
    dueAt: TimestampOut,
    doneAt: TimestampOut.nullable(),
    outcome: z.enum(['reverified', 'regressed', 'chased', 'skipped']).nullable().openapi({
      description:
        'reverified: a closed action passed its verification again; regressed: it failed and the action reopened; chased: still open, its owner reminded; skipped: nothing automatic to run.',
    }),
  })
  .openapi('FollowUp');

export const Action = z
  .object({
    id: ActionId,
    incidentId: IncidentId,
    title: z.string(),
    description: z.string().nullable(),
    type: z.enum(ACTION_TYPES),
    category: ActionCategory,
    priority: z.enum(ACTION_PRIORITIES),
    status: ActionStatus,
    owner: z.string().nullable().openapi({ description: 'A person of the directory, by id.' }),
    ownerName: z.string().nullable(),
    dueAt: TimestampOut.nullable(),
    overdue: z.boolean(),
    systems: z.array(z.string()),
    tracker: z.string().nullable().openapi({ description: 'The issue in GitHub, Jira, Linear… that tracks the work.' }),
    verification: Verification.nullable(),
    lastVerification: VerificationResult.nullable(),
    followUps: z.array(FollowUp),
    createdAt: TimestampOut,
    createdBy: z.string(),
    updatedAt: TimestampOut,
    closedAt: TimestampOut.nullable(),
    closedBy: z.string().nullable(),
  })
  .openapi('Action');
export type Action = z.infer<typeof Action>;

export const ActionList = z.object({ actions: z.array(Action), total: z.number().int() }).openapi('ActionList');
export type ActionList = z.infer<typeof ActionList>;

const BoolQuery = z
  .enum(['true', 'false'])
  .transform((value) => value === 'true')
  .optional();

export const ActionListQuery = z
  .object({
    owner: z.string().max(200).optional().openapi({ description: 'A person id or name; `me` for the caller.' }),
    system: SystemId.optional(),
    incident: IncidentId.optional(),
    status: ActionStatus.optional(),
    open: BoolQuery.openapi({ description: 'Only actions neither closed nor cancelled.' }),
    overdue: BoolQuery,
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type ActionListQuery = z.infer<typeof ActionListQuery>;

export const AddActionRequest = z
  .object({
    title: Text(300).openapi({ example: 'Rate monitor on policy contradictions for support-copilot' }),
    description: Text(4000).optional(),
    type: z.enum(ACTION_TYPES).default('corrective'),
    category: ActionCategory,
    priority: z.enum(ACTION_PRIORITIES).default('medium'),
    owner: Text(200).optional().openapi({ description: 'A person of the directory (id or name).' }),
    dueAt: Timestamp.optional().openapi({ description: 'Must be in the future.' }),
    systems: z.array(SystemId).max(20).optional().openapi({ description: 'Default: the incident’s systems.' }),
    tracker: Url.optional(),
    verification: Verification.optional(),
  })
  .strict()
  .openapi('AddActionRequest');
export type AddActionRequest = z.infer<typeof AddActionRequest>;

export const UpdateActionRequest = z
  .object({
    title: Text(300).optional(),
    description: Text(4000).optional(),
    category: ActionCategory.optional(),
    priority: z.enum(ACTION_PRIORITIES).optional(),
    owner: Text(200).optional(),
    dueAt: Timestamp.optional(),
    tracker: Url.optional(),
    verification: Verification.optional(),
    status: z
      .enum(['open', 'in_progress', 'blocked', 'cancelled'])
      .optional()
      .openapi({ description: 'Closing is `POST /actions/{id}/close`, which needs a passing verification.' }),
    reason: Reason.optional(),
  })
  .strict()
  .openapi('UpdateActionRequest');
export type UpdateActionRequest = z.infer<typeof UpdateActionRequest>;

export const VerifyActionRequest = z
  .object({ note: Text(2000).optional() })
  .strict()
  .openapi('VerifyActionRequest');
export type VerifyActionRequest = z.infer<typeof VerifyActionRequest>;

export const CloseActionRequest = z.object({ reason: Reason.optional() }).strict().openapi('CloseActionRequest');
export type CloseActionRequest = z.infer<typeof CloseActionRequest>;

export const VerifyActionResponse = z
  .object({ action: Action, result: VerificationResult })
  .openapi('VerifyActionResponse');
export type VerifyActionResponse = z.infer<typeof VerifyActionResponse>;

export const VerificationList = z.object({ verifications: z.array(VerificationResult) }).openapi('VerificationList');
export type VerificationList = z.infer<typeof VerificationList>;

import { FACT_NAMES, HARM_CATEGORIES, MOMENT_FACTS, OBLIGATION_STATES } from '@firebreak/core';
import { IncidentId, Text, Timestamp, TimestampOut, Url } from './common';
import { z } from './zod';

/**
 * Incident facts and the regulatory obligations they open (issue 14, ADR 33). Each fact is a
 * timestamped entry on the incident's timeline with who set it; obligations are opened by the
 * rule pack from the facts and the system card, and each is decided by a person.
 */

const Reason = Text(2000).openapi({ description: 'Why: what the fact rests on, or why the decision was taken.' });
const Jurisdiction = z
  .string()
  .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'expected an ISO 3166 code such as DE, FR or US-CA')
  .openapi({ example: 'DE' });

/** Sets one fact about an incident. A moment fact takes `at`; the others take their value. */
export const SetFactRequest = z
  .discriminatedUnion('fact', [
    z
      .object({
        fact: z.enum(MOMENT_FACTS),
        at: Timestamp.optional().openapi({
          description: 'When it happened (not when it is recorded); defaults to now. Never in the future.',
        }),
        reason: Reason,
      })
      .strict(),
    z
      .object({
        fact: z.literal('harms'),
        value: z.array(z.enum(HARM_CATEGORIES)).max(HARM_CATEGORIES.length),
        reason: Reason,
      })
      .strict(),
    z
      .object({
        fact: z.literal('jurisdictions'),
        value: z.array(Jurisdiction).max(60),
        reason: Reason,
      })
      .strict(),
    z
      .object({
        fact: z.literal('people_affected'),
        value: z.number().int().nonnegative().max(10_000_000_000),
        reason: Reason,
      })
      .strict(),
    z
      .object({
        fact: z.enum(['widespread_infringement', 'imminent_risk', 'unsecured_phi']),
        value: z.boolean(),
        reason: Reason,
      })
      .strict(),
    z
      .object({
        fact: z.literal('personal_data_risk'),
        value: z.enum(['unlikely', 'risk', 'high']),
        reason: Reason,
      })
      .strict(),
  ])
  .openapi('SetFactRequest', {
    description:
      'One fact about an incident, with why it is held. A moment (aware, causal_link_established, …) starts the clocks that run from it; setting it again corrects it, and both entries stay on the timeline.',
  });
export type SetFactRequest = z.infer<typeof SetFactRequest>;

/** One fact as it stands, with who set it and when. */
export const FactEntry = z
  .object({
    fact: z.enum(FACT_NAMES),
    /** For a moment fact, the moment. */
    at: TimestampOut.optional(),
    value: z.unknown().optional(),
    setBy: z.string(),
    setAt: TimestampOut,
    reason: z.string(),
  })
  .openapi('FactEntry');
export type FactEntry = z.infer<typeof FactEntry>;

export const Obligation = z
  .object({
    id: z.string().openapi({ example: 'OB-7' }),
    incidentId: z.string(),
    system: z.string(),
    ruleId: z.string().openapi({ example: 'gdpr.33' }),
    stage: z.string().openapi({ example: 'notification' }),
    regime: z.string(),
    article: z.string(),
    title: z.string(),
    recipient: z.string(),
    trigger: z.string().openapi({ description: 'The fact whose moment started the clock, or `filing`.' }),
    clockStart: TimestampOut,
    counting: z.string(),
    due: TimestampOut.openapi({ description: 'The deadline as the rule counts it (for EU days, without the roll).' }),
    dueRolled: TimestampOut.optional().openapi({
      description: 'For EU days (Reg. 1182/71 Art. 3(4)): the deadline moved past a weekend or holiday.',
    }),
    governedBy: z.string().optional(),
    source: z.object({ citation: z.string(), url: z.string() }),
    applicability: z.enum(['in_force', 'not_yet_applicable']),
    state: z.enum(OBLIGATION_STATES),
    /** Time left until `due` as of the answer, negative when overdue; absent once decided. */
    remainingMs: z.number().optional(),
    overdue: z.boolean(),
    openedAt: TimestampOut,
    decidedAt: TimestampOut.optional(),
    decidedBy: z.string().optional(),
    submittedAt: TimestampOut.optional(),
    reference: z.string().optional(),
    reportUrl: z.string().optional(),
    reportSha256: z.string().optional(),
    justification: z.string().optional(),
    packVersion: z.string(),
  })
  .openapi('Obligation');
export type Obligation = z.infer<typeof Obligation>;

export const IncidentRegulatory = z
  .object({
    incidentId: z.string(),
    facts: z.array(FactEntry),
    obligations: z.array(Obligation),
  })
  .openapi('IncidentRegulatory');
export type IncidentRegulatory = z.infer<typeof IncidentRegulatory>;

/** A person's decision on an obligation: filed (with what), or not required (with why). */
export const DecideObligationRequest = z
  .discriminatedUnion('state', [
    z
      .object({
        state: z.literal('filed'),
        submittedAt: Timestamp.optional().openapi({ description: 'When the report went out; defaults to now.' }),
        reference: Text(200).optional().openapi({ description: "The recipient's reference number." }),
        reportUrl: Url.optional().openapi({ description: 'Where the report as filed is kept.' }),
        reportSha256: z
          .string()
          .regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits (a SHA-256 digest)')
          .optional(),
        reason: Text(2000).optional(),
      })
      .strict(),
    z
      .object({
        state: z.literal('not_required'),
        justification: Text(4000).openapi({
          description: 'Why no report is owed (the EU form asks for this rationale in 4.2(b)).',
        }),
      })
      .strict(),
    z
      .object({
        state: z.literal('pending'),
        reason: Text(2000).openapi({ description: 'Why an earlier decision is withdrawn.' }),
      })
      .strict(),
  ])
  .openapi('DecideObligationRequest');
export type DecideObligationRequest = z.infer<typeof DecideObligationRequest>;

export const ObligationParams = z.object({
  id: IncidentId,
  obligation: z
    .string()
    .regex(/^OB-[1-9][0-9]*$/, 'expected an obligation id such as OB-7')
    .openapi({ example: 'OB-7' }),
});

export const ObligationListQuery = z
  .object({
    state: z.enum(OBLIGATION_STATES).optional(),
    dueBefore: Timestamp.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type ObligationListQuery = z.infer<typeof ObligationListQuery>;

export const ObligationList = z.object({ obligations: z.array(Obligation) }).openapi('ObligationList');
export type ObligationList = z.infer<typeof ObligationList>;

export const RegulatoryParams = z.object({ id: IncidentId });

const DRAFT_FORMAT_NAMES = ['eu_art73', 'gpai', 'oecd', 'aiid', 'atlas'] as const;

export const DraftParams = z.object({
  id: IncidentId,
  format: z.enum(DRAFT_FORMAT_NAMES, {
    message: `expected a report format: ${DRAFT_FORMAT_NAMES.join(', ')}`,
  }),
});

export const DraftQuery = z
  .object({
    obligation: z
      .string()
      .regex(/^OB-[1-9][0-9]*$/, 'expected an obligation id such as OB-7')
      .optional()
      .openapi({
        description: 'The obligation the report answers: its stage sets the report type, its filing the dates.',
      }),
    as: z.enum(['json', 'markdown']).default('json'),
  })
  .strict();
export type DraftQuery = z.infer<typeof DraftQuery>;

const FieldValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
const Original = z.object({ value: FieldValue, vocabulary: z.string() });
const DraftField = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('filled'),
    id: z.string(),
    label: z.string(),
    mandatory: z.boolean(),
    value: FieldValue,
    source: z.string(),
    original: z.array(Original).optional(),
    note: z.string().optional(),
  }),
  z.object({
    state: z.literal('needs_person'),
    id: z.string(),
    label: z.string(),
    mandatory: z.boolean(),
    hint: z.string(),
    suggestion: FieldValue.optional(),
    original: z.array(Original).optional(),
  }),
  z.object({
    state: z.literal('not_applicable'),
    id: z.string(),
    label: z.string(),
    mandatory: z.boolean(),
    reason: z.string(),
  }),
]);

/** A report drafted in one recipient's fields: each filled (with its source), left for a person, or not applicable. */
export const RegulatoryDraft = z
  .object({
    format: z.enum(DRAFT_FORMAT_NAMES),
    form: z.string(),
    formVersion: z.string(),
    recipient: z.string(),
    incidentId: z.string(),
    title: z.string(),
    draftedAt: TimestampOut,
    applicable: z.boolean(),
    notApplicableReason: z.string().optional(),
    notes: z.array(z.string()),
    sections: z.array(z.object({ id: z.string(), title: z.string(), fields: z.array(DraftField) })),
    summary: z.object({
      total: z.number().int(),
      filled: z.number().int(),
      needsPerson: z.number().int(),
      notApplicable: z.number().int(),
      mandatoryNeedsPerson: z.array(z.string()),
    }),
  })
  .openapi('RegulatoryDraft');

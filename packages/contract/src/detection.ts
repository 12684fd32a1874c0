import { INCIDENT_TYPE_NAMES, SIGNAL_PATTERN } from '@firebreak/core';
import { Duration, SystemId, Text, TimestampOut, Url } from './common';
import { ContainAction } from './controls';
import { Incident, IncidentType, SeverityInput } from './incidents';
import { reportDuplicateIds } from './issues';

export { Duration, durationMs } from './common';

import { z } from './zod';

export { SIGNAL_PATTERN } from '@firebreak/core';

export const Signal = z
  .string()
  .regex(
    SIGNAL_PATTERN,
    'expected a signal: flag:<name>, feedback:negative, error_rate, error, confidence, latency_ms, prediction, feature:<name>, metric:<name> or selection:<segment key>',
  )
  .openapi({ example: 'flag:pii' });

export const DETECTOR_NAMES = [
  'zero_tolerance',
  'rate',
  'seasonal',
  'shewhart',
  'ewma',
  'cusum',
  'drift',
  'fairness',
] as const;

/** One monitor of a system, as written in firebreak.yaml under the system. */
export const MonitorConfig = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'expected a lower-case slug such as pii-in-answers'),
    signal: Signal,
    /** Defaults to the usual detector for the signal (see docs/detection.md). */
    detector: z.enum(DETECTOR_NAMES).optional(),
    params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).default({}),
    window: Duration.optional().openapi({ description: 'Window of event time aggregated per judgement (default 5m).' }),
    baselineWindows: z
      .number()
      .int()
      .min(0)
      .max(10_000)
      .optional()
      .openapi({ description: 'Windows forming the reference period (default 12).' }),
    segmentBy: z
      .string()
      .regex(/^[\w.:-]+$/)
      .optional()
      .openapi({ description: 'Watch each value of this segment key separately.' }),
    owner: Text(200).optional().openapi({ description: 'Who answers its alerts; defaults to the system owner.' }),
    runbook: Url.optional(),
  })
  .strict()
  .openapi('MonitorConfig');
export type MonitorConfig = z.infer<typeof MonitorConfig>;

const Glob = z.string().min(1).max(200);

/** What a rule matches: one alert, or several alerts of a system within a time window. */
export const RuleWhen = z
  .object({
    system: Glob.optional(),
    monitor: Glob.optional(),
    signal: Glob.optional(),
    level: z.enum(['warn', 'page']).optional(),
    /** Composite: at least this many distinct monitors of `of` (globs) alerting within `within`. */
    atLeast: z.number().int().min(2).optional(),
    of: z.array(Glob).min(2).optional(),
    within: Duration.optional(),
  })
  .strict()
  .superRefine((when, ctx) => {
    const composite = [when.atLeast, when.of, when.within].filter((v) => v !== undefined).length;
    if (composite > 0 && composite < 3)
      ctx.addIssue({
        code: 'custom',
        path: ['atLeast'],
        message: 'a composite trigger needs atLeast, of and within together',
      });
    if (when.atLeast !== undefined && when.of !== undefined && when.atLeast > when.of.length) {
      ctx.addIssue({ code: 'custom', path: ['atLeast'], message: 'cannot exceed the number of signals in of' });
    }
  });

export const RuleThen = z
  .object({
    type: z.enum(INCIDENT_TYPE_NAMES),
    severity: SeverityInput,
    /** Declare an incident at once (true), or open a triage proposal for a person to accept (false). */
    declare: z.boolean().default(false),
    title: Text(200).optional(),
    actions: z
      .array(z.object({ action: Text(500), within: Duration, role: z.string().max(50).optional() }).strict())
      .max(50)
      .default([]),
    notify: z.array(Text(200)).max(50).default([]),
    /** Auto-containment: controls the rule applies by itself, with the rule as actor (kill switches, rollbacks, review). */
    contain: z.array(ContainAction).max(20).default([]),
    /**
     * Contain automatically only when the alert rests on at least this many events (flagged
     * events for a rate signal, observations otherwise); below it the incident is declared and a
     * person decides (docs/adr/0014). 1 unless set.
     */
    containAtLeast: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict();

export const TriageRule = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'expected a lower-case slug such as pii-leak'),
    description: Text(1000).optional(),
    when: RuleWhen,
    then: RuleThen,
  })
  .strict()
  .openapi('TriageRule');
export type TriageRule = z.infer<typeof TriageRule>;
export type TriageRuleInput = z.input<typeof TriageRule>;

export const ALERT_STATUSES = ['firing', 'resolved', 'dismissed'] as const;

const ChartLevel = z.enum(['ok', 'warn', 'page']);

/**
 * What an alert shows as proof, as the engine recorded it when the alert opened. `window`,
 * `detail` and `sampleEventIds` are on every alert; `series`, `distribution` and `selection`
 * (what the charts draw) on alerts raised since they were added, so readers treat them as optional.
 */
export const AlertEvidence = z
  .object({
    window: z
      .object({
        start: TimestampOut,
        end: TimestampOut,
        observed: z.number(),
        summary: z.record(z.string(), z.unknown()),
      })
      .optional(),
    detail: z.record(z.string(), z.number()).optional(),
    sampleEventIds: z.array(z.string()).optional(),
    /** The shape the onset was estimated under: an abrupt step, or the start of a gradual ramp. */
    onsetModel: z.enum(['abrupt', 'gradual']).optional(),
    /** The monitor's recent windows, oldest first, ending with the one that decided, and the lines it was judged against. */
    series: z
      .object({
        measure: z.string().openapi({
          description: 'What `value` is: a rate, a window mean, a z-score, PSI, a disparate impact ratio…',
        }),
        windowMs: z.number().int(),
        history: z.array(z.object({ at: TimestampOut, value: z.number(), level: ChartLevel })),
        lines: z.array(z.object({ role: z.enum(['centre', 'warn', 'page']), value: z.number(), label: z.string() })),
      })
      .optional(),
    /** Drift: the reference period against the deciding window, per bin (numbers) or category. */
    distribution: z
      .object({
        binned: z.boolean(),
        bins: z.array(
          z.object({
            key: z.string(),
            from: z.number().nullable(),
            to: z.number().nullable(),
            reference: z.number(),
            current: z.number(),
          }),
        ),
      })
      .optional(),
    /** Fairness: each group's selection rate in the deciding window, and the four-fifths line. */
    selection: z
      .object({
        positive: z.string(),
        line: z.number(),
        groups: z.array(z.object({ group: z.string(), selected: z.number(), total: z.number(), rate: z.number() })),
      })
      .optional(),
  })
  .catchall(z.unknown())
  .openapi('AlertEvidence');
export type AlertEvidence = z.infer<typeof AlertEvidence>;

export const Alert = z
  .object({
    id: z.string().openapi({ example: 'ALR-12' }),
    fingerprint: z.string(),
    system: z.string(),
    exercise: z
      .string()
      .nullable()
      .openapi({ description: 'The drill (DRL-n) whose exercise space this belongs to; null when real.' }),
    monitor: z.string(),
    signal: z.string(),
    detector: z.string(),
    segment: z.record(z.string(), z.string()).nullable(),
    level: z.enum(['warn', 'page']),
    status: z.enum(ALERT_STATUSES),
    openedAt: TimestampOut,
    onset: TimestampOut,
    lastAt: TimestampOut,
    resolvedAt: TimestampOut.nullable(),
    value: z.number(),
    threshold: z.number(),
    score: z.number(),
    owner: z.string(),
    runbook: z.string().nullable(),
    evidence: AlertEvidence,
    incidentId: z.string().nullable(),
    /** Who first said they are on it, and when (acknowledging again changes nothing). */
    acknowledged: z.object({ by: z.string(), at: TimestampOut }).nullable(),
    dismissed: z.object({ by: z.string(), at: TimestampOut, reason: z.string() }).nullable(),
    suppressedUntil: TimestampOut.nullable(),
  })
  .openapi('Alert');
export type Alert = z.infer<typeof Alert>;

export const TriageProposal = z
  .object({
    id: z.string().openapi({ example: 'TRI-3' }),
    alertId: z.string(),
    rule: z.string(),
    decision: z
      .object({ type: z.string(), severity: z.string(), actions: z.array(z.unknown()), notify: z.array(z.string()) })
      .catchall(z.unknown()),
    status: z.enum(['open', 'accepted', 'rejected']),
    createdAt: TimestampOut,
    decidedBy: z.string().nullable(),
    decidedAt: TimestampOut.nullable(),
    reason: z.string().nullable(),
    incidentId: z.string().nullable(),
  })
  .openapi('TriageProposal');
export type TriageProposal = z.infer<typeof TriageProposal>;

/** The `{id}` in `/alerts/{id}/...`. */
export const AlertIdParams = z.object({
  id: z.string().regex(/^ALR-[1-9][0-9]*$/, 'expected an alert id such as ALR-12'),
});

/** `GET /alerts`: by status, system or incident, newest first. */
export const AlertListQuery = z
  .object({
    status: z.enum(ALERT_STATUSES).optional(),
    system: SystemId.optional(),
    incident: z
      .string()
      .regex(/^INC-[1-9][0-9]*$/, 'expected an incident id such as INC-42')
      .optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .strict();
export type AlertListQuery = z.infer<typeof AlertListQuery>;

/** `GET /alerts`. */
export const AlertList = z.object({ alerts: z.array(Alert) });
export type AlertList = z.infer<typeof AlertList>;

/**
 * `GET /alerts/{id}/series`: the alert's chart carried on to now. The evidence froze the series
 * at the window that decided; a responder also needs the windows closed since, to see whether it
 * is still happening. `history` is the frozen windows followed by the later ones (`after: true`).
 */
export const AlertSeries = z
  .object({
    alertId: z.string().openapi({ example: 'ALR-12' }),
    measure: z.string(),
    windowMs: z.number().int(),
    lines: z.array(z.object({ role: z.enum(['centre', 'warn', 'page']), value: z.number(), label: z.string() })),
    history: z.array(
      z.object({
        at: TimestampOut,
        value: z.number(),
        level: ChartLevel,
        after: z.boolean().openapi({ description: 'Closed after the deciding window.' }),
      }),
    ),
    /** Start of the window that decided (the last frozen one). */
    decidedAt: TimestampOut,
    /** How many windows of `history` closed after the deciding one. */
    after: z.number().int().min(0),
    live: z.boolean().openapi({
      description:
        'Whether the later windows come from the running engine; false when its series is gone (monitor reconfigured, engine restored from an older snapshot) and only the frozen evidence is shown.',
    }),
    /** Why the series is not live, in words; null when it is. */
    note: z.string().nullable(),
  })
  .openapi('AlertSeries');
export type AlertSeries = z.infer<typeof AlertSeries>;

/** `GET /alerts/{id}/open-incidents`: where the alert may belong. */
export const OpenIncidentsForAlert = z.object({ incidents: z.array(Incident) });
export type OpenIncidentsForAlert = z.infer<typeof OpenIncidentsForAlert>;

/** Dismissing an alert, or rejecting a triage proposal: why. */
export const ReasonRequest = z.object({ reason: Text(2000) }).strict();
export type ReasonRequest = z.infer<typeof ReasonRequest>;

/** Silencing an alert's fingerprint for a while. */
export const SuppressAlertRequest = z
  .object({ for: Duration.openapi({ description: 'How long: 30m, 4h, 7d' }), reason: Text(2000) })
  .strict();
export type SuppressAlertRequest = z.input<typeof SuppressAlertRequest>;

/** Opening an incident from an alert (onset and evidence come from the alert). */
export const DeclareFromAlertRequest = z
  .object({ type: IncidentType, severity: SeverityInput, title: Text(200).optional() })
  .strict();
export type DeclareFromAlertRequest = z.input<typeof DeclareFromAlertRequest>;

/** Every triage rule, in the order they are tried (read, and replaced whole). */
export const TriageRules = z
  .object({ rules: z.array(TriageRule).max(500) })
  .strict()
  .superRefine((body, ctx) => reportDuplicateIds(ctx, body.rules, ['rules'], 'rule'))
  .openapi('TriageRules');
export type TriageRules = z.infer<typeof TriageRules>;

/** The `{id}` in `/triage/{id}/...`. */
export const TriageProposalIdParams = z.object({
  id: z.string().regex(/^TRI-[1-9][0-9]*$/, 'expected a triage proposal id such as TRI-3'),
});

/** `GET /triage`: by status. */
export const TriageProposalListQuery = z
  .object({ status: z.enum(['open', 'accepted', 'rejected']).optional() })
  .strict();

/** `GET /triage`: oldest first. */
export const TriageProposalList = z.object({ proposals: z.array(TriageProposal) });
export type TriageProposalList = z.infer<typeof TriageProposalList>;

import { Duration, IncidentId, Text, TimestampOut } from './common';
import { ControlKey, Shadow } from './controls';
import { STANDARD_FLAGS } from './telemetry';
import { z } from './zod';

// A canary run (issue 13): a route control's candidate version judged step by step against the
// active one, on the harm flags of accepted telemetry (docs/adr/0028-canary-runs.md).

const SignalName = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'expected a telemetry flag such as hallucination_suspected, or error');
const SegmentKey = z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'expected a segment key such as language');

/** The harm signals a canary watches unless told otherwise: every standard flag, and `error`. */
export const DEFAULT_CANARY_SIGNALS: readonly string[] = [...STANDARD_FLAGS, 'error'];

/** How many values of the `segmentBy` key get series of their own; later values count only overall. */
export const MAX_CANARY_SEGMENT_VALUES = 10;

/**
 * How one harm signal is judged, as a request may set it; what it leaves out takes the default
 * (docs/canary-analysis.md, "The test").
 */
export const CanarySignalSettingsInput = z
  .object({
    r0: z
      .number()
      .min(1, 'must be at least 1 (no worse than the baseline)')
      .max(10, 'must be at most 10')
      .optional()
      .openapi({
        description:
          'H0, the tolerance: the candidate may have up to r0 times the baseline’s rate (default 1, at least 1).',
      }),
    r1: z.number().min(1.1, 'must be at least 1.1').max(100, 'must be at most 100').optional().openapi({
      description: 'H1, the harm worth aborting for: r1 times the baseline’s rate (default 2); at least 1.1 × r0.',
    }),
    rateFloor: z.number().gt(0, 'must be above 0').lt(1, 'must be below 1').optional().openapi({
      description: 'Rates under this count as harmless, for a pass without flags on either side (default 0.0001).',
    }),
    zeroTolerance: z.boolean().optional().openapi({
      description:
        'A flag that should never occur: a second abort arm on candidate-only flags, and its segments hold a segment gate until they pass (default: pii, secret and flags the system’s monitors watch with the zero_tolerance detector).',
    }),
  })
  .strict()
  .openapi('CanarySignalSettingsInput');
export type CanarySignalSettingsInput = z.infer<typeof CanarySignalSettingsInput>;

/** How a run judges one signal, every field resolved when it started. */
export const CanarySignalSettings = z
  .object({ r0: z.number(), r1: z.number(), rateFloor: z.number(), zeroTolerance: z.boolean() })
  .openapi('CanarySignalSettings');
export type CanarySignalSettings = z.infer<typeof CanarySignalSettings>;

/** One step of a canary's plan, as a request gives it. */
export const CanaryPlanStepInput = z
  .object({
    percent: z.number().gt(0, 'must be above 0').max(100, 'must be at most 100'),
    minDuration: Duration.optional().openapi({ description: 'The step lasts at least this long (none unless given).' }),
    minCandidateEvents: z.number().int().min(0).max(100_000_000).default(0),
    gate: z
      .enum(['pass', 'no_abort'])
      .default('pass')
      .openapi({ description: '`pass`: every signal must pass first; `no_abort`: a smoke test, only minimums.' }),
    gateSegments: z.boolean().default(false).openapi({
      description:
        'On a `pass` step, every segment’s series must pass too (needs segmentBy); otherwise segments only abort.',
    }),
    segmentGateMax: Duration.optional().openapi({
      description: 'With gateSegments: how long undecided segments may hold the step (no limit unless given).',
    }),
  })
  .strict();

/** A canary's options, as the checks below read them. */
interface CanaryOptions {
  plan?:
    | ReadonlyArray<{
        percent: number;
        gate: 'pass' | 'no_abort';
        gateSegments: boolean;
        segmentGateMax?: string | undefined;
      }>
    | undefined;
  signals?: readonly string[] | undefined;
  segmentBy?: string | undefined;
  signalSettings?: Record<string, CanarySignalSettingsInput> | undefined;
}

/**
 * What a canary's options must hold on their own, in a start request and a card's defaults alike:
 * shares that rise to 100, segment gates only on pass steps, no signal twice, r1 well above r0
 * where both are given.
 */
function checkCanaryShape(request: CanaryOptions, ctx: z.RefinementCtx): void {
  let previous = 0;
  request.plan?.forEach((step, i) => {
    if (step.percent <= previous)
      ctx.addIssue({
        code: 'custom',
        path: ['plan', i, 'percent'],
        message: `must rise above the step before (${previous})`,
      });
    previous = Math.max(previous, step.percent);
    if (step.gateSegments && step.gate !== 'pass')
      ctx.addIssue({
        code: 'custom',
        path: ['plan', i, 'gateSegments'],
        message: 'only a pass step can gate on segments',
      });
    if (step.segmentGateMax && !step.gateSegments)
      ctx.addIssue({
        code: 'custom',
        path: ['plan', i, 'segmentGateMax'],
        message: 'only applies with gateSegments',
      });
  });
  const last = request.plan?.at(-1);
  if (last && last.percent !== 100)
    ctx.addIssue({
      code: 'custom',
      path: ['plan', request.plan!.length - 1, 'percent'],
      message: 'the last step must be 100',
    });
  const seen = new Set<string>();
  request.signals?.forEach((signal, i) => {
    if (seen.has(signal)) ctx.addIssue({ code: 'custom', path: ['signals', i], message: `duplicate ${signal}` });
    seen.add(signal);
  });
  const settings = Object.entries(request.signalSettings ?? {});
  if (settings.length > 20) ctx.addIssue({ code: 'custom', path: ['signalSettings'], message: 'at most 20 signals' });
}

/**
 * What a canary's options must hold together once the card's defaults are in (the server checks
 * the merged request with CanaryStartResolved): a segment gate needs a segment key, settings are
 * for judged signals, and r1 stays at least 1.1 × r0 (r0 1 and r1 2 unless given).
 */
function checkCanaryWhole(request: CanaryOptions, ctx: z.RefinementCtx): void {
  request.plan?.forEach((step, i) => {
    if (step.gateSegments && !request.segmentBy)
      ctx.addIssue({
        code: 'custom',
        path: ['plan', i, 'gateSegments'],
        message: 'needs segmentBy, the key to judge by',
      });
  });
  for (const [signal, settings] of Object.entries(request.signalSettings ?? {})) {
    if (request.signals && !request.signals.includes(signal))
      ctx.addIssue({
        code: 'custom',
        path: ['signalSettings', signal],
        message: `${signal} is not a signal this canary judges (${request.signals.join(', ')})`,
      });
    // Too close a pair needs more events than a canary ever sees: the step would hold for ever.
    const r0 = settings.r0 ?? 1;
    if (settings.r1 !== undefined && settings.r1 < 1.1 * r0)
      ctx.addIssue({
        code: 'custom',
        path: ['signalSettings', signal, 'r1'],
        message: `must be at least 1.1 × r0 (${Number((1.1 * r0).toFixed(4))})`,
      });
    if (settings.r1 === undefined && 1.1 * r0 > 2)
      ctx.addIssue({
        code: 'custom',
        path: ['signalSettings', signal, 'r0'],
        message: 'must be at most r1 ÷ 1.1 (r1 is 2 unless given)',
      });
  }
}

/** The options a start request and a card's defaults share. */
const CanaryOptionFields = {
  plan: z.array(CanaryPlanStepInput).min(1).max(20).optional().openapi({
    description:
      'Steps of the candidate’s share; 1, 5, 25, 100 percent unless given, and 1, 5, 10 (segments must pass, for up to 12 hours), 25, 100 with segmentBy.',
  }),
  signals: z
    .array(SignalName)
    .min(1)
    .max(20)
    .optional()
    .openapi({ description: 'Harm flags to judge; every standard flag and error unless given.' }),
  segmentBy: SegmentKey.optional().openapi({
    description: `Also judge each value of this segment key (the first ${MAX_CANARY_SEGMENT_VALUES} seen).`,
  }),
  signalSettings: z.record(SignalName, CanarySignalSettingsInput).optional().openapi({
    description:
      'By signal: r0, r1, rateFloor and zeroTolerance where the defaults do not fit, e.g. {"hallucination_suspected": {"r1": 1.5}}. Without `signals`, a signal named here is judged too.',
  }),
};

/** `POST /controls/{key}/canary`: start judging a candidate version of a route. */
export const StartCanaryRequest = z
  .object({
    version: Text(200).openapi({ description: 'The candidate: one of the route’s versions, not the active one.' }),
    ...CanaryOptionFields,
    stickyBy: z
      .string()
      .regex(/^[\w.-]{1,64}$/)
      .default('user'),
    reason: Text(2000),
    incident: IncidentId.optional().openapi({ description: 'The incident the canary serves; its steps land there.' }),
  })
  .strict()
  .superRefine(checkCanaryShape)
  .openapi('StartCanaryRequest');
export type StartCanaryRequest = z.infer<typeof StartCanaryRequest>;
export type StartCanaryInput = z.input<typeof StartCanaryRequest>;

/**
 * A start request with the card's defaults merged in, checked as a whole: what the server runs a
 * canary on. The route checks each request's own shape; the rest needs the card.
 */
export const CanaryStartResolved = StartCanaryRequest.superRefine(checkCanaryWhole);

/**
 * A system card's defaults for the canaries of its routes (`canary:` on the card): what a start
 * request leaves out comes from here. Its shape is checked like a request's; the whole is checked
 * with each request it completes (a gated plan may rely on the requests' segmentBy).
 */
export const CanaryDefaults = z
  .object(CanaryOptionFields)
  .strict()
  .superRefine(checkCanaryShape)
  .openapi('CanaryDefaults');
export type CanaryDefaults = z.infer<typeof CanaryDefaults>;

/** `POST /controls/{key}/canary/cancel`: stop judging, route back to the active version. */
export const CancelCanaryRequest = z
  .object({ reason: Text(2000) })
  .strict()
  .openapi('CancelCanaryRequest');
export type CancelCanaryRequest = z.infer<typeof CancelCanaryRequest>;

/**
 * `POST /controls/{key}/canary/accept-risk`: a named person accepts the residual risk of the
 * zero-tolerance segment series (PII in one tenant) that hold the canary's step undecided; they
 * are then judged like any other segment series and can still abort.
 */
export const AcceptCanaryRiskRequest = z
  .object({
    reason: Text(2000).openapi({
      description: 'Why the remaining risk is acceptable: it goes on the run, the audit log and the timeline.',
    }),
    series: z.array(z.string().min(1).max(300)).min(1).max(200).optional().openapi({
      description:
        'The series the person saw and accepts, e.g. ["pii{tenant=initech}"]; without it, every one holding the step when the request is judged.',
    }),
  })
  .strict()
  .openapi('AcceptCanaryRiskRequest');
export type AcceptCanaryRiskRequest = z.infer<typeof AcceptCanaryRiskRequest>;

/** Who accepted a step's residual risk, when, why, and for which series. */
export const CanaryRiskAcceptance = z
  .object({
    by: z.string(),
    at: TimestampOut,
    reason: z.string(),
    /** The zero-tolerance segment series undecided at the time, e.g. `pii{tenant=initech}`. */
    series: z.array(z.string()),
  })
  .openapi('CanaryRiskAcceptance');
export type CanaryRiskAcceptance = z.infer<typeof CanaryRiskAcceptance>;

const Counts = z.object({
  events: z.number().int(),
  /** Flagged events by signal. */
  flagged: z.record(z.string(), z.number().int()),
});

/** What one version served during a step: events, flagged events per signal, and the same per segment value. */
export const CanaryVersionCounts = Counts.extend({
  segments: z.record(z.string(), Counts).openapi({ description: 'By value of the run’s segmentBy key.' }),
}).openapi('CanaryVersionCounts');
export type CanaryVersionCounts = z.infer<typeof CanaryVersionCounts>;

/** One line of a decision's explanation: a signal's verdict, or a minimum not yet met. */
export const CanaryReason = z
  .object({
    kind: z.enum(['signal', 'min_duration', 'min_candidate_events', 'segment_gate', 'approval_needed']),
    signal: z.string().optional(),
    segment: z.record(z.string(), z.string()).optional(),
    decision: z.enum(['abort', 'pass', 'continue']).optional(),
    reason: z.string().optional(),
    gates: z.boolean().optional(),
    logLikelihoodRatio: z.number().optional(),
    abortAt: z.number().optional(),
    passAt: z.number().optional(),
    remainingMs: z.number().nullable().optional(),
    remaining: z.number().optional(),
    /** segment_gate: segment series neither passed nor aborted that hold the step. */
    undecided: z.number().optional(),
    /** segment_gate: undecided segment series too rare to clear within the gate; they only abort. */
    unclearable: z.number().optional(),
    /** segment_gate: undecided zero-tolerance segment series; they hold the step until they pass or abort, or a person accepts the risk. */
    zeroTolerance: z.number().optional(),
    /** segment_gate: undecided zero-tolerance segment series whose risk a person accepted; judged like any other segment series. */
    riskAccepted: z.number().optional(),
    message: z.string().optional(),
  })
  .openapi('CanaryReason');
export type CanaryReason = z.infer<typeof CanaryReason>;

export const CANARY_ACTIONS = ['advance', 'hold', 'abort', 'complete'] as const;
export const CanaryDecision = z
  .object({ action: z.enum(CANARY_ACTIONS), at: TimestampOut, reasons: z.array(CanaryReason) })
  .openapi('CanaryDecision');
export type CanaryDecision = z.infer<typeof CanaryDecision>;

const StepCounts = z.object({
  step: z.number().int(),
  percent: z.number(),
  baselineEvents: z.number().int(),
  baselineFlagged: z.number().int(),
  candidateEvents: z.number().int(),
  candidateFlagged: z.number().int(),
  /** The sequential test's log-likelihood ratio over the steps up to and including this one. */
  logLikelihoodRatio: z.number(),
});

/**
 * The evidence for a canary's decision, one entry per series (a signal overall or in one segment
 * value): counts per step, and the sequential test's log-likelihood ratio with its limits, for a
 * chart of candidate against baseline.
 */
export const CanarySeriesEvidence = z
  .object({
    signal: z.string(),
    segment: z.record(z.string(), z.string()).optional(),
    decision: z.enum(['abort', 'pass', 'continue']),
    reason: z.string(),
    gates: z.boolean(),
    logLikelihoodRatio: z.number(),
    abortAt: z.number(),
    passAt: z.number(),
    /** Zero-tolerance flags (pii, secret): the 'every flag on the candidate' arm's log ratio (aborts at abortAt); null otherwise or once the baseline shows the flag. */
    zeroToleranceLogLikelihoodRatio: z.number().nullable(),
    /** Candidate's rate over baseline's on the totals; null while the baseline has no flag. */
    ratio: z.number().nullable(),
    baselineRate: z.number().nullable(),
    candidateRate: z.number().nullable(),
    steps: z.array(StepCounts),
  })
  .openapi('CanarySeriesEvidence');
export type CanarySeriesEvidence = z.infer<typeof CanarySeriesEvidence>;

export const CanaryEvidence = z
  .object({
    baseline: z.string(),
    candidate: z.string(),
    alpha: z.number(),
    tests: z.number().int(),
    series: z.array(CanarySeriesEvidence),
  })
  .openapi('CanaryEvidence');
export type CanaryEvidence = z.infer<typeof CanaryEvidence>;

export const CanaryPlanStep = z
  .object({
    percent: z.number(),
    minDurationMs: z.number(),
    minCandidateEvents: z.number().int(),
    gate: z.enum(['pass', 'no_abort']),
    gateSegments: z.boolean().optional(),
    segmentGateMaxMs: z.number().optional(),
  })
  .openapi('CanaryPlanStep');

export const CanaryStepRecord = z
  .object({
    step: z.number().int(),
    percent: z.number(),
    startedAt: TimestampOut,
    endedAt: TimestampOut.nullable(),
    baseline: CanaryVersionCounts,
    candidate: CanaryVersionCounts,
    /** The decision that ended the step, or the latest one while it runs. */
    decision: CanaryDecision.nullable(),
    /** Each time a person accepted residual risk on the step (POST …/canary/accept-risk). */
    risksAccepted: z.array(CanaryRiskAcceptance).optional(),
    /** When the step was first held by zero-tolerance segment series alone past its gate (a `canary_held` entry said so). */
    heldNoticeAt: TimestampOut.optional(),
  })
  .openapi('CanaryStepRecord');
export type CanaryStepRecord = z.infer<typeof CanaryStepRecord>;

export const CANARY_STATES = ['running', 'aborted', 'completed', 'cancelled'] as const;

/** A canary run: its plan, where it stands, each step's counts and verdict, and the evidence. */
export const CanaryRun = z
  .object({
    id: z.string().openapi({ example: 'CAN-3' }),
    key: ControlKey,
    system: z.string(),
    target: z
      .string()
      .openapi({ description: 'What the route selects, and the telemetry field compared: model, prompt or policy.' }),
    baseline: z.string(),
    candidate: z.string(),
    stickyBy: z.string(),
    state: z.enum(CANARY_STATES),
    plan: z.array(CanaryPlanStep),
    /** Index into the plan of the step the run is on (or ended on). */
    step: z.number().int(),
    signals: z.array(z.string()),
    /** How each signal is judged, resolved at the start (defaults filled in). */
    signalSettings: z.record(z.string(), CanarySignalSettings),
    segmentBy: z.string().nullable(),
    startedAt: TimestampOut,
    startedBy: z.string(),
    reason: z.string(),
    incidentId: z.string().nullable(),
    endedAt: TimestampOut.nullable(),
    endedBy: z.string().nullable(),
    endReason: z.string().nullable(),
    steps: z.array(CanaryStepRecord),
    evidence: CanaryEvidence,
  })
  .openapi('CanaryRun');
export type CanaryRun = z.infer<typeof CanaryRun>;

/** `GET /controls/{key}/canary`: the run in progress, else the last one; null when there was none. */
export const CanaryStatus = z.object({ run: CanaryRun.nullable() }).openapi('CanaryStatus');
export type CanaryStatus = z.infer<typeof CanaryStatus>;

// A shadow run (issue 13): a route's shadow version, run on a copy of a share of requests and
// never shown to users, compared with the active version like a canary with no steps
// (docs/adr/0032-shadow-traffic.md).

export const SHADOW_STATES = ['running', 'regressed', 'stopped'] as const;
/** `passing`: the shadow is shown no worse; `regressed`: it does more harm; `inconclusive`: not decided yet. */
export const SHADOW_VERDICTS = ['passing', 'regressed', 'inconclusive'] as const;

/** The verdict on one series (a signal overall or in one segment value) of a shadow run. */
export const ShadowSeriesVerdict = z
  .object({
    signal: z.string(),
    segment: z.record(z.string(), z.string()).optional(),
    verdict: z.enum(SHADOW_VERDICTS),
    /** The shadow's rate over the active version's; null while the active version has no flag. */
    ratio: z.number().nullable(),
    baselineRate: z.number().nullable(),
    candidateRate: z.number().nullable(),
  })
  .openapi('ShadowSeriesVerdict');
export type ShadowSeriesVerdict = z.infer<typeof ShadowSeriesVerdict>;

/** A shadow run: the two versions compared, its counts, a verdict per series and the evidence. */
export const ShadowRun = z
  .object({
    id: z.string().openapi({ example: 'SHD-2' }),
    key: ControlKey,
    system: z.string(),
    target: z.string().openapi({ description: 'The telemetry field compared: model, prompt or policy.' }),
    baseline: z.string().openapi({ description: 'The active version, whose output users get.' }),
    candidate: z.string().openapi({ description: 'The shadow version, whose output nobody sees.' }),
    percent: z.number(),
    stickyBy: z.string(),
    state: z.enum(SHADOW_STATES),
    /** Regressed once any series regressed; passing once every overall signal passed; inconclusive otherwise. */
    verdict: z.enum(SHADOW_VERDICTS),
    verdicts: z.array(ShadowSeriesVerdict),
    signals: z.array(z.string()),
    segmentBy: z.string().nullable(),
    baselineEvents: z.number().int(),
    candidateEvents: z.number().int(),
    startedAt: TimestampOut,
    startedBy: z.string(),
    reason: z.string().nullable(),
    incidentId: z.string().nullable(),
    endedAt: TimestampOut.nullable(),
    endedBy: z.string().nullable(),
    endReason: z.string().nullable(),
    evidence: CanaryEvidence,
  })
  .openapi('ShadowRun');
export type ShadowRun = z.infer<typeof ShadowRun>;

/** `GET /controls/{key}/shadow`: the route's shadow now, and its run in progress or last run. */
export const ShadowStatus = z
  .object({
    shadow: Shadow.nullable().openapi({ description: 'The route’s shadow now; null when none runs.' }),
    run: ShadowRun.nullable(),
  })
  .openapi('ShadowStatus');
export type ShadowStatus = z.infer<typeof ShadowStatus>;

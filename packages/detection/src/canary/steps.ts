import { seriesName } from '@firebreak/core';
import type { SignalVerdict } from './analyse';

/** One step of a canary's plan: the candidate's share of traffic and what the step must see. */
export interface CanaryStep {
  /** The candidate's share of traffic, in percent (0 < percent ≤ 100). */
  percent: number;
  /** The step lasts at least this long, in milliseconds. */
  minDurationMs: number;
  /** The candidate serves at least this many events during the step itself. */
  minCandidateEvents: number;
  /**
   * `pass`: every gating signal must have passed before the step advances. `no_abort`: the
   * step advances once its minimums are met unless a signal aborted (a smoke test at 1%, where
   * no rate can be judged yet).
   */
  gate: 'pass' | 'no_abort';
  /**
   * On a `pass` step, every segment's series must pass too, not only the overall ones (they can
   * always abort). Default false.
   */
  gateSegments?: boolean;
  /**
   * With `gateSegments`: how long after the step's start segments may hold it, in milliseconds.
   * A segment series still undecided by then stops gating (it can still abort), and the step's
   * reasons name it. Default: no limit.
   */
  segmentGateMaxMs?: number;
}

/** A plan of 1, 5, 25 and 100 percent: a 10-minute smoke test, then steps that must pass. */
export const DEFAULT_CANARY_PLAN: readonly CanaryStep[] = [
  { percent: 1, minDurationMs: 10 * 60_000, minCandidateEvents: 0, gate: 'no_abort' },
  { percent: 5, minDurationMs: 30 * 60_000, minCandidateEvents: 200, gate: 'pass' },
  { percent: 25, minDurationMs: 30 * 60_000, minCandidateEvents: 1000, gate: 'pass' },
  { percent: 100, minDurationMs: 0, minCandidateEvents: 0, gate: 'pass' },
];

/** How long the segmented plan's 10% step lets undecided segments hold it: 12 hours. */
export const SEGMENT_GATE_MAX_MS = 12 * 3_600_000;

/**
 * The plan for a canary judged by segment (a run with `segmentBy`): the default plan with a 10%
 * step before 25% on which every segment's series must pass too, for at most 12 hours. At 5% a
 * segment of a tenth of the traffic sees too little of the candidate to be cleared in hours; at
 * 10% it sees twice as much, and a doubled harm rate in one segment is caught there instead of
 * after the canary has reached a quarter of the traffic (docs/canary-analysis.md, "Steps").
 */
export const SEGMENTED_CANARY_PLAN: readonly CanaryStep[] = [
  DEFAULT_CANARY_PLAN[0]!,
  DEFAULT_CANARY_PLAN[1]!,
  {
    percent: 10,
    minDurationMs: 30 * 60_000,
    minCandidateEvents: 1000,
    gate: 'pass',
    gateSegments: true,
    segmentGateMaxMs: SEGMENT_GATE_MAX_MS,
  },
  DEFAULT_CANARY_PLAN[2]!,
  DEFAULT_CANARY_PLAN[3]!,
];

/** Where a canary stands: its plan, its step, the step's start, the time and the verdicts so far. */
export interface CanaryStepInput {
  plan: readonly CanaryStep[];
  /** Index in the plan of the step the canary is on. */
  step: number;
  stepStartedAt: Date;
  now: Date;
  /** Events the candidate served since this step started. */
  stepCandidateEvents: number;
  /** The verdicts of analyseCanary over the evidence so far (it may span earlier steps). */
  verdicts: readonly SignalVerdict[];
  /**
   * The zero-tolerance segment series whose residual risk a named person accepted on this step,
   * by `seriesName` (`pii{tenant=initech}`): they lose their exemption from the segment gate's
   * limits and are judged like any other segment series. Others still hold the step.
   */
  acceptedSeries?: Iterable<string>;
}

/** `pii{tenant=initech}`: one name for a series everywhere (@firebreak/core). */
export { seriesName };

/** What a canary does next (decideCanaryStep). */
export type CanaryAction = 'advance' | 'hold' | 'abort' | 'complete';

/** One line of a step decision's explanation: a signal's verdict, or a minimum not yet met. */
export type CanaryStepReason =
  | {
      kind: 'signal';
      signal: string;
      segment?: Readonly<Record<string, string>>;
      decision: SignalVerdict['decision'];
      reason: SignalVerdict['reason'];
      gates: boolean;
      logLikelihoodRatio: number;
      abortAt: number;
      passAt: number;
    }
  | { kind: 'min_duration'; remainingMs: number }
  | { kind: 'min_candidate_events'; remaining: number }
  /**
   * On a step whose segments gate: how many segment series are still undecided and how long they
   * may still hold the step (0: the gate lapsed and the step no longer waits for them; null: no
   * limit), and how many are too rare to clear within the gate, which only abort. Zero-tolerance
   * series are counted apart: `zeroTolerance` of them hold the step with no limit until they pass
   * or abort or a person accepts the risk; `riskAccepted` of them were accepted and are counted
   * among the undecided or unclearable like any other (each field present only when not 0).
   */
  | {
      kind: 'segment_gate';
      remainingMs: number | null;
      undecided: number;
      unclearable: number;
      zeroTolerance?: number;
      riskAccepted?: number;
    };

/** decideCanaryStep's answer: the action, the step and share after it, and why. */
export interface CanaryStepDecision {
  action: CanaryAction;
  /** The step the canary should be on after this decision (the next one on `advance`). */
  step: number;
  /** The candidate's share after the decision: 0 after an abort, 100 once complete. */
  percent: number;
  reasons: CanaryStepReason[];
}

/**
 * Says what a canary does now: `abort` as soon as any signal aborts (even before the step's
 * minimums), `advance` once the step's minimums are met and its gate holds, `complete` when that
 * advance reaches 100%, `hold` otherwise. Every signal is listed in `reasons`.
 *
 * @example
 * decideCanaryStep({ plan: DEFAULT_CANARY_PLAN, step: 1, stepStartedAt, now, stepCandidateEvents: 340,
 *   verdicts: analyseCanary(observations) }).action; // 'advance' once 30 minutes have passed and all pass
 */
export function decideCanaryStep(input: CanaryStepInput): CanaryStepDecision {
  checkPlan(input.plan);
  const { plan, step, verdicts } = input;
  if (!Number.isInteger(step) || step < 0 || step >= plan.length) {
    throw new RangeError(`step: must be an index into plan (0…${plan.length - 1}), not ${step}`);
  }
  const elapsed = input.now.getTime() - input.stepStartedAt.getTime();
  if (!Number.isFinite(elapsed)) throw new RangeError('now: stepStartedAt and now must be valid dates');
  if (elapsed < 0) throw new RangeError('now: must not be before stepStartedAt');
  if (!(Number.isInteger(input.stepCandidateEvents) && input.stepCandidateEvents >= 0)) {
    throw new RangeError(`stepCandidateEvents: must be a non-negative integer, not ${input.stepCandidateEvents}`);
  }
  const current = plan[step]!;
  const segmentStep = current.gate === 'pass' && current.gateSegments === true;
  const gateLapsed = current.segmentGateMaxMs !== undefined && elapsed >= current.segmentGateMaxMs;
  const clearable = clearableWithin(current.segmentGateMaxMs, verdicts, input.stepCandidateEvents, elapsed);
  const segmentSeries = (v: SignalVerdict) => segmentStep && v.segment !== undefined && !v.gates;
  // A zero-tolerance series is never let go by the gate's limit or by being rare: exposing more
  // of a segment to a candidate that may leak more of its data takes a person's word. Once that
  // person accepted it, it is judged like any other segment series.
  const accepted = new Set(input.acceptedSeries ?? []);
  const exempt = (v: SignalVerdict) => v.zeroTolerance && !accepted.has(seriesName(v));
  const holdsUntilAccepted = (v: SignalVerdict) => segmentSeries(v) && exempt(v);
  const segmentGates = (v: SignalVerdict) => segmentSeries(v) && !exempt(v) && clearable(v);
  const gating = (v: SignalVerdict) => v.gates || holdsUntilAccepted(v) || (segmentGates(v) && !gateLapsed);
  const reasons: CanaryStepReason[] = verdicts.map((v) => signalReason(v, gating(v)));
  if (verdicts.some((v) => v.decision === 'abort')) return { action: 'abort', step, percent: 0, reasons };
  if (current.percent === 100) return { action: 'complete', step, percent: 100, reasons };
  if (segmentStep) {
    const open = verdicts.filter((v) => segmentSeries(v) && v.decision !== 'pass');
    const rest = open.filter((v) => !exempt(v));
    const undecided = rest.filter(segmentGates).length;
    const zeroTolerance = open.length - rest.length;
    const riskAccepted = rest.filter((v) => v.zeroTolerance).length;
    const max = current.segmentGateMaxMs;
    if (open.length > 0) {
      reasons.push({
        kind: 'segment_gate',
        remainingMs: max === undefined ? null : Math.max(0, max - elapsed),
        undecided,
        unclearable: rest.length - undecided,
        ...(zeroTolerance > 0 ? { zeroTolerance } : {}),
        ...(riskAccepted > 0 ? { riskAccepted } : {}),
      });
    }
  }
  let minimumsMet = true;
  if (elapsed < current.minDurationMs) {
    reasons.push({ kind: 'min_duration', remainingMs: current.minDurationMs - elapsed });
    minimumsMet = false;
  }
  if (input.stepCandidateEvents < current.minCandidateEvents) {
    reasons.push({ kind: 'min_candidate_events', remaining: current.minCandidateEvents - input.stepCandidateEvents });
    minimumsMet = false;
  }
  const gateHolds = current.gate === 'no_abort' || verdicts.every((v) => !gating(v) || v.decision === 'pass');
  if (!minimumsMet || !gateHolds) return { action: 'hold', step, percent: current.percent, reasons };
  const next = plan[step + 1]!;
  return next.percent === 100
    ? { action: 'complete', step: step + 1, percent: 100, reasons }
    : { action: 'advance', step: step + 1, percent: next.percent, reasons };
}

/**
 * Whether a segment's series could pass within a step's segment gate: the candidate events it
 * needs to pass (expectedEventsToPass) against those its segment can be expected to serve in the
 * gate at this step's pace (the step's candidate events per millisecond times the segment's share
 * of the signal's candidate events). A series too rare to clear in that time is not waited for.
 * Without a limit, or before there is anything to estimate from, every series is.
 */
function clearableWithin(
  gateMs: number | undefined,
  verdicts: readonly SignalVerdict[],
  stepCandidateEvents: number,
  elapsed: number,
): (v: SignalVerdict) => boolean {
  const overall = new Map(verdicts.filter((v) => v.segment === undefined).map((v) => [v.signal, v]));
  return (v) => {
    const all = overall.get(v.signal);
    if (gateMs === undefined || v.expectedEventsToPass === null || !all) return true;
    if (elapsed === 0 || stepCandidateEvents === 0 || all.totals.candidateEvents === 0) return true;
    const segmentShare = v.totals.candidateEvents / all.totals.candidateEvents;
    return v.expectedEventsToPass <= (stepCandidateEvents / elapsed) * segmentShare * gateMs;
  };
}

function signalReason(v: SignalVerdict, gates: boolean): CanaryStepReason {
  return {
    kind: 'signal',
    signal: v.signal,
    ...(v.segment ? { segment: v.segment } : {}),
    decision: v.decision,
    reason: v.reason,
    gates,
    logLikelihoodRatio: v.logLikelihoodRatio,
    abortAt: v.abortAt,
    passAt: v.passAt,
  };
}

/** A plan's shares rise strictly to 100 and its minimums are non-negative. */
export function checkPlan(plan: readonly CanaryStep[]): void {
  if (plan.length === 0) throw new RangeError('plan: needs at least one step');
  plan.forEach((s, i) => {
    const previous = i > 0 ? plan[i - 1]!.percent : 0;
    if (!(s.percent > previous && s.percent <= 100)) {
      throw new RangeError(`plan[${i}].percent: must rise above ${previous} and be at most 100, not ${s.percent}`);
    }
    if (!(s.minDurationMs >= 0 && Number.isFinite(s.minDurationMs))) {
      throw new RangeError(`plan[${i}].minDurationMs: must be a non-negative number, not ${s.minDurationMs}`);
    }
    if (!(Number.isInteger(s.minCandidateEvents) && s.minCandidateEvents >= 0)) {
      throw new RangeError(
        `plan[${i}].minCandidateEvents: must be a non-negative integer, not ${s.minCandidateEvents}`,
      );
    }
    if (s.segmentGateMaxMs !== undefined && !(s.segmentGateMaxMs >= 0 && Number.isFinite(s.segmentGateMaxMs))) {
      throw new RangeError(`plan[${i}].segmentGateMaxMs: must be a non-negative number, not ${s.segmentGateMaxMs}`);
    }
  });
  if (plan[plan.length - 1]!.percent !== 100) throw new RangeError('plan: the last step must be 100 percent');
}

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
}

/** A plan of 1, 5, 25 and 100 percent: a 10-minute smoke test, then steps that must pass. */
export const DEFAULT_CANARY_PLAN: readonly CanaryStep[] = [
  { percent: 1, minDurationMs: 10 * 60_000, minCandidateEvents: 0, gate: 'no_abort' },
  { percent: 5, minDurationMs: 30 * 60_000, minCandidateEvents: 200, gate: 'pass' },
  { percent: 25, minDurationMs: 30 * 60_000, minCandidateEvents: 1000, gate: 'pass' },
  { percent: 100, minDurationMs: 0, minCandidateEvents: 0, gate: 'pass' },
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
}

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
  | { kind: 'min_candidate_events'; remaining: number };

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
  const reasons: CanaryStepReason[] = verdicts.map(signalReason);
  if (verdicts.some((v) => v.decision === 'abort')) return { action: 'abort', step, percent: 0, reasons };
  if (current.percent === 100) return { action: 'complete', step, percent: 100, reasons };
  if (elapsed < current.minDurationMs)
    reasons.push({ kind: 'min_duration', remainingMs: current.minDurationMs - elapsed });
  if (input.stepCandidateEvents < current.minCandidateEvents) {
    reasons.push({ kind: 'min_candidate_events', remaining: current.minCandidateEvents - input.stepCandidateEvents });
  }
  const minimumsMet = reasons.length === verdicts.length;
  const gateHolds = current.gate === 'no_abort' || verdicts.every((v) => !v.gates || v.decision === 'pass');
  if (!minimumsMet || !gateHolds) return { action: 'hold', step, percent: current.percent, reasons };
  const next = plan[step + 1]!;
  return next.percent === 100
    ? { action: 'complete', step: step + 1, percent: 100, reasons }
    : { action: 'advance', step: step + 1, percent: next.percent, reasons };
}

function signalReason(v: SignalVerdict): CanaryStepReason {
  return {
    kind: 'signal',
    signal: v.signal,
    ...(v.segment ? { segment: v.segment } : {}),
    decision: v.decision,
    reason: v.reason,
    gates: v.gates,
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
  });
  if (plan[plan.length - 1]!.percent !== 100) throw new RangeError('plan: the last step must be 100 percent');
}

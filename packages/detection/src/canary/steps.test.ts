import { describe, expect, it } from 'vitest';
import type { SignalVerdict } from './analyse';
import { type CanaryStep, DEFAULT_CANARY_PLAN, decideCanaryStep } from './steps';

const start = new Date('2026-12-06T10:00:00Z');
const minutes = (m: number) => new Date(start.getTime() + m * 60_000);

function verdict(decision: SignalVerdict['decision'], gates = true): SignalVerdict {
  return {
    signal: 'refusal',
    ...(gates ? {} : { segment: { language: 'de' } }),
    decision,
    reason: decision === 'abort' ? 'harm_ratio' : decision === 'pass' ? 'ratio_below' : 'insufficient_evidence',
    gates,
    logLikelihoodRatio: 0,
    abortAt: 9.2,
    passAt: -4.6,
    floorLogLikelihoodRatio: 0,
    zeroToleranceLogLikelihoodRatio: null,
    totals: { baselineEvents: 0, baselineFlagged: 0, candidateEvents: 0, candidateFlagged: 0 },
    ratio: null,
  };
}

const decide = (step: number, elapsedMinutes: number, events: number, verdicts: SignalVerdict[]) =>
  decideCanaryStep({
    plan: DEFAULT_CANARY_PLAN,
    step,
    stepStartedAt: start,
    now: minutes(elapsedMinutes),
    stepCandidateEvents: events,
    verdicts,
  });

describe('decideCanaryStep on the default plan (1, 5, 25, 100 percent)', () => {
  it.each([
    ['aborts at once when a signal aborts, before the minimums', 1, 1, 0, [verdict('abort')], 'abort', 1, 0],
    ['aborts when a segment aborts', 2, 40, 5000, [verdict('pass'), verdict('abort', false)], 'abort', 2, 0],
    ['holds the smoke step until its ten minutes', 0, 9, 50, [verdict('continue')], 'hold', 0, 1],
    ['advances the smoke step without a pass', 0, 10, 50, [verdict('continue')], 'advance', 1, 5],
    ['holds a passing step before its minimum duration', 1, 29, 500, [verdict('pass')], 'hold', 1, 5],
    ['holds a passing step before its minimum events', 1, 45, 150, [verdict('pass')], 'hold', 1, 5],
    ['holds a step whose gating signal has not passed', 1, 45, 500, [verdict('continue')], 'hold', 1, 5],
    [
      'advances when gating signals pass and segments still watch',
      1,
      30,
      200,
      [verdict('pass'), verdict('continue', false)],
      'advance',
      2,
      25,
    ],
    ['completes when the step before 100% passes', 2, 30, 1000, [verdict('pass')], 'complete', 3, 100],
  ])('%s', (_, step, elapsed, events, verdicts, action, nextStep, percent) => {
    const decision = decide(step, elapsed, events, verdicts);
    expect([decision.action, decision.step, decision.percent]).toEqual([action, nextStep, percent]);
  });

  it('explains a hold with every signal and each minimum not yet met', () => {
    const decision = decide(1, 20, 150, [verdict('pass'), verdict('continue', false)]);
    expect(decision.reasons).toEqual([
      expect.objectContaining({ kind: 'signal', signal: 'refusal', decision: 'pass', gates: true }),
      expect.objectContaining({ kind: 'signal', segment: { language: 'de' }, decision: 'continue', gates: false }),
      { kind: 'min_duration', remainingMs: 10 * 60_000 },
      { kind: 'min_candidate_events', remaining: 50 },
    ]);
  });
});

describe('bad input', () => {
  const step = (s: Partial<CanaryStep>): CanaryStep => ({
    percent: 100,
    minDurationMs: 0,
    minCandidateEvents: 0,
    gate: 'pass',
    ...s,
  });
  it.each([
    [{ plan: [] }, 'plan: needs at least one step'],
    [{ plan: [step({ percent: 5 }), step({ percent: 5 })] }, 'plan[1].percent'],
    [{ plan: [step({ percent: 50 })] }, 'plan: the last step must be 100 percent'],
    [{ plan: [step({ minDurationMs: -1 })] }, 'plan[0].minDurationMs'],
    [{ plan: [step({ minCandidateEvents: Number.NaN })] }, 'plan[0].minCandidateEvents'],
    [{ step: 4 }, 'step: must be an index into plan'],
    [{ now: new Date(start.getTime() - 1) }, 'now: must not be before stepStartedAt'],
    [{ now: new Date(Number.NaN) }, 'now: stepStartedAt and now must be valid dates'],
    [{ stepCandidateEvents: -3 }, 'stepCandidateEvents'],
  ])('names the field: %o', (override, message) => {
    const input = {
      plan: DEFAULT_CANARY_PLAN,
      step: 0,
      stepStartedAt: start,
      now: minutes(5),
      stepCandidateEvents: 0,
      verdicts: [],
      ...override,
    };
    expect(() => decideCanaryStep(input)).toThrow(RangeError);
    expect(() => decideCanaryStep(input)).toThrow(message);
  });
});

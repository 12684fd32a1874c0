import { describe, expect, it } from 'vitest';
import type { SignalVerdict } from './analyse';
import { type CanaryStep, DEFAULT_CANARY_PLAN, decideCanaryStep, SEGMENTED_CANARY_PLAN } from './steps';

const start = new Date('2026-12-06T10:00:00Z');
const minutes = (m: number) => new Date(start.getTime() + m * 60_000);

function verdict(decision: SignalVerdict['decision'], gates = true): SignalVerdict {
  return {
    signal: 'refusal',
    ...(gates ? {} : { segment: { language: 'de' } }),
    decision,
    reason: decision === 'abort' ? 'harm_ratio' : decision === 'pass' ? 'ratio_below' : 'insufficient_evidence',
    gates,
    zeroTolerance: false,
    logLikelihoodRatio: 0,
    abortAt: 9.2,
    passAt: -4.6,
    floorLogLikelihoodRatio: 0,
    zeroToleranceLogLikelihoodRatio: null,
    totals: { baselineEvents: 0, baselineFlagged: 0, candidateEvents: 0, candidateFlagged: 0 },
    ratio: null,
    expectedEventsToPass: null,
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

describe('decideCanaryStep on the segmented plan (1, 5, 10 with segments gating, 25, 100 percent)', () => {
  const decideSegmented = (step: number, elapsedMinutes: number, events: number, verdicts: SignalVerdict[]) =>
    decideCanaryStep({
      plan: SEGMENTED_CANARY_PLAN,
      step,
      stepStartedAt: start,
      now: minutes(elapsedMinutes),
      stepCandidateEvents: events,
      verdicts,
    });
  const gateMinutes = SEGMENTED_CANARY_PLAN[2]!.segmentGateMaxMs! / 60_000;

  it('rises to 10 percent with segments still watching, as the default plan would', () => {
    const decision = decideSegmented(1, 30, 200, [verdict('pass'), verdict('continue', false)]);
    expect([decision.action, decision.percent]).toEqual(['advance', 10]);
  });

  it('holds 10 percent while a segment has neither passed nor aborted, and says for how long it may', () => {
    const decision = decideSegmented(2, 60, 5000, [verdict('pass'), verdict('continue', false)]);
    expect([decision.action, decision.percent]).toEqual(['hold', 10]);
    expect(decision.reasons).toEqual([
      expect.objectContaining({ kind: 'signal', decision: 'pass', gates: true }),
      expect.objectContaining({ kind: 'signal', segment: { language: 'de' }, decision: 'continue', gates: true }),
      { kind: 'segment_gate', remainingMs: (gateMinutes - 60) * 60_000, undecided: 1, unclearable: 0 },
    ]);
  });

  it('advances to 25 percent once every segment has passed', () => {
    const decision = decideSegmented(2, 60, 5000, [verdict('pass'), verdict('pass', false)]);
    expect([decision.action, decision.percent]).toEqual(['advance', 25]);
    expect(decision.reasons.some((r) => r.kind === 'segment_gate')).toBe(false);
  });

  it('stops waiting for undecided segments when the gate lapses, and names that it did', () => {
    const decision = decideSegmented(2, gateMinutes, 5000, [verdict('pass'), verdict('continue', false)]);
    expect([decision.action, decision.percent]).toEqual(['advance', 25]);
    expect(decision.reasons).toContainEqual(
      expect.objectContaining({ kind: 'signal', segment: { language: 'de' }, decision: 'continue', gates: false }),
    );
    expect(decision.reasons).toContainEqual({ kind: 'segment_gate', remainingMs: 0, undecided: 1, unclearable: 0 });
  });

  it('does not wait for a segment too rare to clear within the gate, and counts it', () => {
    // The step served 6,000 candidate events in 60 minutes, a tenth of them in the segment: about
    // 7,200 of its own in the 12-hour gate.
    const withTotals = (v: SignalVerdict, candidateEvents: number, expectedEventsToPass: number | null) => ({
      ...v,
      totals: { ...v.totals, candidateEvents },
      expectedEventsToPass,
    });
    const overall = withTotals(verdict('pass'), 10_000, 900);
    const rare = decideSegmented(2, 60, 6000, [overall, withTotals(verdict('continue', false), 1000, 40_000)]);
    expect(rare.action).toBe('advance');
    expect(rare.reasons).toContainEqual({
      kind: 'segment_gate',
      remainingMs: (gateMinutes - 60) * 60_000,
      undecided: 0,
      unclearable: 1,
    });
    const clearable = decideSegmented(2, 60, 6000, [overall, withTotals(verdict('continue', false), 1000, 5000)]);
    expect(clearable.action).toBe('hold');
  });

  it('still aborts on a segment after the gate lapsed', () => {
    const decision = decideSegmented(2, gateMinutes + 1, 5000, [verdict('pass'), verdict('abort', false)]);
    expect(decision.action).toBe('abort');
  });

  it('never holds for segments on a step whose segment gate is 0, and still aborts on one', () => {
    const plan = SEGMENTED_CANARY_PLAN.map((step, i) => (i === 2 ? { ...step, segmentGateMaxMs: 0 } : step));
    const decideNoGate = (verdicts: SignalVerdict[]) =>
      decideCanaryStep({ plan, step: 2, stepStartedAt: start, now: minutes(60), stepCandidateEvents: 5000, verdicts });
    const undecided = decideNoGate([verdict('pass'), verdict('continue', false)]);
    expect([undecided.action, undecided.percent]).toEqual(['advance', 25]);
    expect(undecided.reasons).toContainEqual({ kind: 'segment_gate', remainingMs: 0, undecided: 1, unclearable: 0 });
    expect(decideNoGate([verdict('pass'), verdict('abort', false)]).action).toBe('abort');
  });

  describe('a zero-tolerance flag in a segment', () => {
    // PII at 0.05% in one tenant: far too rare to clear within the gate at this pace.
    const pii = (decision: SignalVerdict['decision']): SignalVerdict => ({
      ...verdict(decision, false),
      signal: 'pii',
      segment: { tenant: 'initech' },
      zeroTolerance: true,
      totals: { baselineEvents: 0, baselineFlagged: 0, candidateEvents: 1000, candidateFlagged: 0 },
      expectedEventsToPass: 35_000,
    });
    // PII overall has passed; the step served 6,000 candidate events in its hour, a tenth in initech.
    const overall = {
      ...verdict('pass'),
      signal: 'pii',
      zeroTolerance: true,
      totals: { ...verdict('pass').totals, candidateEvents: 10_000 },
    };
    const at = (elapsedMinutes: number, verdicts: SignalVerdict[], accepted?: string[]) =>
      decideCanaryStep({
        plan: SEGMENTED_CANARY_PLAN,
        step: 2,
        stepStartedAt: start,
        now: minutes(elapsedMinutes),
        stepCandidateEvents: 6000,
        verdicts,
        ...(accepted === undefined ? {} : { acceptedSeries: accepted }),
      });
    const INITECH = ['pii{tenant=initech}'];

    it('holds the step though too rare to clear, and past the gate, until it passes', () => {
      for (const elapsed of [60, gateMinutes, gateMinutes * 3]) {
        const decision = at(elapsed, [overall, pii('continue')]);
        expect([decision.action, decision.percent]).toEqual(['hold', 10]);
        expect(decision.reasons).toContainEqual(expect.objectContaining({ signal: 'pii', gates: true }));
        expect(decision.reasons).toContainEqual({
          kind: 'segment_gate',
          remainingMs: Math.max(0, gateMinutes - elapsed) * 60_000,
          undecided: 0,
          unclearable: 0,
          zeroTolerance: 1,
        });
      }
      expect(at(gateMinutes * 3, [overall, pii('pass')]).action).toBe('advance');
    });

    it('once a person accepted its risk, judges it like any other series: too rare here, so the step advances', () => {
      const decision = at(60, [overall, pii('continue')], INITECH);
      expect([decision.action, decision.percent]).toEqual(['advance', 25]);
      expect(decision.reasons).toContainEqual(expect.objectContaining({ signal: 'pii', gates: false }));
      expect(decision.reasons).toContainEqual({
        kind: 'segment_gate',
        remainingMs: (gateMinutes - 60) * 60_000,
        undecided: 0,
        unclearable: 1,
        riskAccepted: 1,
      });
    });

    it('an accepted series that could clear within the gate still holds the step while the gate runs', () => {
      const clearable = { ...pii('continue'), expectedEventsToPass: 5000 };
      expect(at(60, [overall, clearable], INITECH).action).toBe('hold');
      expect(at(gateMinutes, [overall, clearable], INITECH).action).toBe('advance');
    });

    it('still aborts after the risk was accepted', () => {
      expect(at(60, [overall, pii('abort')], INITECH).action).toBe('abort');
    });

    it('keeps holding for a zero-tolerance series nobody accepted, such as a tenant first seen later', () => {
      const globex = { ...pii('continue'), segment: { tenant: 'globex' } };
      const decision = at(60, [overall, pii('continue'), globex], INITECH);
      expect(decision.action).toBe('hold');
      expect(decision.reasons).toContainEqual(
        expect.objectContaining({ signal: 'pii', segment: { tenant: 'globex' }, gates: true }),
      );
      expect(decision.reasons).toContainEqual({
        kind: 'segment_gate',
        remainingMs: (gateMinutes - 60) * 60_000,
        undecided: 0,
        unclearable: 1,
        zeroTolerance: 1,
        riskAccepted: 1,
      });
    });

    it('does not hold a step whose segments do not gate', () => {
      const decision = decideCanaryStep({
        plan: SEGMENTED_CANARY_PLAN,
        step: 1,
        stepStartedAt: start,
        now: minutes(30),
        stepCandidateEvents: 200,
        verdicts: [overall, pii('continue')],
      });
      expect([decision.action, decision.percent]).toEqual(['advance', 10]);
    });
  });

  it('does not let segments gate a step that does not ask for it', () => {
    const decision = decideSegmented(3, 30, 1000, [verdict('pass'), verdict('continue', false)]);
    expect(decision.action).toBe('complete');
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
    [{ plan: [step({ segmentGateMaxMs: -5 })] }, 'plan[0].segmentGateMaxMs'],
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

import type { CanaryRun } from '@firebreak/contract';
import { describe, expect, it } from 'vitest';
import { decisionInWords, describeCanaryRun } from './canary-report';

const counts = (events: number, flagged: number) => ({
  events,
  flagged: { hallucination_suspected: flagged },
  segments: {},
});
const signal = (decision: 'abort' | 'pass' | 'continue', gates = true) => ({
  kind: 'signal' as const,
  signal: 'hallucination_suspected',
  decision,
  reason: 'insufficient_evidence',
  gates,
  logLikelihoodRatio: 3.2,
  abortAt: 9.2,
  passAt: -4.6,
});

const run: CanaryRun = {
  id: 'CAN-4',
  key: 'support-copilot.model',
  system: 'support-copilot',
  target: 'model',
  baseline: 'm-12',
  candidate: 'm-13',
  stickyBy: 'user',
  state: 'aborted',
  plan: [
    { percent: 1, minDurationMs: 600_000, minCandidateEvents: 0, gate: 'no_abort' },
    { percent: 5, minDurationMs: 1_800_000, minCandidateEvents: 200, gate: 'pass' },
    { percent: 100, minDurationMs: 0, minCandidateEvents: 0, gate: 'pass' },
  ],
  step: 1,
  signals: ['hallucination_suspected'],
  signalSettings: { hallucination_suspected: { r0: 1, r1: 1.5, rateFloor: 1e-4, zeroTolerance: false } },
  segmentBy: null,
  startedAt: '2026-11-24T10:00:00.000Z',
  startedBy: 'dana',
  reason: 'new model',
  incidentId: 'INC-7',
  endedAt: '2026-11-24T10:40:00.000Z',
  endedBy: 'firebreak:canary',
  endReason: 'm-13 did more harm than m-12: hallucination_suspected',
  steps: [
    {
      step: 0,
      percent: 1,
      startedAt: '2026-11-24T10:00:00.000Z',
      endedAt: '2026-11-24T10:11:00.000Z',
      baseline: counts(1980, 99),
      candidate: counts(20, 2),
      decision: { action: 'advance', at: '2026-11-24T10:11:00.000Z', reasons: [signal('continue')] },
    },
    {
      step: 1,
      percent: 5,
      startedAt: '2026-11-24T10:11:00.000Z',
      endedAt: '2026-11-24T10:40:00.000Z',
      baseline: counts(15200, 760),
      candidate: counts(800, 80),
      decision: { action: 'abort', at: '2026-11-24T10:40:00.000Z', reasons: [signal('abort')] },
    },
  ],
  evidence: {
    baseline: 'm-12',
    candidate: 'm-13',
    alpha: 1e-4,
    tests: 1,
    series: [
      {
        signal: 'hallucination_suspected',
        decision: 'abort',
        reason: 'harm_ratio',
        gates: true,
        logLikelihoodRatio: 11.43,
        abortAt: 9.21,
        passAt: -4.61,
        zeroToleranceLogLikelihoodRatio: null,
        ratio: 2,
        baselineRate: 0.05,
        candidateRate: 0.1,
        steps: [
          {
            step: 0,
            percent: 1,
            baselineEvents: 1980,
            baselineFlagged: 99,
            candidateEvents: 20,
            candidateFlagged: 2,
            logLikelihoodRatio: 0.4,
          },
          {
            step: 1,
            percent: 5,
            baselineEvents: 15200,
            baselineFlagged: 760,
            candidateEvents: 800,
            candidateFlagged: 80,
            logLikelihoodRatio: 11.43,
          },
        ],
      },
    ],
  },
};

describe('canary status for a person', () => {
  it('shows each step with its decision in words, and each signal’s rates per step', () => {
    const lines = describeCanaryRun(run).join('\n');
    expect(lines).toMatch(
      /^CAN-4 support-copilot\.model: m-13 against m-12 — ABORTED by firebreak:canary at 2026-11-24T10:40Z/,
    );
    expect(lines).toMatch(
      /plan\s+1% \(smoke, at least 10 min\) → 5% \(at least 30 min, 200 candidate events\) → 100%\n/,
    );
    expect(lines).toMatch(/signals\s+hallucination_suspected \(aborts at ×1\.5\)\n/);
    expect(lines).toMatch(/1\s+1%\s+done\s+2026-11-24T10:00Z\s+advanced: minimums met and no signal aborted/);
    expect(lines).toMatch(/2\s+5%\s+done\s+2026-11-24T10:11Z\s+aborted: hallucination_suspected did more harm/);
    expect(lines).toMatch(/hallucination_suspected\s+1 \(1%\)\s+5\.00% \(99\/1980\)\s+10\.00% \(2\/20\)\s+0\.4\n/);
    expect(lines).toMatch(
      /2 \(5%\)\s+5\.00% \(760\/15200\)\s+10\.00% \(80\/800\)\s+11\.4\s+abort \(harm ratio reached; evidence 11\.4, abort at 9\.2, pass at -4\.6\)/,
    );
  });

  it.each([
    [
      {
        action: 'hold' as const,
        reasons: [signal('continue'), { kind: 'min_duration' as const, remainingMs: 90_000 }],
      },
      'pass' as const,
      'holding: 2 min more; hallucination_suspected not yet shown to pass',
    ],
    [
      { action: 'hold' as const, reasons: [{ kind: 'min_candidate_events' as const, remaining: 120 }] },
      'no_abort' as const,
      'holding: 120 more candidate events',
    ],
    [
      {
        action: 'hold' as const,
        reasons: [signal('pass'), { kind: 'approval_needed' as const, message: 'INC-9 (SEV1) is open' }],
      },
      'pass' as const,
      'holding: INC-9 (SEV1) is open',
    ],
    [
      { action: 'complete' as const, reasons: [signal('pass')] },
      'pass' as const,
      'completed: every gating signal passed; the candidate is now active',
    ],
    [
      {
        action: 'hold' as const,
        reasons: [
          signal('pass'),
          { kind: 'segment_gate' as const, remainingMs: 3 * 3_600_000, undecided: 2, unclearable: 1 },
        ],
      },
      'pass' as const,
      'holding: 2 segment series have not yet passed; they may hold this step 180 min more; 1 too rare to clear within the gate (they can still abort)',
    ],
    [
      {
        action: 'advance' as const,
        reasons: [signal('pass'), { kind: 'segment_gate' as const, remainingMs: 0, undecided: 1 }],
      },
      'pass' as const,
      'advanced: minimums met and every gating signal passed (1 segment series has not yet passed; the segment gate lapsed, so they no longer hold this step)',
    ],
  ])('says why a step holds or ends (%#)', (decision, gate, words) => {
    expect(decisionInWords({ ...decision, at: '2026-11-24T10:00:00.000Z' }, gate)).toBe(words);
  });
});

describe('a step held by a zero-tolerance segment', () => {
  const pii = { ...signal('continue'), signal: 'pii', segment: { tenant: 'initech' } };
  const gate = {
    kind: 'segment_gate' as const,
    remainingMs: 0,
    undecided: 0,
    unclearable: 0,
    zeroTolerance: 1,
  };
  const held: CanaryRun = {
    ...run,
    state: 'running',
    endedAt: null,
    endedBy: null,
    endReason: null,
    steps: [
      {
        ...run.steps[1]!,
        endedAt: null,
        decision: { action: 'hold', at: '2026-11-24T23:00:00.000Z', reasons: [signal('pass'), pii, gate] },
      },
    ],
  };

  it('says the series waits for a person, and how to accept its risk', () => {
    const lines = describeCanaryRun(held).join('\n');
    expect(lines).toContain(
      'holding: 1 zero-tolerance segment series holds this step until it passes or a person accepts the residual risk; pii{tenant=initech} not yet shown to pass',
    );
    expect(lines).toContain(
      'To move on without waiting, a person accepts the residual risk: firebreak canary accept-risk support-copilot.model --reason "…"',
    );
  });

  it('says who accepted the risk, when and why', () => {
    const accepted: CanaryRun = {
      ...held,
      steps: [
        {
          ...held.steps[0]!,
          risksAccepted: [
            {
              by: 'dana',
              at: '2026-11-24T23:05:00.000Z',
              reason: 'initech reviewed the candidate offline',
              series: ['pii{tenant=initech}'],
            },
          ],
          decision: {
            action: 'hold',
            at: '2026-11-24T23:05:00.000Z',
            reasons: [signal('pass'), { ...gate, zeroTolerance: undefined, riskAccepted: 1 }],
          },
        },
      ],
    };
    const lines = describeCanaryRun(accepted).join('\n');
    expect(lines).toContain(
      'step 2: residual risk of pii{tenant=initech} accepted by dana at 2026-11-24T23:05Z: initech reviewed the candidate offline',
    );
    expect(lines).not.toContain('To move on without waiting');
  });
});

describe('how a run judges its signals, for a person', () => {
  it('names what is not default, a weakened signal included', () => {
    const weakened: CanaryRun = {
      ...run,
      signals: ['pii', 'leak', 'refusal'],
      signalSettings: {
        pii: { r0: 1, r1: 4, rateFloor: 1e-3, zeroTolerance: false },
        leak: { r0: 1, r1: 2, rateFloor: 1e-4, zeroTolerance: true },
        refusal: { r0: 1.2, r1: 2, rateFloor: 1e-4, zeroTolerance: false },
      },
    };
    // Folded to the terminal's width like every field.
    expect(describeCanaryRun(weakened).join('\n').replace(/\s+/g, ' ')).toContain(
      'signals pii (zero tolerance off, aborts at ×4, floor 0.001), leak (zero tolerance), refusal (tolerates ×1.2)',
    );
  });
});

import type { CanaryEvidence, CanaryRun, CanarySeriesEvidence, CanaryStepRecord } from '@firebreak/contract';
import { describe, expect, it } from 'vitest';
import {
  awaitingAcceptance,
  chartModel,
  decidingSeries,
  runStateText,
  signalRates,
  stepState,
  stepVerdict,
} from './canary-model';

const series = (over: Partial<CanarySeriesEvidence>): CanarySeriesEvidence => ({
  signal: 'hallucination_suspected',
  decision: 'continue',
  reason: 'undecided',
  gates: true,
  logLikelihoodRatio: 1,
  abortAt: 9.9,
  passAt: -4.6,
  zeroToleranceLogLikelihoodRatio: null,
  ratio: null,
  baselineRate: null,
  candidateRate: null,
  steps: [
    {
      step: 0,
      percent: 5,
      baselineEvents: 3800,
      baselineFlagged: 190,
      candidateEvents: 200,
      candidateFlagged: 20,
      logLikelihoodRatio: 1,
    },
  ],
  ...over,
});
const evidence = (list: CanarySeriesEvidence[]): CanaryEvidence => ({
  baseline: 'v6',
  candidate: 'v7',
  alpha: 1e-4,
  tests: 2,
  series: list,
});
const counts = (events: number, flagged: number) => ({
  events,
  flagged: { hallucination_suspected: flagged },
  segments: {},
});
const record = (step: number, over: Partial<CanaryStepRecord> = {}): CanaryStepRecord => ({
  step,
  percent: [5, 25, 100][step] ?? 100,
  startedAt: '2026-12-06T10:00:00.000Z',
  endedAt: '2026-12-06T10:05:00.000Z',
  baseline: counts(3800, 190),
  candidate: counts(200, 20),
  decision: null,
  ...over,
});
const run = (over: Partial<CanaryRun>): CanaryRun => ({
  id: 'CAN-1',
  key: 'support-copilot.prompt',
  system: 'support-copilot',
  target: 'prompt',
  baseline: 'v6',
  candidate: 'v7',
  stickyBy: 'user',
  state: 'running',
  plan: [5, 25, 100].map((percent) => ({ percent, minDurationMs: 0, minCandidateEvents: 0, gate: 'pass' as const })),
  step: 0,
  signals: ['hallucination_suspected', 'refusal'],
  signalSettings: {
    hallucination_suspected: { r0: 1, r1: 2, rateFloor: 1e-4, zeroTolerance: false },
    refusal: { r0: 1, r1: 2, rateFloor: 1e-4, zeroTolerance: false },
  },
  segmentBy: null,
  startedAt: '2026-12-06T10:00:00.000Z',
  startedBy: 'dana',
  reason: 'try v7',
  incidentId: null,
  endedAt: null,
  endedBy: null,
  endReason: null,
  steps: [record(0, { endedAt: null })],
  evidence: evidence([series({})]),
  ...over,
});
const at = '2026-12-06T10:05:00.000Z';

describe('canary run in words', () => {
  it('charts the series that aborted, else the overall one nearest its abort bound', () => {
    const quiet = series({ signal: 'refusal', logLikelihoodRatio: 0.5 });
    const close = series({ logLikelihoodRatio: 8 });
    const segment = series({ segment: { language: 'de' }, logLikelihoodRatio: 9 });
    expect(decidingSeries(evidence([quiet, close, segment]))).toEqual([close]);
    const aborted = series({ segment: { language: 'de' }, decision: 'abort' });
    expect(decidingSeries(evidence([quiet, close, aborted]))).toEqual([aborted]);
    expect(decidingSeries(evidence([]))).toEqual([]);
  });

  it('describes each step’s rates and the test’s standing for the chart and its text', () => {
    const model = chartModel(evidence([]), series({ decision: 'abort', logLikelihoodRatio: 10.85 }));
    expect(model.title).toBe('hallucination_suspected: v7 (candidate) against v6 (baseline), per step');
    expect(model.steps[0]).toMatchObject({ label: '5%', baseline: 0.05, candidate: 0.1 });
    expect(model.steps[0]?.candidateText).toBe('10.00% (20/200)');
    expect(model.summary).toBe(
      'at 5%: candidate 10.00%, baseline 5.00%. The candidate is worse: the test crossed its abort bound.',
    );
    expect(model.bounds).toBe('Evidence of harm (log-likelihood ratio) 10.85: crossed the abort bound 9.90.');
    expect(model.test.summary).toBe('Log-likelihood ratio after each step: 5% 1.00; aborts at 9.90, passes at -4.60.');
  });

  it.each([
    [
      'abort',
      [{ kind: 'signal' as const, signal: 'hallucination_suspected', decision: 'abort' as const }],
      'aborted: hallucination_suspected worse on the candidate; back to v6',
    ],
    ['advance', [], 'passed: stepped up to 25%'],
    ['complete', [], 'passed: v7 is now active'],
    [
      'hold',
      [
        { kind: 'signal' as const, signal: 'refusal', decision: 'continue' as const },
        { kind: 'min_duration' as const, remainingMs: 90_000 },
        { kind: 'min_candidate_events' as const, remaining: 40 },
      ],
      'holding: at least 2 min more; 40 more candidate events; 1 of 1 signals not decided',
    ],
    [
      'hold',
      [
        { kind: 'signal' as const, signal: 'refusal', decision: 'pass' as const },
        { kind: 'segment_gate' as const, remainingMs: null, undecided: 3 },
      ],
      'holding: 3 segment series have not yet passed; they hold this step',
    ],
    [
      'advance',
      [{ kind: 'segment_gate' as const, remainingMs: 0, undecided: 1 }],
      'passed: stepped up to 25% (1 segment series has not yet passed; the segment gate lapsed, so they no longer hold this step)',
    ],
  ] as const)('says what a step’s %s decision means', (action, reasons, text) => {
    const step = record(0, { decision: { action, at, reasons: [...reasons] } });
    expect(stepVerdict(run({}), step)).toBe(text);
  });

  it('says who accepted a step’s residual risk, for which series and why', () => {
    const step = record(0, {
      decision: {
        action: 'advance',
        at,
        reasons: [{ kind: 'segment_gate', remainingMs: 0, undecided: 0, unclearable: 0, riskAccepted: 1 }],
      },
      risksAccepted: [{ by: 'dana', at, reason: 'reviewed offline', series: ['pii{tenant=initech}'] }],
    });
    expect(stepVerdict(run({}), step)).toBe(
      'passed: stepped up to 25% · residual risk of pii{tenant=initech} accepted by dana: reviewed offline',
    );
    const held = record(0, {
      decision: {
        action: 'hold',
        at,
        reasons: [{ kind: 'segment_gate', remainingMs: 0, undecided: 0, unclearable: 0, zeroTolerance: 1 }],
      },
    });
    expect(stepVerdict(run({}), held)).toBe(
      'holding: 1 zero-tolerance segment series holds this step until it passes or a person accepts the residual risk',
    );
  });

  it('says where each step of the plan stands, and the run', () => {
    const aborted = run({ state: 'aborted', steps: [record(0)] });
    expect([0, 1, 2].map((i) => stepState(aborted, i))).toEqual(['ended here', 'not reached', 'not reached']);
    expect(runStateText(aborted)).toBe('aborted at 5%: back to v6');
    const running = run({ step: 1, steps: [record(0), record(1, { endedAt: null })] });
    expect([0, 1, 2].map((i) => stepState(running, i))).toEqual(['done', 'running', 'not reached']);
    expect(runStateText(running)).toBe('running at 25%');
    const completed = run({ state: 'completed', step: 1, steps: [record(0), record(1)] });
    expect([0, 1, 2].map((i) => stepState(completed, i))).toEqual(['done', 'done', 'candidate active']);
    expect(runStateText(completed)).toBe('completed: v7 is active');
  });

  it('gives every watched signal’s rates per step, a dash for a version that served nothing', () => {
    const rates = signalRates(run({ steps: [record(0, { baseline: counts(0, 0) })] }));
    expect(rates).toEqual([
      { signal: 'hallucination_suspected', steps: [{ step: 0, percent: 5, baseline: null, candidate: 0.1 }] },
      { signal: 'refusal', steps: [{ step: 0, percent: 5, baseline: null, candidate: 0 }] },
    ]);
  });
});

describe('awaitingAcceptance', () => {
  const waitingStep = (over: Partial<CanaryStepRecord> = {}) =>
    record(0, {
      endedAt: null,
      decision: {
        action: 'hold',
        at,
        reasons: [
          { kind: 'signal', signal: 'pii', segment: { tenant: 'initech' }, decision: 'continue', gates: true },
          { kind: 'signal', signal: 'pii', segment: { tenant: 'acme' }, decision: 'pass', gates: true },
          { kind: 'signal', signal: 'refusal', segment: { tenant: 'globex' }, decision: 'continue', gates: true },
          { kind: 'segment_gate', remainingMs: 0, undecided: 1, unclearable: 0, zeroTolerance: 1 },
        ],
      },
      ...over,
    });
  const settings = {
    pii: { r0: 1, r1: 2, rateFloor: 1e-4, zeroTolerance: true },
    refusal: { r0: 1, r1: 2, rateFloor: 1e-4, zeroTolerance: false },
  };

  it('names the zero-tolerance series a running step waits on for a person, not those accepted', () => {
    expect(awaitingAcceptance(run({ signalSettings: settings, steps: [waitingStep()] }))).toEqual([
      'pii{tenant=initech}',
    ]);
    const accepted = waitingStep({
      risksAccepted: [{ by: 'dana', at, reason: 'reviewed', series: ['pii{tenant=initech}'] }],
    });
    expect(awaitingAcceptance(run({ signalSettings: settings, steps: [accepted] }))).toEqual([]);
    expect(awaitingAcceptance(run({ state: 'cancelled', signalSettings: settings, steps: [waitingStep()] }))).toEqual(
      [],
    );
  });
});

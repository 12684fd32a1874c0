import { describe, expect, it } from 'vitest';
import type { Verdict } from '../detector';
import { gaussian, mulberry32 } from '../random';
import { binomialCriticalCount, ks2samp, ksPValue, quantileSample, sortedCopy } from '../stats';
import type { Aggregate } from './aggregate';
import { type DriftState, driftDetector } from './drift-detector';
import type { MonitorSpec } from './monitor';

const spec = (params: MonitorSpec['params'] = {}): MonitorSpec => ({
  id: 'd',
  system: 's',
  signal: 'confidence',
  detector: 'drift',
  params,
  windowMs: 5 * 60_000,
  baselineWindows: 12,
  owner: 'o',
});

const numeric = (values: number[]): Aggregate => ({
  kind: 'numeric',
  count: values.length,
  sum: values.reduce((a, b) => a + b, 0),
  sumSquares: 0,
  values,
  sampleIds: [],
});
const categorical = (counts: Record<string, number>): Aggregate => ({
  kind: 'categorical',
  total: Object.values(counts).reduce((a, b) => a + b, 0),
  counts,
  values: [],
  sampleIds: [],
});

/** Runs the detector over windows, JSON round-tripping its state between them as a snapshot would. */
function run(windows: Aggregate[], monitor: MonitorSpec): { state: DriftState; verdicts: Verdict[] } {
  let state = driftDetector.create(monitor);
  const verdicts: Verdict[] = [];
  for (const window of windows) {
    const result = driftDetector.judge(JSON.parse(JSON.stringify(state)) as DriftState, window, monitor);
    state = result.state;
    if (result.verdict) verdicts.push(result.verdict);
  }
  return { state, verdicts };
}

function normalWindows(
  seed: number,
  count: number,
  size: number,
  shift = (_: number) => 0,
  round = (x: number) => x,
): Aggregate[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, (_, w) =>
    numeric(Array.from({ length: size }, () => round(0.8 + 0.05 * gaussian(random) + shift(w)))),
  );
}

describe('drift detector: the test per column type', () => {
  it('tests numbers with Kolmogorov–Smirnov against the reference quantiles, reporting PSI, Jensen–Shannon and Wasserstein', () => {
    const windows = normalWindows(1, 13, 300, (w) => (w === 12 ? 0.03 : 0));
    const { state, verdicts } = run(windows, spec());
    const reference = sortedCopy(windows.slice(0, 12).flatMap((w) => (w.kind === 'numeric' ? w.values : [])));
    const current = windows[12]!.kind === 'numeric' ? windows[12]!.values : [];
    const quantiles = quantileSample(reference, 1000);
    const d = ks2samp(quantiles, current).statistic;
    expect(state.quantiles).toEqual(Array.from(quantiles));
    // The p-value of the distance to the whole reference, which is at least d − 1/2000 (stats/drift-measures.ts).
    expect(verdicts[0]?.detail).toMatchObject({
      ks: expect.closeTo(d, 12),
      pValue: ksPValue(d - 1 / 2000, 3600, 300).pValue,
      count: 300,
      referenceCount: 3600,
    });
    expect(verdicts[0]?.detail).toEqual(
      expect.objectContaining({
        psi: expect.any(Number),
        jensenShannon: expect.any(Number),
        wasserstein: expect.closeTo(0.03, 2),
      }),
    );
    expect(verdicts[0]?.detail).not.toHaveProperty('chiSquare');
  });

  it('tests categories with chi-square, with its degrees of freedom', () => {
    const windows = [
      ...Array.from({ length: 12 }, () => categorical({ approve: 150, decline: 150 })),
      categorical({ approve: 60, decline: 200, review: 40 }),
    ];
    const { verdicts } = run(windows, spec());
    expect(verdicts[0]).toMatchObject({ level: 'page', detail: { chiSquare: expect.any(Number), dof: 2 } });
    expect(verdicts[0]?.detail).not.toHaveProperty('ks');
    expect(verdicts[0]?.detail).not.toHaveProperty('wasserstein');
  });

  it('tests a number with a handful of values (a 1–5 rating) with chi-square over its bins', () => {
    const windows = normalWindows(
      2,
      13,
      300,
      () => 0,
      (x) => Math.min(5, Math.max(1, Math.round((x - 0.8) * 40 + 3))),
    );
    const { verdicts } = run(windows, spec());
    expect(verdicts[0]?.detail).toEqual(
      expect.objectContaining({ chiSquare: expect.any(Number), wasserstein: expect.any(Number) }),
    );
  });

  it('keeps chi-square over the bins for a reference frozen before it kept quantiles', () => {
    const windows = normalWindows(5, 13, 300);
    const frozen = run(windows.slice(0, 13), spec()).state;
    const { quantiles, ...legacy } = { ...frozen, sample: frozen.quantiles ?? [] };
    expect(quantiles).toHaveLength(1000);
    const { verdict } = driftDetector.judge(legacy, windows[12]!, spec());
    expect(verdict?.detail).toEqual(
      expect.objectContaining({ chiSquare: expect.any(Number), dof: 9, wasserstein: expect.any(Number) }),
    );
  });
});

describe('drift detector: calibrated to its budget', () => {
  // With PSI's gate off, the test alone decides, so the warning rate on a stable stream is the
  // test's false-alarm rate, which the budget caps at α per window (here α = 0.05).
  const testOnly = spec({ psiWarn: 0, psiPage: 0, warnEvery: '100m', pageEvery: '1000m' });
  const windows = 400;

  it('warns on a stable stream no more often than the budget allows', () => {
    const { verdicts } = run(normalWindows(3, 12 + windows, 300), testOnly);
    const warnings = verdicts.filter((v) => v.level !== 'ok').length;
    // The most false alarms a rate of 0.05 gives in 400 windows, bar a one-in-1,000 run of bad luck.
    expect(warnings).toBeLessThan(binomialCriticalCount(windows, 0.05, 1e-3));
  });

  it('still warns on nearly every window once the mean moves by a fifth of a standard deviation', () => {
    const { verdicts } = run(
      normalWindows(4, 12 + 100, 300, (w) => (w >= 12 ? 0.01 : 0)),
      testOnly,
    );
    expect(verdicts.filter((v) => v.level !== 'ok').length).toBeGreaterThan(50);
  });
});

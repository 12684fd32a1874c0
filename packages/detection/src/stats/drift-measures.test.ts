import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binCounts, quantileEdgesSorted } from './binning';
import { chiSquareContingency } from './chi-square';
import { driftBins, EXACT_KS_WORK, numericDriftMeasures, numericTestFor } from './drift-measures';
import { jensenShannonDistance } from './jensen-shannon';
import { ks2samp, ksPValue } from './ks-2samp';
import { cdfExtremesSorted } from './ks-statistic';
import { psiFromCounts } from './psi';
import { quantileSample, sortedCopy } from './sample';
import { synthetic } from './synthetic-sample';
import { wasserstein } from './wasserstein';

const smooth = (seed: number, n: number, shift = 0) =>
  sortedCopy(synthetic({ kind: 'smooth', seed, n, shift, scale: 1 }));
const binned = (sorted: Float64Array, edges: Float64Array) => ({ sorted, counts: binCounts(sorted, edges) });

describe('the test per column type and sample size', () => {
  it.each([
    { name: 'continuous values', values: [0.5, 0.1, 0.9, 0.3, 0.7, 0.2], test: 'ks' },
    { name: 'six distinct values, tied', values: [1, 1, 2, 3, 4, 5, 6, 6], test: 'ks' },
    { name: 'a 1–5 rating', values: [1, 2, 2, 3, 3, 3, 4, 5, 5], test: 'chi-square' },
    { name: 'a flag as 0 / 1', values: [0, 1, 0, 0, 1], test: 'chi-square' },
  ] as const)('numeric, $name: $test', ({ values, test }) => {
    expect(numericTestFor(sortedCopy(values))).toBe(test);
  });

  it.each([
    [1_000_000, 10],
    [50, 10],
    [49, 9],
    [24, 4],
    [3, 2],
  ])('bins a reference of %i values in %i', (n, bins) => {
    expect(driftBins(n)).toBe(bins);
  });
});

describe('numeric drift measures', () => {
  it('test with KS on the samples and measure PSI and Jensen–Shannon on the bins', () => {
    const ref = smooth(1, 3000);
    const cur = smooth(2, 800, 0.2);
    const edges = quantileEdgesSorted(ref, 10);
    const measures = numericDriftMeasures(binned(ref, edges), binned(cur, edges));
    const ks = ks2samp(ref, cur);
    expect(measures).toMatchObject({ test: 'ks', statistic: ks.statistic, pValue: ks.pValue });
    expect([measures.psi, measures.jensenShannon]).toEqual([
      psiFromCounts(binCounts(ref, edges), binCounts(cur, edges)),
      jensenShannonDistance(binCounts(ref, edges), binCounts(cur, edges)),
    ]);
    expect(measures.wasserstein).toBe(wasserstein(ref, cur));
    expect(measures).not.toHaveProperty('dof');
  });

  it('test a handful of tied values by chi-square over their bins, still with Wasserstein', () => {
    const ref = sortedCopy([1, 1, 2, 2, 2, 3, 3, 4, 5, 5]);
    const cur = sortedCopy([3, 3, 4, 4, 5, 5, 5, 5]);
    const edges = quantileEdgesSorted(ref, 2);
    const measures = numericDriftMeasures(binned(ref, edges), binned(cur, edges));
    const test = chiSquareContingency([binCounts(ref, edges), binCounts(cur, edges)]);
    expect(measures).toMatchObject({
      test: 'chi-square',
      statistic: test.statistic,
      pValue: test.pValue,
      dof: test.dof,
    });
    expect(measures.wasserstein).toBeGreaterThan(0);
  });

  it.each([
    { name: 'no drift', shift: 0 },
    { name: 'a small shift', shift: 0.03 },
  ])(
    'never give a quantile summary of the reference a smaller p-value than the whole reference: $name',
    ({ shift }) => {
      const ref = smooth(3, 20_000);
      const cur = smooth(4, 3000, shift);
      const edges = quantileEdgesSorted(ref, 10);
      const whole = numericDriftMeasures(binned(ref, edges), binned(cur, edges));
      const summary = numericDriftMeasures(
        { sorted: quantileSample(ref, 1000), counts: binCounts(ref, edges), size: ref.length },
        binned(cur, edges),
      );
      expect(summary.pValue).toBeGreaterThanOrEqual(whole.pValue);
      expect(Math.abs(summary.statistic - whole.statistic)).toBeLessThanOrEqual(1 / 2000);
      // …and not much larger: the test keeps the power of the real sizes, not of 1,000 values.
      expect(summary.pValue).toBeLessThan(Math.max(2 * whole.pValue, whole.pValue + 0.05));
    },
  );
});

describe('quantile sample', () => {
  it("stays within 1/(2·size) of the sample's distribution function everywhere", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -40, max: 40 }), { minLength: 1, maxLength: 3000 }),
        fc.integer({ min: 1, max: 400 }),
        (xs, size) => {
          const sorted = sortedCopy(xs);
          const { above, below } = cdfExtremesSorted(quantileSample(sorted, size), sorted);
          expect(Math.max(above, below)).toBeLessThanOrEqual(1 / (2 * size) + 1e-12);
        },
      ),
    );
  });

  it('keeps both tails and the whole sample when it is small', () => {
    const sorted = sortedCopy(Array.from({ length: 3600 }, (_, i) => i));
    const summary = quantileSample(sorted, 1000);
    expect([summary.length, summary[0], summary[999]]).toEqual([1000, 1, 3598]);
    expect(Array.from(quantileSample(sortedCopy([3, 1, 2]), 1000))).toEqual([1, 2, 3]);
  });
});

describe('KS p-values where drift leaves the exact count', () => {
  const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
  // Unequal sizes past EXACT_KS_WORK, up to scipy's own 10,000; statistics on their lattice. The
  // worst are sizes nearly equal or in a small ratio (a coarse lattice), 4%; most are within 1%.
  it.each([
    [10_000, 301],
    [9000, 750],
    [9000, 743],
    [4000, 2000],
    [3001, 1500],
    [3000, 1500],
    [2000, 1999],
    [1800, 1700],
  ])('are within 5 per cent of the exact ones from 1e-1 to 1e-5 at sizes %i and %i', (n1, n2) => {
    expect(n1 * n2).toBeGreaterThan(EXACT_KS_WORK);
    const lcm = (n1 * n2) / gcd(n1, n2);
    const en = (n1 * n2) / (n1 + n2);
    for (const z of [1.25, 1.5, 1.75, 2, 2.25, 2.45]) {
      const d = Math.round((z / Math.sqrt(en)) * lcm) / lcm;
      const exact = ksPValue(d, n1, n2, { method: 'exact' }).pValue;
      expect(exact).toBeGreaterThan(1e-5);
      expect(exact).toBeLessThan(0.1);
      expect(Math.abs(ksPValue(d, n1, n2, { method: 'asymp' }).pValue / exact - 1)).toBeLessThan(0.05);
    }
  });
});

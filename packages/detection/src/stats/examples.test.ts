import { describe, expect, it } from 'vitest';
import { binCounts, categoryCounts, quantileEdges, quantileEdgesSorted } from './binning';
import { chiSquareContingency, chiSquareGoodnessOfFit } from './chi-square';
import {
  binomialCdf,
  binomialPmf,
  binomialSf,
  chiSquareSf,
  normalCdf,
  normalQuantile,
  normalSf,
  poissonCdf,
  poissonSf,
} from './distributions';
import { categoricalDriftMeasures, driftBins, numericDriftMeasures, numericTestFor } from './drift-measures';
import { driftTest } from './drift-test';
import { gammaP, gammaQ } from './incomplete-gamma';
import { jensenShannonDistance } from './jensen-shannon';
import { kolmogorovSmirnovSf, pelzGoodCdf } from './kolmogorov';
import { durbinMatrixCdf, pomeranzCdf } from './kolmogorov-recursions';
import { ks2samp, ks2sampSorted, ksPValue } from './ks-2samp';
import {
  binomialCoefficient,
  equalSizeTwoSidedProbability,
  oneSidedProbability,
  unequalSizeTwoSidedProbability,
} from './ks-exact';
import { cdfExtremes, cdfExtremesSorted } from './ks-statistic';
import { bucketOf, linearBuckets } from './linear-buckets';
import { categoricalPsi, numericPsi, psiFromCounts } from './psi';
import { binomialCriticalCount, binomialTest, poissonRateTest } from './rate-tests';
import { binomialMass, deviance, poissonMass, stirlingError } from './saddle-point';
import { quantileSample, sortedCopy } from './sample';
import { selectRanks } from './select';
import { smirnovSf } from './smirnov';
import { wasserstein, wassersteinSorted } from './wasserstein';

// Every number quoted in an @example, so the documentation cannot drift from the code.
describe('documented examples', () => {
  it.each([
    ['chiSquareSf', chiSquareSf(3.841458820694124, 1), 0.05],
    ['binomialPmf', binomialPmf(3, 10, 0.5), 120 / 1024],
    ['binomialCdf', binomialCdf(0, 10, 0.1), 0.9 ** 10],
    ['binomialSf', binomialSf(9, 10, 0.5), 1 / 1024],
    ['poissonCdf', poissonCdf(0, 2), Math.exp(-2)],
    ['poissonSf', poissonSf(0, 2), 1 - Math.exp(-2)],
    ['normalCdf', normalCdf(1.959963984540054), 0.975],
    ['normalSf', normalSf(10), 7.6199e-24],
    ['normalQuantile', normalQuantile(0.975), 1.959964],
    ['gammaP', gammaP(1, 2), 1 - Math.exp(-2)],
    ['gammaQ', gammaQ(1, 2), Math.exp(-2)],
    ['durbinMatrixCdf', durbinMatrixCdf(10, 0.274), 0.6284],
    ['pomeranzCdf', pomeranzCdf(10, 0.274), 0.6284],
    ['pelzGoodCdf', pelzGoodCdf(1000, 0.03), 0.6773],
    ['kolmogorovSmirnovSf', kolmogorovSmirnovSf(10, 0.274), 0.3716],
    ['ks2samp p-value', ks2samp([1, 2, 3, 4], [3, 4, 5, 6]).pValue, 0.7714],
    ['ksPValue', ksPValue(0.5, 4, 4).pValue, 0.7714],
    ['equalSizeTwoSidedProbability', equalSizeTwoSidedProbability(5, 3), 0.3571],
    ['unequalSizeTwoSidedProbability', unequalSizeTwoSidedProbability(5, 3, 1, 9), 0.4643],
    ['oneSidedProbability', oneSidedProbability(5, 3, 1, 9), 0.2321],
    ['psiFromCounts', psiFromCounts([50, 30, 20], [10, 30, 60]), 1.0832],
    [
      'numericPsi',
      numericPsi([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [6, 7, 8, 9, 10, 11, 12, 13, 14, 15], { bins: 5 }).psi,
      3.7345,
    ],
    ['categoricalPsi', categoricalPsi(['a', 'a', 'b'], ['a', 'b', 'b']).psi, 0.4621],
    ['binomialTest', binomialTest(3, 15, 0.1).pValue, 0.18406],
    ['poissonRateTest', poissonRateTest(5, 1000, 0.001).pValue, 0.00366],
    ['stirlingError', stirlingError(20), 0.0041663],
    ['binomialMass', binomialMass(3, 10, 5, 5), 0.1171875],
    ['poissonMass', poissonMass(2, 1), Math.exp(-1) / 2],
    ['smirnovSf', smirnovSf(5, 0.5), 0.056],
    [
      'chiSquareContingency p-value',
      chiSquareContingency([
        [10, 20, 30],
        [30, 20, 10],
      ]).pValue,
      4.54e-5,
    ],
    ['chiSquareGoodnessOfFit p-value', chiSquareGoodnessOfFit([16, 18, 16, 14, 12, 12]).pValue, 0.8491],
  ])('%s', (_, actual, quoted) => {
    // Quoted to 3–5 significant digits.
    expect(Math.abs(actual - quoted)).toBeLessThanOrEqual(5e-4 * Math.abs(quoted));
  });

  it('holds for the exact ones', () => {
    expect(Array.from(quantileEdgesSorted(new Float64Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 4))).toEqual([3, 6, 8]);
    expect(Array.from(quantileEdges([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 4))).toEqual([3, 6, 8]);
    expect(Array.from(binCounts([0, 3, 5, 9], new Float64Array([3, 6])))).toEqual([1, 2, 1]);
    const counts = categoryCounts(['a', 'b', 'a'], ['b', 'c']);
    expect([counts.categories, Array.from(counts.reference), Array.from(counts.current)]).toEqual([
      ['a', 'b', 'c'],
      [2, 1, 0],
      [0, 1, 1],
    ]);
    expect(
      chiSquareContingency([
        [10, 20, 30],
        [30, 20, 10],
      ]),
    ).toMatchObject({ statistic: 20, dof: 2 });
    expect(chiSquareGoodnessOfFit([16, 18, 16, 14, 12, 12])).toMatchObject({ statistic: 2, dof: 5 });
    expect([jensenShannonDistance([1, 0], [0, 1]), jensenShannonDistance([10, 20, 30], [1, 2, 3])]).toEqual([1, 0]);
    expect(ks2samp([1, 2, 3, 4], [3, 4, 5, 6])).toMatchObject({ statistic: 0.5, sign: 1, method: 'exact' });
    expect(ks2sampSorted(new Float64Array([1, 2]), new Float64Array([3, 4])).statistic).toBe(1);
    expect(binomialCoefficient(10, 3)).toBe(120);
    expect(cdfExtremesSorted(new Float64Array([1, 2]), new Float64Array([2, 3]))).toEqual({ above: 0.5, below: 0 });
    expect(cdfExtremes([2, 1], [3, 2])).toEqual({ above: 0.5, below: 0 });
    expect(bucketOf(linearBuckets(0, 10, 5), 4.5)).toBe(2);
    expect(deviance(10, 10)).toBe(0);
    expect(Array.from(sortedCopy([3, 1, 2]))).toEqual([1, 2, 3]);
    const a = new Float64Array([5, 1, 4, 2, 3]);
    selectRanks(a, [1, 3]);
    expect([a[1], a[3]]).toEqual([2, 4]);
    expect([
      wasserstein([0, 1, 3], [5, 6, 8]),
      wassersteinSorted(new Float64Array([0, 1]), new Float64Array([2, 3])),
    ]).toEqual([5, 2]);
    expect(driftTest([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { kind: 'numeric' }).level).toBe(
      'ok',
    );
    expect(driftTest(['a', 'b', 'a', 'a'], ['b', 'b', 'b', 'a'], { kind: 'categorical' }).test).toBe('chi-square');
    expect(binomialCriticalCount(1000, 0.01, 1e-4)).toBe(25);
    expect([driftBins(1000), driftBins(24)]).toEqual([10, 4]);
    expect([
      numericTestFor(new Float64Array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6])),
      numericTestFor(new Float64Array([1, 1, 2, 3, 3, 5])),
    ]).toEqual(['ks', 'chi-square']);
    const ref = new Float64Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const cur = new Float64Array([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(numericDriftMeasures({ sorted: ref, counts: [5, 5] }, { sorted: cur, counts: [4, 6] }).wasserstein).toBe(1);
    expect(categoricalDriftMeasures([50, 30, 20], [10, 30, 60]).test).toBe('chi-square');
    expect(Array.from(quantileSample(new Float64Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 5))).toEqual([2, 4, 6, 8, 10]);
  });
});

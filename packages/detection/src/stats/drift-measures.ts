import { chiSquareContingency } from './chi-square';
import { jensenShannonDistance } from './jensen-shannon';
import { ks2sampSorted, ksPValue } from './ks-2samp';
import { cdfExtremesSorted } from './ks-statistic';
import { psiFromCounts } from './psi';
import { wassersteinSorted } from './wasserstein';

export type DriftTestName = 'ks' | 'chi-square';

/** Everything drift reports about a current window against a reference, before any level. */
export interface DriftMeasures {
  /** The significance test behind `statistic` and `pValue`. */
  test: DriftTestName;
  /** KS distance D, or Pearson's chi-square. */
  statistic: number;
  pValue: number;
  /** Chi-square only: its degrees of freedom. */
  dof?: number;
  psi: number;
  jensenShannon: number;
  /** Numeric only: how far the distribution moved, in the data's own units. */
  wasserstein?: number;
}

/** A numeric window as drift compares it: its values sorted ascending, and its counts per reference bin. */
export interface BinnedSample {
  sorted: Float64Array;
  counts: ArrayLike<number>;
  /**
   * How many values `sorted` stands for, when it is a quantile summary of a larger sample
   * (quantileSample(values, sorted.length)); by default it is the sample itself.
   */
  size?: number;
}

/**
 * With fewer distinct reference values than this a numeric column is tested like a categorical
 * one, by chi-square over its bins: KS assumes continuous data, its p-values on a handful of
 * tied values are far too large, and a 1–5 rating is a category in all but name.
 */
export const MIN_DISTINCT_FOR_KS = 6;

/**
 * Bins for a numeric reference of n values: `bins` (default 10, the deciles), fewer when the
 * reference is small so each holds about 5 values (chi-square's rule of thumb; with fewer, PSI
 * is mostly noise), and never under 2.
 *
 * @example
 * driftBins(1000); // 10
 * driftBins(24); // 4
 */
export function driftBins(n: number, bins = 10): number {
  return Math.max(2, Math.min(bins, Math.floor(n / 5)));
}

/**
 * The test a numeric column gets, from its reference sorted ascending: the two-sample
 * Kolmogorov–Smirnov test (no binning, no distribution assumed; exact p-values for small
 * samples and asymptotic ones for large, see {@link EXACT_KS_WORK}, so it suits 30 values as
 * well as a million), or chi-square over the bins when the reference holds fewer than
 * {@link MIN_DISTINCT_FOR_KS} distinct values.
 *
 * @example
 * numericTestFor(new Float64Array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6])); // 'ks'
 * numericTestFor(new Float64Array([1, 1, 2, 3, 3, 5])); // 'chi-square'
 */
export function numericTestFor(referenceSorted: Float64Array): DriftTestName {
  let distinct = referenceSorted.length > 0 ? 1 : 0;
  for (let i = 1; i < referenceSorted.length && distinct < MIN_DISTINCT_FOR_KS; i++) {
    if (referenceSorted[i] !== referenceSorted[i - 1]) distinct++;
  }
  return distinct >= MIN_DISTINCT_FOR_KS ? 'ks' : 'chi-square';
}

/**
 * Drift measures of a numeric window: the test {@link numericTestFor} picks, PSI and
 * Jensen–Shannon over the reference bins, Wasserstein on the sorted values. The reference may
 * be a quantile summary of S values standing for `size` (what a streaming detector keeps):
 * its distribution function is within 1/(2S) of the whole reference's everywhere, so the KS
 * distance D to the whole reference is at least D − 1/(2S), and the p-value of that at the
 * real sizes is never below the one the whole reference would give. The test stays within
 * its false-alarm level, at the power of the real sample sizes less that sliver of distance.
 * Both sides must be non-empty.
 *
 * @example
 * const ref = new Float64Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
 * const cur = new Float64Array([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
 * numericDriftMeasures({ sorted: ref, counts: [5, 5] }, { sorted: cur, counts: [4, 6] }).wasserstein; // 1
 */
export function numericDriftMeasures(reference: BinnedSample, current: BinnedSample): DriftMeasures {
  const wasserstein = wassersteinSorted(reference.sorted, current.sorted);
  if (numericTestFor(reference.sorted) === 'chi-square')
    return { ...categoricalDriftMeasures(reference.counts, current.counts), wasserstein };
  const { statistic, pValue } = ksTest(reference, current);
  return {
    test: 'ks',
    statistic,
    pValue,
    psi: psiFromCounts(reference.counts, current.counts),
    jensenShannon: jensenShannonDistance(reference.counts, current.counts),
    wasserstein,
  };
}

/**
 * Drift's KS p-values are exact where scipy's ks_2samp's are (up to 10,000 values a side),
 * except for unequal sizes with n₁·n₂ above this: the exact count's work grows with n₁·n₂
 * (milliseconds a test for a 9,000-value reference against 750, on every window of every
 * monitor), and there the Kolmogorov distribution is within 5% of the exact p-value across the
 * tail alarms use, 1e-1 to 1e-5, mostly within 1% (drift-measures.test.ts): a 30-day budget
 * behaves at worst like a 28.5-day one. Equal sizes have a closed form and stay exact.
 */
export const EXACT_KS_WORK = 3_000_000;

function ksMethod(n1: number, n2: number): 'exact' | 'asymp' {
  if (Math.max(n1, n2) > 10_000) return 'asymp';
  return n1 === n2 || n1 * n2 <= EXACT_KS_WORK ? 'exact' : 'asymp';
}

function ksTest(reference: BinnedSample, current: BinnedSample): { statistic: number; pValue: number } {
  const summary = reference.sorted.length;
  const size = reference.size ?? summary;
  const n = current.sorted.length;
  const method = ksMethod(size, n);
  if (size <= summary) return ks2sampSorted(reference.sorted, current.sorted, { method });
  const { above, below } = cdfExtremesSorted(reference.sorted, current.sorted);
  const statistic = Math.max(above, below);
  return { statistic, pValue: ksPValue(Math.max(0, statistic - 1 / (2 * summary)), size, n, { method }).pValue };
}

/**
 * Drift measures over categories (or bins), given both windows' counts in the same order: the
 * chi-square test of homogeneity (no continuity correction), PSI and Jensen–Shannon. Both
 * sides must have a positive total.
 *
 * @example
 * categoricalDriftMeasures([50, 30, 20], [10, 30, 60]).test; // 'chi-square'
 */
export function categoricalDriftMeasures(reference: ArrayLike<number>, current: ArrayLike<number>): DriftMeasures {
  const test = chiSquareContingency([reference, current]);
  return {
    test: 'chi-square',
    statistic: test.statistic,
    pValue: test.pValue,
    dof: test.dof,
    psi: psiFromCounts(reference, current),
    jensenShannon: jensenShannonDistance(reference, current),
  };
}

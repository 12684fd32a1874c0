import { binomialCdf, binomialPmf, binomialSf, poissonCdf, poissonSf } from './distributions';
import type { Alternative } from './ks-2samp';

export interface RateTestResult {
  /** The observed rate: k/n for the binomial test, k/exposure for the Poisson test. */
  statistic: number;
  pValue: number;
}

/**
 * Exact binomial test of k events in n trials against a baseline rate p, matching
 * scipy.stats.binomtest(k, n, p, alternative).pvalue. 'greater' (the default, for harm
 * signals) is P(X ≥ k); 'two-sided' sums every outcome no more likely than k, with scipy's
 * relative tolerance of 1e-7 when comparing probabilities.
 *
 * @example
 * binomialTest(3, 15, 0.1).pValue; // ≈ 0.18406
 */
export function binomialTest(k: number, n: number, p: number, alternative: Alternative = 'greater'): RateTestResult {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, not ${n}`);
  if (!Number.isInteger(k) || k < 0 || k > n) throw new RangeError(`k must be an integer in 0…${n}, not ${k}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], not ${p}`);
  const statistic = k / n;
  if (alternative === 'greater') return { statistic, pValue: binomialSf(k - 1, n, p) };
  if (alternative === 'less') return { statistic, pValue: binomialCdf(k, n, p) };
  if (k === p * n) return { statistic, pValue: 1 };
  const limit = binomialPmf(k, n, p) * (1 + 1e-7);
  let pValue: number;
  if (k < p * n) {
    // The first outcome above the mode that is no more likely than k.
    const ix = lastBelow((x) => -binomialPmf(x, n, p), -limit, Math.ceil(p * n), n);
    const y = n - ix + (limit === binomialPmf(ix, n, p) ? 1 : 0);
    pValue = binomialCdf(k, n, p) + binomialSf(n - y, n, p);
  } else {
    const ix = lastBelow((x) => binomialPmf(x, n, p), limit, 0, Math.floor(p * n));
    pValue = binomialCdf(ix, n, p) + binomialSf(k - 1, n, p);
  }
  return { statistic, pValue: Math.min(1, pValue) };
}

/**
 * The smallest count k out of n whose one-sided binomial p-value P(X ≥ k) is below alpha, or
 * n + 1 when no count is: the hits a window of n events needs to alert at level alpha (scipy:
 * binom.isf(alpha, n, p) + 1, but for an upper tail exactly equal to alpha).
 *
 * @example
 * binomialCriticalCount(1000, 0.01, 1e-4); // 25: P(X ≥ 25) < 1e-4 ≤ P(X ≥ 24)
 */
export function binomialCriticalCount(n: number, p: number, alpha: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, not ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], not ${p}`);
  // P(X ≥ k) falls as k grows, so the first k below alpha is found by bisection.
  let low = 0;
  let high = n + 1;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (binomialSf(mid - 1, n, p) < alpha) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** Binary search over an increasing f on lo…hi: the i with f(i) ≤ d < f(i + 1), as scipy's. */
function lastBelow(f: (x: number) => number, d: number, lo0: number, hi0: number): number {
  let lo = lo0;
  let hi = hi0;
  while (lo < hi) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const value = f(mid);
    if (value < d) lo = mid + 1;
    else if (value > d) hi = mid - 1;
    else return mid;
  }
  return f(lo) <= d ? lo : lo - 1;
}

/**
 * Poisson test of k events over an exposure (requests, tokens, hours…) against a baseline rate
 * per unit of exposure: X ~ Poisson(μ = rate × exposure). 'greater' (default) is P(X ≥ k) =
 * scipy.stats.poisson.sf(k − 1, μ); 'less' is P(X ≤ k). For counts that are not bounded by a
 * number of trials (events per hour), or rare events in huge volumes.
 *
 * @example
 * poissonRateTest(5, 1000, 0.001).pValue; // P(X ≥ 5 | μ = 1) ≈ 0.00366
 */
export function poissonRateTest(
  k: number,
  exposure: number,
  baselineRate: number,
  alternative: 'greater' | 'less' = 'greater',
): RateTestResult & { expected: number } {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a non-negative integer, not ${k}`);
  if (!(exposure > 0) || !(baselineRate >= 0))
    throw new RangeError('exposure must be positive and the baseline rate non-negative');
  const expected = baselineRate * exposure;
  const pValue = alternative === 'greater' ? poissonSf(k - 1, expected) : poissonCdf(k, expected);
  return { statistic: k / exposure, pValue, expected };
}

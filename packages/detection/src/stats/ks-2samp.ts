import { kolmogorovSmirnovSf } from './kolmogorov';
import { equalSizeTwoSidedProbability, oneSidedProbability, unequalSizeTwoSidedProbability } from './ks-exact';
import { type CdfExtremes, cdfExtremes, cdfExtremesSorted } from './ks-statistic';
import { assertFiniteSample, type Sample } from './sample';

export type Alternative = 'two-sided' | 'less' | 'greater';

export interface KsOptions {
  /** 'greater': the first sample's CDF lies above the second's somewhere; 'less': below. */
  alternative?: Alternative;
  /** 'auto' (default) is exact when both samples have at most 10,000 values, as in scipy. */
  method?: 'auto' | 'exact' | 'asymp';
}

export interface KsResult {
  /** Largest distance between the empirical CDFs (in the tested direction). */
  statistic: number;
  pValue: number;
  /** +1 when the first sample's CDF is above the second's at the statistic, −1 when below. */
  sign: 1 | -1;
  /** The method that produced the p-value (exact can fall back to asymp on overflow). */
  method: 'exact' | 'asymp';
}

const MAX_EXACT_AUTO = 10_000;
const INT32_MAX = 2 ** 31 - 1;

/**
 * Two-sample Kolmogorov–Smirnov test, matching scipy.stats.ks_2samp(a, b) (method 'auto'): the
 * statistic without sorting the samples (ks-statistic.ts), the p-value exact (lattice paths)
 * for samples of up to 10,000 values and from the Kolmogorov distribution with
 * n = n₁n₂/(n₁ + n₂) beyond.
 * Throws a RangeError on an empty sample or a value that is not finite.
 *
 * @example
 * ks2samp([1, 2, 3, 4], [3, 4, 5, 6]); // { statistic: 0.5, pValue: ≈0.7714, sign: 1, method: 'exact' }
 */
export function ks2samp(a: Sample, b: Sample, options: KsOptions = {}): KsResult {
  assertFiniteSample(a, 'first sample');
  assertFiniteSample(b, 'second sample');
  return ksFromExtremes(cdfExtremes(a, b), a.length, b.length, options);
}

/**
 * The same test on samples already sorted ascending (e.g. shared with Wasserstein and PSI), so
 * a 1M-value comparison sorts each sample once.
 *
 * @example
 * ks2sampSorted(new Float64Array([1, 2]), new Float64Array([3, 4])).statistic; // 1
 */
export function ks2sampSorted(a: Float64Array, b: Float64Array, options: KsOptions = {}): KsResult {
  return ksFromExtremes(cdfExtremesSorted(a, b), a.length, b.length, options);
}

/**
 * The p-value P(D ≥ d) of a statistic d for samples of sizes n₁ and n₂, as ks2samp computes it
 * (same methods, same switch between them). For a statistic, or a bound on one, measured some
 * other way: d need not be a multiple of 1/lcm(n₁, n₂), and the exact method then counts from
 * the next multiple up, which is what P(D ≥ d) is.
 *
 * @example
 * ksPValue(0.5, 4, 4).pValue; // ≈ 0.7714, as ks2samp([1, 2, 3, 4], [3, 4, 5, 6])
 */
export function ksPValue(
  d: number,
  n1: number,
  n2: number,
  options: KsOptions = {},
): { pValue: number; method: 'exact' | 'asymp' } {
  if (!(Number.isInteger(n1) && n1 > 0 && Number.isInteger(n2) && n2 > 0))
    throw new RangeError('sample sizes must be positive integers');
  // The tolerance keeps a statistic that is on the lattice but for rounding on its own point.
  const { pValue, method } = probabilityAt(d, n1, n2, options, (x) => Math.ceil(x - 1e-6));
  return { pValue, method };
}

function ksFromExtremes({ above, below }: CdfExtremes, n1: number, n2: number, options: KsOptions): KsResult {
  const alternative = options.alternative ?? 'two-sided';
  const useBelow = alternative === 'less' || (alternative === 'two-sided' && below > above);
  // As scipy: the statistic is rounded to its lattice of multiples of 1/lcm, dropping float noise.
  const { statistic, pValue, method } = probabilityAt(useBelow ? below : above, n1, n2, options, roundHalfEven);
  return { statistic, pValue, sign: useBelow ? -1 : 1, method };
}

function probabilityAt(
  d0: number,
  n1: number,
  n2: number,
  options: KsOptions,
  toLattice: (x: number) => number,
): { statistic: number; pValue: number; method: 'exact' | 'asymp' } {
  const alternative = options.alternative ?? 'two-sided';
  let d = d0;
  const g = gcd(n1, n2);
  let method =
    options.method === 'asymp'
      ? 'asymp'
      : options.method === 'exact'
        ? 'exact'
        : Math.max(n1, n2) <= MAX_EXACT_AUTO
          ? 'exact'
          : 'asymp';
  if (method === 'exact' && n1 / g >= INT32_MAX / (n2 / g)) method = 'asymp';
  if (method === 'exact') {
    const lcm = (n1 / g) * n2;
    const h = toLattice(d * lcm);
    d = h / lcm;
    const p = h <= 0 ? 1 : exactProbability(n1, n2, g, h, alternative);
    if (p >= 0 && p <= 1) return { statistic: d, pValue: p, method: 'exact' };
  }
  return { statistic: d, pValue: asymptoticProbability(n1, n2, d, alternative), method: 'asymp' };
}

function exactProbability(n1: number, n2: number, g: number, h: number, alternative: Alternative): number {
  if (alternative !== 'two-sided') return oneSidedProbability(n1, n2, g, h);
  return n1 === n2 ? equalSizeTwoSidedProbability(n1, h) : unequalSizeTwoSidedProbability(n1, n2, g, h);
}

function asymptoticProbability(n1: number, n2: number, d: number, alternative: Alternative): number {
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const en = (m * n) / (m + n);
  if (alternative === 'two-sided') return kolmogorovSmirnovSf(roundHalfEven(en), d);
  // Hodges' approximation (his eq. 5.3) for the one-sided statistic; m is the larger sample.
  const z = Math.sqrt(en) * d;
  const exponent = -2 * z ** 2 - (2 * z * (m + 2 * n)) / Math.sqrt(m * n * (m + n)) / 3;
  return Math.min(1, Math.max(0, Math.exp(exponent)));
}

function gcd(x: number, y: number): number {
  let [a, b] = [x, y];
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** numpy.round: halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

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

function ksFromExtremes({ above, below }: CdfExtremes, n1: number, n2: number, options: KsOptions): KsResult {
  const alternative = options.alternative ?? 'two-sided';
  const useBelow = alternative === 'less' || (alternative === 'two-sided' && below > above);
  let d = useBelow ? below : above;
  const sign = useBelow ? -1 : 1;
  const g = gcd(n1, n2);
  let method = options.method === 'asymp' ? 'asymp' : options.method === 'exact' ? 'exact' : Math.max(n1, n2) <= MAX_EXACT_AUTO ? 'exact' : 'asymp';
  if (method === 'exact' && n1 / g >= INT32_MAX / (n2 / g)) method = 'asymp';
  if (method === 'exact') {
    const lcm = (n1 / g) * n2;
    const h = roundHalfEven(d * lcm);
    d = h / lcm;
    const p = h === 0 ? 1 : exactProbability(n1, n2, g, h, alternative);
    if (p >= 0 && p <= 1) return { statistic: d, pValue: p, sign, method: 'exact' };
  }
  return { statistic: d, pValue: asymptoticProbability(n1, n2, d, alternative), sign, method: 'asymp' };
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

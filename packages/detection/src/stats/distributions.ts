import normalCdfAt from '@stdlib/stats-base-dists-normal-cdf';
import { gammaP, gammaQ } from './incomplete-gamma';
import { binomialMass } from './saddle-point';

/**
 * Distribution functions with scipy.stats' conventions: `cdf(k) = P(X ≤ k)` and
 * `sf(k) = P(X > k)`, so a one-sided test of "at least k" is `sf(k − 1)`. Upper tails are
 * computed directly, never as 1 − cdf, so tiny p-values keep their relative precision.
 */

const EPSILON = 2 ** -53;

/**
 * Upper tail of the chi-square distribution, P(X > x) for X ~ χ²(dof) (scipy.stats.chi2.sf).
 *
 * @example
 * chiSquareSf(3.841458820694124, 1); // ≈ 0.05
 */
export function chiSquareSf(x: number, dof: number): number {
  if (!(dof > 0) || Number.isNaN(x)) return Number.NaN;
  return x <= 0 ? 1 : gammaQ(dof / 2, x / 2);
}

/**
 * P(X = k) for X ~ Binomial(n, p) (scipy.stats.binom.pmf).
 *
 * @example
 * binomialPmf(3, 10, 0.5); // ≈ 120 / 1024 = 0.1171875
 */
export function binomialPmf(k: number, n: number, p: number): number {
  if (!Number.isInteger(k) || !validBinomial(n, p)) return Number.isInteger(k) ? Number.NaN : 0;
  return binomialMass(k, n, n * p, n * (1 - p));
}

/**
 * P(X ≤ k) for X ~ Binomial(n, p) (scipy.stats.binom.cdf).
 *
 * @example
 * binomialCdf(0, 10, 0.1); // = 0.9¹⁰ ≈ 0.348678
 */
export function binomialCdf(k: number, n: number, p: number): number {
  if (!validBinomial(n, p) || Number.isNaN(k)) return Number.NaN;
  const j = Math.floor(k);
  if (j < 0) return 0;
  if (j >= n) return 1;
  return j < n * p ? binomialTail(j, n, p, -1) : 1 - binomialTail(j + 1, n, p, 1);
}

/**
 * P(X > k) for X ~ Binomial(n, p) (scipy.stats.binom.sf); the test of "k or more" is sf(k − 1).
 *
 * @example
 * binomialSf(9, 10, 0.5); // = 1 / 1024
 */
export function binomialSf(k: number, n: number, p: number): number {
  if (!validBinomial(n, p) || Number.isNaN(k)) return Number.NaN;
  const j = Math.floor(k);
  if (j < 0) return 1;
  if (j >= n) return 0;
  return j + 1 > n * p ? binomialTail(j + 1, n, p, 1) : 1 - binomialTail(j, n, p, -1);
}

function validBinomial(n: number, p: number): boolean {
  return Number.isInteger(n) && n >= 0 && p >= 0 && p <= 1;
}

/**
 * Σ P(X = j) from `start` outward (direction +1: up to n; −1: down to 0). Callers start on the
 * far side of the mean, so terms shrink geometrically and the sum stops once they stop counting.
 */
function binomialTail(start: number, n: number, p: number, direction: 1 | -1): number {
  if (p === 0) return direction > 0 ? (start <= 0 ? 1 : 0) : 1;
  if (p === 1) return direction > 0 ? 1 : start >= n ? 1 : 0;
  const q = 1 - p;
  const ratio = direction > 0 ? p / q : q / p;
  const mode = Math.floor((n + 1) * p);
  let term = binomialMass(start, n, n * p, n * q);
  let sum = 0;
  for (let j = start; j >= 0 && j <= n; j += direction) {
    sum += term;
    const beyondMode = direction > 0 ? j >= mode : j <= mode;
    if (term === 0 || (beyondMode && term < sum * EPSILON)) break;
    term *= direction > 0 ? ((n - j) / (j + 1)) * ratio : (j / (n - j + 1)) * ratio;
  }
  return Math.min(1, sum);
}

/**
 * P(X ≤ k) for X ~ Poisson(mu) (scipy.stats.poisson.cdf).
 *
 * @example
 * poissonCdf(0, 2); // = e⁻² ≈ 0.135335
 */
export function poissonCdf(k: number, mu: number): number {
  if (!(mu >= 0) || Number.isNaN(k)) return Number.NaN;
  const j = Math.floor(k);
  if (j < 0) return 0;
  return mu === 0 ? 1 : gammaQ(j + 1, mu);
}

/**
 * P(X > k) for X ~ Poisson(mu) (scipy.stats.poisson.sf); "k or more" is sf(k − 1).
 *
 * @example
 * poissonSf(0, 2); // = 1 − e⁻² ≈ 0.864665
 */
export function poissonSf(k: number, mu: number): number {
  if (!(mu >= 0) || Number.isNaN(k)) return Number.NaN;
  const j = Math.floor(k);
  if (j < 0) return 1;
  return mu === 0 ? 0 : gammaP(j + 1, mu);
}

/**
 * Standard normal distribution function Φ(x) (scipy.stats.norm.cdf).
 *
 * @example
 * normalCdf(1.959963984540054); // ≈ 0.975
 */
export function normalCdf(x: number): number {
  return normalCdfAt(x, 0, 1);
}

/**
 * Standard normal upper tail 1 − Φ(x), computed as Φ(−x) so it keeps precision (scipy.stats.norm.sf).
 *
 * @example
 * normalSf(10); // ≈ 7.6199e-24
 */
export function normalSf(x: number): number {
  return normalCdfAt(-x, 0, 1);
}

// Acklam's rational approximation (relative error < 1.2e-9), then polished with Halley steps.
const ACKLAM_A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239,
];
const ACKLAM_B = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1,
];
const ACKLAM_C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const ACKLAM_D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const poly = (coefficients: readonly number[], x: number): number => coefficients.reduce((sum, c) => sum * x + c, 0);

/** Φ⁻¹(p) for p ≤ ½, where Φ(x) keeps full relative precision for the Halley steps. */
function lowerNormalQuantile(p: number): number {
  let x: number;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = poly(ACKLAM_C, q) / (poly(ACKLAM_D, q) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x = (poly(ACKLAM_A, r) * q) / (poly(ACKLAM_B, r) * r + 1);
  }
  for (let i = 0; i < 3; i++) {
    const u = (normalCdf(x) - p) * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
    const step = u / (1 + (x * u) / 2);
    x -= step;
    if (Math.abs(step) <= 1e-16 * Math.abs(x)) break;
  }
  return x;
}

/**
 * Standard normal quantile Φ⁻¹(p) (scipy.stats.norm.ppf). Not @stdlib's normal quantile, which
 * returns −∞ at p = 1e-20 and is off by 2e-9 at 1e-10.
 *
 * @example
 * normalQuantile(0.975); // ≈ 1.959964
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  return p <= 0.5 ? lowerNormalQuantile(p) : -lowerNormalQuantile(1 - p);
}

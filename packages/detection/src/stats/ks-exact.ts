import { stirlingError } from './saddle-point';

/**
 * Exact null distribution of the two-sample Kolmogorov–Smirnov statistic by counting lattice
 * paths from (0, 0) to (n₁, n₂), following Hodges ("The significance probability of the Smirnov
 * two-sample test", 1958) and, for the two-sided unequal case, Viehmann's recursion for 1 − p
 * ("Numerically more stable computation of the p-values for the two-sample Kolmogorov–Smirnov
 * test", arXiv:2102.08037) — the methods scipy.stats.ks_2samp uses, so results match to rounding.
 * `h` is the statistic in units of 1/lcm(n₁, n₂).
 */

/**
 * C(n, k) as a double: exact products below k = 20, else Stirling with Loader's error terms
 * (relative error ~1e-13). Infinity when it overflows, as scipy.special.binom.
 *
 * @example
 * binomialCoefficient(10, 3); // 120
 */
export function binomialCoefficient(n: number, k: number): number {
  if (n < 0) return Number.NaN;
  if (k < 0 || k > n) return 0;
  const j = Math.min(k, n - k);
  if (j === 0) return 1;
  if (j < 20) {
    let numerator = 1;
    let denominator = 1;
    for (let i = 1; i <= j; i++) {
      numerator *= n - j + i;
      denominator *= i;
      if (numerator > 1e50) {
        numerator /= denominator;
        denominator = 1;
      }
    }
    return numerator / denominator;
  }
  const rest = n - j;
  // One exponent, square-root factor included, so values near the overflow limit stay finite.
  const exponent =
    stirlingError(n) - stirlingError(j) - stirlingError(rest) + j * Math.log(n / j) + rest * Math.log1p(j / rest);
  return Math.exp(exponent + 0.5 * Math.log(n / (2 * Math.PI * j * rest)));
}

/**
 * P(D ≥ h/n) for two samples of equal size n, two-sided: 2·Σ (−1)^(k+1) C(2n, n − kh) / C(2n, n),
 * evaluated Horner-fashion so the alternating sum does not cancel.
 *
 * @example
 * equalSizeTwoSidedProbability(5, 3); // ≈ 0.3571
 */
export function equalSizeTwoSidedProbability(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let term = 1;
    for (let j = 0; j < h; j++) term = ((n - k * h - j) * term) / (n + k * h + j + 1);
    p = term * (1 - p);
  }
  return 2 * p;
}

/**
 * The share of paths that leave the band |x/m − y/n| < h/lcm (two-sided p-value), m ≠ n,
 * computed as 1 − p column by column over a sliding window of the lattice.
 *
 * @example
 * unequalSizeTwoSidedProbability(5, 3, 1, 9); // P(D ≥ 0.6) for sizes 5 and 3 ≈ 0.4643
 */
export function unequalSizeTwoSidedProbability(m0: number, n0: number, g: number, h: number): number {
  const [m, n] = m0 >= n0 ? [m0, n0] : [n0, m0];
  const mg = m / g;
  const ng = n / g;
  let minJ = 0;
  let maxJ = Math.min(Math.ceil(h / mg), n + 1);
  let length = maxJ - minJ;
  const a = new Float64Array(Math.min(2 * maxJ + 2, n + 1)).fill(1);
  a.fill(0, minJ, maxJ);
  for (let i = 1; i <= m; i++) {
    const lastMinJ = minJ;
    const lastLength = length;
    minJ = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxJ = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxJ <= minJ) return 1;
    let value = minJ === 0 ? 0 : 1;
    for (let jj = 0; jj < maxJ - minJ; jj++) {
      const j = jj + minJ;
      value = (a[jj + minJ - lastMinJ]! * i + value * j) / (i + j);
      a[jj] = value;
    }
    length = maxJ - minJ;
    if (lastLength > length) a.fill(1, length, lastLength);
  }
  return a[maxJ - minJ - 1]!;
}

/**
 * One-sided: the share of paths that reach m·y ≤ n·x − h·g (Hodges' "outside" count divided by
 * C(m + n, n)). NaN or a value outside [0, 1] means the count overflowed.
 *
 * @example
 * oneSidedProbability(5, 3, 1, 9); // P(D⁺ ≥ 0.6) for sizes 5 and 3 ≈ 0.2321
 */
export function oneSidedProbability(m0: number, n0: number, g: number, h: number): number {
  if (m0 === n0) {
    let p = 1;
    for (let j = 0; j < h; j++) p *= (m0 - j) / (m0 + j + 1);
    return p;
  }
  const [m, n] = m0 >= n0 ? [m0, n0] : [n0, m0];
  const total = binomialCoefficient(m + n, n);
  if (!Number.isFinite(total)) return Number.NaN;
  const mg = m / g;
  const ng = n / g;
  // The x where the boundary n·x/m + h·g/m crosses each row y = j.
  const count = n + Math.floor((mg - h) / mg);
  if (count <= 0) return 1;
  const xj = new Float64Array(count);
  for (let j = 0; j < count; j++) xj[j] = Math.floor((h + mg * j + ng - 1) / ng);
  // b[j]: paths from (0, 0) to (xⱼ, j) that touch the boundary first there.
  const b = new Float64Array(count);
  b[0] = 1;
  for (let j = 1; j < count; j++) {
    let bj = binomialCoefficient(xj[j]! + j, j);
    for (let i = 0; i < j; i++) bj -= binomialCoefficient(xj[j]! - xj[i]! + j - i, j - i) * b[i]!;
    b[j] = bj;
  }
  let paths = 0;
  for (let j = 0; j < count; j++) paths += b[j]! * binomialCoefficient(m - xj[j]! + (n - j), n - j);
  return paths > total ? Number.NaN : paths / total;
}

import gammaln from '@stdlib/math-base-special-gammaln';

/**
 * Catherine Loader's saddle-point pieces ("Fast and accurate computation of binomial
 * probabilities", 2000). Writing a probability mass as exp(−stirlerr − bd0) keeps full relative
 * precision where exp(lgamma(n) − lgamma(k) − …) would lose it to cancellation of huge terms.
 */

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * The error of Stirling's formula: ln Γ(n + 1) − ((n + ½) ln n − n + ln √(2π)).
 *
 * @example
 * stirlingError(20); // ≈ 0.0041663
 */
export function stirlingError(n: number): number {
  if (n <= 15) return gammaln(n + 1) - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI;
  const nn = n * n;
  // Stirling's series 1/12n − 1/360n³ + 1/1260n⁵ − 1/1680n⁷ + 1/1188n⁹, cut where the next
  // term falls below double precision.
  if (n > 500) return (1 / 12 - 1 / 360 / nn) / n;
  if (n > 80) return (1 / 12 - (1 / 360 - 1 / 1260 / nn) / nn) / n;
  if (n > 35) return (1 / 12 - (1 / 360 - (1 / 1260 - 1 / 1680 / nn) / nn) / nn) / n;
  return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / 1188 / nn) / nn) / nn) / nn) / n;
}

/**
 * The deviance term x ln(x / m) + m − x, by a series when x and m are close (where the plain
 * formula cancels).
 *
 * @example
 * deviance(10, 10); // 0
 */
export function deviance(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let sum = (x - m) * v;
    let term = 2 * x * v;
    v *= v;
    for (let j = 3; j < 2000; j += 2) {
      term *= v;
      const next = sum + term / j;
      if (next === sum) return next;
      sum = next;
    }
    return sum;
  }
  return x * Math.log(x / m) + m - x;
}

/**
 * P(X = k) for X ~ Binomial(n, p), given the expected successes `mean` = np and failures
 * `failures` = n(1 − p) directly, so callers that know them more exactly than p can pass them.
 *
 * @example
 * binomialMass(3, 10, 5, 5); // ≈ C(10, 3) / 2¹⁰ = 0.1171875
 */
export function binomialMass(k: number, n: number, mean: number, failures: number): number {
  if (k < 0 || k > n) return 0;
  if (mean === 0) return k === 0 ? 1 : 0;
  if (failures === 0) return k === n ? 1 : 0;
  // At the ends the mass is qⁿ or pⁿ; n ln q = −bd0(n, nq) − np keeps precision when q ≈ 1.
  if (k === 0) return Math.exp(mean < 0.1 * n ? -deviance(n, failures) - mean : n * Math.log(failures / n));
  if (k === n) return Math.exp(failures < 0.1 * n ? -deviance(n, mean) - failures : n * Math.log(mean / n));
  const exponent =
    stirlingError(n) - stirlingError(k) - stirlingError(n - k) - deviance(k, mean) - deviance(n - k, failures);
  return Math.exp(exponent) * Math.sqrt(n / (2 * Math.PI * k * (n - k)));
}

/**
 * x^a e^(−x) / Γ(a + 1): the Poisson mass at a for mean x, for real a > 0 — the prefactor of
 * the incomplete gamma function.
 *
 * @example
 * poissonMass(2, 1); // = e⁻¹ / 2 ≈ 0.18394
 */
export function poissonMass(a: number, x: number): number {
  if (x === 0) return 0;
  // Below 15 the plain logarithm loses nothing that matters (its terms are small).
  if (a < 15) return Math.exp(a * Math.log(x) - x - gammaln(a + 1));
  return Math.exp(-stirlingError(a) - deviance(a, x)) / Math.sqrt(2 * Math.PI * a);
}

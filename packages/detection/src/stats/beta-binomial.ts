import gammaln from '@stdlib/math-base-special-gammaln';
import { binomialSf } from './distributions';

/**
 * The beta-binomial distribution: a count of hits in n trials whose rate itself varies from
 * window to window as Beta(a, b). It is the rate test's model for harm flags from classifiers
 * whose base rate wanders with the hour and the traffic mix: a pure binomial would call that
 * wandering significant. No maintained npm library provides it; the values are checked against
 * scipy.stats.betabinom in beta-binomial.test.ts.
 */

const lnBeta = (a: number, b: number) => gammaln(a) + gammaln(b) - gammaln(a + b);

/** ln P(X = k) for X ~ BetaBinomial(n, a, b). */
function lnPmf(k: number, n: number, a: number, b: number): number {
  return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1) + lnBeta(k + a, n - k + b) - lnBeta(a, b);
}

/**
 * P(X = k) for X ~ BetaBinomial(n, a, b) (scipy.stats.betabinom.pmf).
 *
 * @example
 * betaBinomialPmf(2, 10, 1, 1); // = 1 / 11
 */
export function betaBinomialPmf(k: number, n: number, a: number, b: number): number {
  if (!Number.isInteger(k) || k < 0 || k > n) return 0;
  return Math.exp(lnPmf(k, n, a, b));
}

/**
 * P(X > k) for X ~ BetaBinomial(n, a, b) (scipy.stats.betabinom.sf); "k or more" is sf(k − 1).
 * Sums the upper tail term by term with the pmf's ratio recurrence, so tiny tails keep their
 * relative precision; O(n − k) steps, and n is one window's events.
 *
 * @example
 * betaBinomialSf(4, 10, 1, 1); // = 6 / 11
 */
export function betaBinomialSf(k: number, n: number, a: number, b: number): number {
  if (!(a > 0 && b > 0) || !(n >= 0) || Number.isNaN(k)) return Number.NaN;
  const j = Math.floor(k);
  if (j < 0) return 1;
  if (j >= n) return 0;
  // Start at the first term of the tail and walk up: P(x+1)/P(x) = (n−x)(x+a) / ((x+1)(n−x−1+b)).
  let term = Math.exp(lnPmf(j + 1, n, a, b));
  let sum = term;
  for (let x = j + 1; x < n; x++) {
    term *= ((n - x) * (x + a)) / ((x + 1) * (n - x - 1 + b));
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return Math.min(1, sum);
}

/**
 * Upper tail of a count whose rate has mean `p` and window-to-window variance `spread` (the
 * variance of the rate itself, beyond binomial sampling): beta-binomial with a + b =
 * p(1 − p)/spread − 1, or the plain binomial when the spread is negligible.
 *
 * @example
 * overdispersedSf(9, 100, 0.03, 0); // = binomialSf(9, 100, 0.03)
 */
export function overdispersedSf(k: number, n: number, p: number, spread: number): number {
  const q = Math.min(Math.max(p, 1e-9), 1 - 1e-9);
  const total = (q * (1 - q)) / Math.max(spread, 0) - 1;
  if (!(spread > 0) || total > 1e7) return binomialSf(k, n, q);
  const concentration = Math.max(total, 1e-3);
  return betaBinomialSf(k, n, q * concentration, (1 - q) * concentration);
}

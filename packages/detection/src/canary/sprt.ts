/**
 * The likelihood ratios behind canary analysis (docs/canary-analysis.md). Every ratio compares
 * "the candidate's harm rate is r1 times the baseline's" (H1) with "it is r0 times" (H0), so a
 * positive log ratio is evidence of harm and a negative one evidence of health.
 */

/** Cumulative counts of one harm signal over one period, for the baseline and the candidate. */
export interface RateCounts {
  /** Events the baseline version served (its exposure). */
  baselineEvents: number;
  /** Of those, events that carried the flag. */
  baselineFlagged: number;
  /** Events the candidate version served. */
  candidateEvents: number;
  /** Of those, events that carried the flag. */
  candidateFlagged: number;
}

/**
 * The candidate's share of the flags expected when its rate is `ratio` times the baseline's:
 * π = ratio·n₁ / (ratio·n₁ + n₀). Given t flags in all, the candidate's flags are Binomial(t, π)
 * whatever the common rate is, which is why the test needs no estimate of it.
 */
export function candidateFlagShare(counts: RateCounts, ratio: number): number {
  const scaled = ratio * counts.candidateEvents;
  return scaled / (scaled + counts.baselineEvents);
}

/**
 * Log-likelihood ratio of the candidate's flags given the period's total flags, Binomial(t, π₁)
 * against Binomial(t, π₀): x₁·ln(π₁/π₀) + x₀·ln((1 − π₁)/(1 − π₀)). A period in which one side
 * served nothing carries no comparison and adds 0.
 *
 * @example
 * // 10 flags, 4 of them on a candidate that served a tenth of 10,000 events: harm looks doubled.
 * conditionalLogLikelihoodRatio(
 *   { baselineEvents: 9000, baselineFlagged: 6, candidateEvents: 1000, candidateFlagged: 4 }, 1, 2,
 * ); // ≈ 1.82
 */
export function conditionalLogLikelihoodRatio(counts: RateCounts, r0: number, r1: number): number {
  const { baselineEvents: n0, candidateEvents: n1, baselineFlagged: x0, candidateFlagged: x1 } = counts;
  if (n0 === 0 || n1 === 0 || x0 + x1 === 0) return 0;
  // ln((1 − π₁)/(1 − π₀)) = −ln(1 + (r1 − r0)·n₁ / (r0·n₁ + n₀)), kept precise for small shares.
  const perFlag = -Math.log1p(((r1 - r0) * n1) / (r0 * n1 + n0));
  return x1 * Math.log(r1 / r0) + (x0 + x1) * perFlag;
}

/**
 * Log-likelihood ratio of "every flag falls on the candidate" (the ratio is unbounded) against
 * H0, for a zero-tolerance flag: x₁·ln(1/π₀) while the baseline has none, −∞ from its first
 * flag on. Under H0 its exponential is a martingale, so it crosses ln(1/α) with chance ≤ α.
 */
export function candidateOnlyLogLikelihoodRatio(counts: RateCounts, r0: number): number {
  const { baselineEvents: n0, candidateEvents: n1, baselineFlagged: x0, candidateFlagged: x1 } = counts;
  if (x0 > 0) return Number.NEGATIVE_INFINITY;
  if (x1 === 0) return 0;
  return x1 * Math.log1p(n0 / (r0 * n1));
}

/**
 * Log-likelihood ratio of the candidate's flags as Poisson counts at rate r1·floor against
 * r0·floor: x₁·ln(r1/r0) − n₁·floor·(r1 − r0). It passes a candidate whose rate is shown to be
 * well under r1·floor even when neither side has flagged anything, where the conditional test
 * has no information (docs/canary-analysis.md, "Edge cases").
 */
export function floorLogLikelihoodRatio(
  candidateEvents: number,
  candidateFlagged: number,
  floor: number,
  r0: number,
  r1: number,
): number {
  return candidateFlagged * Math.log(r1 / r0) - candidateEvents * floor * (r1 - r0);
}

/**
 * Candidate events a series needs, from no evidence, to pass when the candidate's rate is r0
 * times the baseline's: `passAt` (negative) over the expected change of the log ratio per
 * candidate event, by the conditional test at the candidate's `share` of traffic or by the floor
 * test, whichever is sooner. `rate` is the baseline's flag rate. Infinity when neither test can
 * be expected to pass (a rate of 0 with no floor drift, or a share of 0 or 1). A planning figure,
 * not part of the test: it tells whether waiting for a series is worth it.
 *
 * @example
 * // refusal at 5% on a 10% canary: about 350 candidate events
 * expectedEventsToPass(0.05, 0.1, 1, 2, Math.log(0.01), 1e-4);
 */
export function expectedEventsToPass(
  rate: number,
  share: number,
  r0: number,
  r1: number,
  passAt: number,
  floor: number,
): number {
  if (!(share > 0 && share < 1) || !(rate >= 0)) return Number.POSITIVE_INFINITY;
  const perFlag = -Math.log1p(((r1 - r0) * share) / (r0 * share + 1 - share));
  const candidateFlags = r0 * rate;
  const allFlags = candidateFlags + (rate * (1 - share)) / share;
  const ratioDrift = candidateFlags * Math.log(r1 / r0) + allFlags * perFlag;
  const floorDrift = candidateFlags * Math.log(r1 / r0) - floor * (r1 - r0);
  const events = [ratioDrift, floorDrift].filter((drift) => drift < 0).map((drift) => passAt / drift);
  return events.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...events);
}

/**
 * The limits of a test at level alpha with miss chance beta: abort at ln(1/α), pass at ln(β).
 * These are Ville's bounds rather than Wald's ln((1 − β)/α) and ln(β/(1 − α)): slightly wider,
 * and they hold at every look however long the test runs, so evidence can be carried from step
 * to step without a stopping rule.
 */
export function sprtLimits(alpha: number, beta: number): { abortAt: number; passAt: number } {
  return { abortAt: -Math.log(alpha), passAt: Math.log(beta) };
}

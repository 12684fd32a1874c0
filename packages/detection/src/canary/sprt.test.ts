import { describe, expect, it } from 'vitest';
import { binomialDraw, mulberry32 } from '../random';
import { binomialPmf } from '../stats';
import {
  candidateFlagShare,
  candidateOnlyLogLikelihoodRatio,
  conditionalLogLikelihoodRatio,
  expectedEventsToPass,
  floorLogLikelihoodRatio,
  type RateCounts,
  sprtLimits,
} from './sprt';

const counts = (n0: number, x0: number, n1: number, x1: number): RateCounts => ({
  baselineEvents: n0,
  baselineFlagged: x0,
  candidateEvents: n1,
  candidateFlagged: x1,
});

describe('the conditional likelihood ratio', () => {
  // binomialPmf is checked against scipy.stats.binom.pmf (stats/distributions.test.ts).
  it.each([
    [counts(9000, 6, 1000, 4), 1, 2],
    [counts(9500, 480, 500, 61), 1, 2],
    [counts(100, 3, 100, 9), 1, 2],
    [counts(1000, 0, 50, 2), 1, 2],
    [counts(3000, 90, 1000, 28), 1.1, 1.5],
    [counts(75_000, 2, 25_000, 0), 1, 2],
  ])('is the log ratio of the binomial masses of %o at r0 = %d, r1 = %d', (c, r0, r1) => {
    const t = c.baselineFlagged + c.candidateFlagged;
    const expected = Math.log(
      binomialPmf(c.candidateFlagged, t, candidateFlagShare(c, r1)) /
        binomialPmf(c.candidateFlagged, t, candidateFlagShare(c, r0)),
    );
    expect(conditionalLogLikelihoodRatio(c, r0, r1)).toBeCloseTo(expected, 10);
  });

  it('adds nothing for a period in which one side served nothing or nothing was flagged', () => {
    expect(conditionalLogLikelihoodRatio(counts(0, 0, 100, 5), 1, 2)).toBe(0);
    expect(conditionalLogLikelihoodRatio(counts(100, 5, 0, 0), 1, 2)).toBe(0);
    expect(conditionalLogLikelihoodRatio(counts(100, 0, 100, 0), 1, 2)).toBe(0);
  });

  it('matches the example in its documentation', () => {
    expect(conditionalLogLikelihoodRatio(counts(9000, 6, 1000, 4), 1, 2)).toBeCloseTo(1.82, 2);
  });
});

describe('the zero-tolerance arm', () => {
  it('grows by ln(1/π₀) per candidate flag while the baseline has none', () => {
    expect(candidateOnlyLogLikelihoodRatio(counts(9900, 0, 100, 3), 1)).toBeCloseTo(3 * Math.log(100), 12);
  });

  it('is dead from the first baseline flag on', () => {
    expect(candidateOnlyLogLikelihoodRatio(counts(9900, 1, 100, 3), 1)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('the exposure-based floor test', () => {
  it('reaches ln β after ln(1/β) / (floor·(r1 − r0)) clean candidate events', () => {
    const { passAt } = sprtLimits(1e-4, 0.01);
    const needed = Math.log(100) / 1e-4;
    expect(floorLogLikelihoodRatio(Math.ceil(needed), 0, 1e-4, 1, 2)).toBeLessThanOrEqual(passAt);
    expect(floorLogLikelihoodRatio(Math.floor(needed) - 1, 0, 1e-4, 1, 2)).toBeGreaterThan(passAt);
  });
});

describe('sprtLimits', () => {
  it('uses the Ville bounds ln(1/α) and ln β', () => {
    expect(sprtLimits(1e-4, 0.01)).toEqual({ abortAt: -Math.log(1e-4), passAt: Math.log(0.01) });
  });
});

describe('the expected candidate events to pass', () => {
  // A simulated healthy series: each minute the candidate serves 10 events at `share` of the
  // traffic and both versions flag at `rate`; the mean number of candidate events until the log
  // ratio first reaches ln β must be the planning figure (Wald's approximation ignores the
  // overshoot, so within 15%).
  it.each([
    [0.05, 0.1],
    [0.02, 0.05],
    [0.01, 0.25],
  ])('matches a simulation at rate %d and share %d', (rate, share) => {
    const random = mulberry32(7);
    const passAt = Math.log(0.01);
    const runs = 300;
    let total = 0;
    for (let run = 0; run < runs; run++) {
      let llr = 0;
      let events = 0;
      while (llr > passAt) {
        const n1 = 10;
        const n0 = Math.round((n1 * (1 - share)) / share);
        const period = counts(n0, binomialDraw(random, n0, rate), n1, binomialDraw(random, n1, rate));
        llr += conditionalLogLikelihoodRatio(period, 1, 2);
        events += n1;
      }
      total += events;
    }
    const expected = expectedEventsToPass(rate, share, 1, 2, passAt, 1e-4);
    expect(total / runs / expected).toBeGreaterThan(0.95);
    expect(total / runs / expected).toBeLessThan(1.15);
  });

  it('takes the floor test when nothing is flagged, and is infinite when neither test can pass', () => {
    const passAt = Math.log(0.01);
    expect(expectedEventsToPass(0, 0.1, 1, 2, passAt, 1e-4)).toBeCloseTo(-passAt / 1e-4, 6);
    expect(expectedEventsToPass(0.05, 0, 1, 2, passAt, 1e-4)).toBe(Number.POSITIVE_INFINITY);
    expect(expectedEventsToPass(0.05, 1, 1, 2, passAt, 1e-4)).toBe(Number.POSITIVE_INFINITY);
  });

  it('grows as the flag gets rarer', () => {
    const passAt = Math.log(0.01);
    const at = (rate: number) => expectedEventsToPass(rate, 0.1, 1, 2, passAt, 1e-4);
    expect(at(0.0005)).toBeGreaterThan(10 * at(0.05));
  });
});

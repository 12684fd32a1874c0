import { describe, expect, it } from 'vitest';
import { betaBinomialPmf, betaBinomialSf, overdispersedSf } from './beta-binomial';
import { binomialSf } from './distributions';

// scipy.stats.betabinom 1.17.1: [k, n, a, b, sf(k), pmf(k)].
const SCIPY: Array<[number, number, number, number, number, number]> = [
  [4, 10, 1, 1, 0.5454545454545455, 0.0909090909090909],
  [2, 10, 1, 1, 0.7272727272727273, 0.0909090909090909],
  [0, 50, 0.5, 20, 0.4678581205982818, 0.5321418794017182],
  [15, 300, 2.0, 80.0, 0.09101378461256981, 0.019933688622654686],
  [30, 300, 2.0, 80.0, 0.0034842814722286786, 0.0009060836824032134],
  [60, 1000, 3.5, 120.0, 0.04057643282462975, 0.003623052273227725],
  [120, 1000, 3.5, 120.0, 0.00010811551561362709, 1.2427665250722007e-5],
  [5, 40, 0.3, 9.7, 0.05802646634752784, 0.02294720398912024],
  [0, 5, 0.2, 0.3, 0.5689843809523809, 0.43101561904761904],
];

describe('beta-binomial', () => {
  it.each(SCIPY)('agrees with scipy at k=%d n=%d a=%d b=%d', (k, n, a, b, sf, pmf) => {
    expect(betaBinomialSf(k, n, a, b)).toBeCloseTo(sf, 11);
    // ln Γ of n ≈ 1,000 costs some digits: a relative error under 1e-7 is far below what an alarm level needs.
    expect(betaBinomialSf(k, n, a, b) / sf).toBeCloseTo(1, 7);
    expect(betaBinomialPmf(k, n, a, b) / pmf).toBeCloseTo(1, 7);
  });

  it('has the edges of a tail', () => {
    expect(betaBinomialSf(-1, 10, 2, 3)).toBe(1);
    expect(betaBinomialSf(10, 10, 2, 3)).toBe(0);
    expect(betaBinomialSf(3, 10, 0, 3)).toBeNaN();
  });

  it('is the binomial when the rate does not wander, and heavier-tailed when it does', () => {
    expect(overdispersedSf(8, 100, 0.03, 0)).toBe(binomialSf(8, 100, 0.03));
    const wandering = overdispersedSf(8, 100, 0.03, 0.0001);
    expect(wandering).toBeGreaterThan(binomialSf(8, 100, 0.03));
    expect(wandering).toBeLessThan(1);
  });
});

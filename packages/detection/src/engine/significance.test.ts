import fixtures from './fixtures/significance.json';
import { describe, expect, it } from 'vitest';
import { binomialUpperTail, chiSquareTest, criticalCount, jensenShannon, psi, wasserstein } from './significance';

// Reference values come from scipy (scripts/make-significance-fixtures.py). Upper tails are
// computed as 1 − cdf, so they agree to 1e-9 absolutely; far-tail values are tiny either way.
describe('significance tests agree with scipy.stats', () => {
  it.each(fixtures.binomial)('binomial upper tail P(X ≥ $k | n=$n, p=$p)', ({ k, n, p, upper }) => {
    expect(Math.abs(binomialUpperTail(k, n, p) - upper)).toBeLessThan(1e-9);
  });

  it.each(fixtures.chi2.map((c, i) => ({ ...c, i })))('chi-square contingency case $i', ({ table, statistic, dof, pValue }) => {
    const result = chiSquareTest(table);
    expect(result.dof).toBe(dof);
    expect(Math.abs(result.statistic - statistic)).toBeLessThan(1e-9 * Math.max(1, statistic));
    expect(Math.abs(result.pValue - pValue)).toBeLessThan(1e-9);
  });
});

describe('distances agree with scipy', () => {
  it.each(fixtures.jensenshannon.map((c, i) => ({ ...c, i })))('Jensen–Shannon distance case $i', ({ p, q, distance }) => {
    expect(Math.abs(jensenShannon(p, q) - distance)).toBeLessThan(1e-9);
  });

  it.each(fixtures.wasserstein.map((c, i) => ({ ...c, i, n: c.u.length })))('Wasserstein distance case $i ($n values)', ({ u, v, distance }) => {
    expect(Math.abs(wasserstein(u, v) - distance)).toBeLessThan(1e-9 * Math.max(1, distance));
  });

  it('measures a pure shift as the shift', () => {
    const u = Array.from({ length: 100 }, (_, i) => i / 10);
    expect(wasserstein(u, u.map((x) => x + 2.5))).toBeCloseTo(2.5, 12);
  });
});

describe('significance helpers', () => {
  it('finds the smallest alerting count', () => {
    const k = criticalCount(1000, 0.01, 1e-4);
    expect(binomialUpperTail(k, 1000, 0.01)).toBeLessThan(1e-4);
    expect(binomialUpperTail(k - 1, 1000, 0.01)).toBeGreaterThanOrEqual(1e-4);
  });

  it('scores identical distributions 0 and shifted ones above the 0.25 page line', () => {
    expect(psi([10, 20, 30], [20, 40, 60])).toBeCloseTo(0, 12);
    expect(psi([50, 30, 20], [10, 30, 60])).toBeGreaterThan(0.25);
  });

  it('drops empty columns and degenerate tables', () => {
    expect(chiSquareTest([[5, 0, 5], [5, 0, 5]])).toMatchObject({ dof: 1, pValue: 1 });
    expect(chiSquareTest([[5, 5]])).toEqual({ statistic: 0, dof: 0, pValue: 1 });
  });
});

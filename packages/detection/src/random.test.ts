import { describe, expect, it } from 'vitest';
import { binomialDraw, mulberry32, poissonDraw } from './random';

describe('seeded count draws', () => {
  it.each([
    [20, 0.3],
    [1000, 0.02],
    [5000, 0.7],
    [100_000, 0.05],
  ])('binomialDraw(n = %d, p = %d) has the binomial mean and variance', (n, p) => {
    const random = mulberry32(n);
    const draws = Array.from({ length: 20_000 }, () => binomialDraw(random, n, p));
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / (draws.length - 1);
    expect(Math.abs(mean - n * p)).toBeLessThan(5 * Math.sqrt((n * p * (1 - p)) / draws.length));
    expect(variance / (n * p * (1 - p))).toBeGreaterThan(0.95);
    expect(variance / (n * p * (1 - p))).toBeLessThan(1.05);
    expect(draws.every((k) => Number.isInteger(k) && k >= 0 && k <= n)).toBe(true);
  });

  it('poissonDraw has mean and variance equal to its mean', () => {
    const random = mulberry32(3);
    const draws = Array.from({ length: 20_000 }, () => poissonDraw(random, 4.5));
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / (draws.length - 1);
    expect(mean).toBeCloseTo(4.5, 1);
    expect(variance / 4.5).toBeGreaterThan(0.95);
    expect(variance / 4.5).toBeLessThan(1.05);
  });

  it('gives the same draws for the same seed', () => {
    const a = mulberry32(9);
    const b = mulberry32(9);
    expect(Array.from({ length: 50 }, () => binomialDraw(a, 300, 0.1))).toEqual(
      Array.from({ length: 50 }, () => binomialDraw(b, 300, 0.1)),
    );
  });
});

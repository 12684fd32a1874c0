import { expect } from 'vitest';

/**
 * How the stats tests compare with scipy (the issue asks for agreement to 1e-9): relative,
 * |ours − scipy| ≤ 1e-9 · |scipy|, for every statistic, distance and p-value, exact zeros
 * included. One place where a relative bound means nothing is stated here rather than loosened
 * silently: at or below 1e-300 doubles are near underflow (subnormal below 2.2e-308, with fewer
 * digits), so there the bound is absolute, 1e-300 (scipy's 0 and a 4e-310 both mean
 * "underflowed"). No fixture needs it today; it is there for tail p-values that do.
 */
export const RELATIVE_TOLERANCE = 1e-9;
export const UNDERFLOW = 1e-300;

export function disagreement(actual: number, expected: number): number {
  if (actual === expected) return 0;
  if (Math.abs(expected) <= UNDERFLOW) return Math.abs(actual - expected) <= UNDERFLOW ? 0 : Number.POSITIVE_INFINITY;
  return Math.abs(actual - expected) / Math.abs(expected);
}

/** Fails unless `actual` agrees with scipy's `expected` as described above. */
export function expectAgreement(actual: number, expected: number, options: { label?: string } = {}): void {
  const difference = disagreement(actual, expected);
  expect(difference, `${options.label ?? 'value'}: ours ${actual}, scipy ${expected}`).toBeLessThanOrEqual(
    RELATIVE_TOLERANCE,
  );
}

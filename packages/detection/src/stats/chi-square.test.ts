import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectAgreement } from './agreement';
import { chiSquareContingency, chiSquareGoodnessOfFit } from './chi-square';
import type { ChiSquareFixtures } from './fixture-types';
import json from './fixtures/chi-square.json';

const fixtures = json as unknown as ChiSquareFixtures;

describe('chi-square tests agree with scipy.stats', () => {
  it.each(fixtures.contingency)('chi2_contingency: $name', ({ table, statistic, pValue, dof }) => {
    const result = chiSquareContingency(table);
    expect(result.dof).toBe(dof);
    expectAgreement(result.statistic, statistic, { label: 'statistic' });
    expectAgreement(result.pValue, pValue, { label: 'p-value' });
  });

  it.each(fixtures.goodness.map((c, i) => ({ ...c, i })))(
    'chisquare case $i (ddof $ddof)',
    ({ observed, expected, ddof, statistic, pValue }) => {
      const result = chiSquareGoodnessOfFit(observed, expected, { ddof });
      expectAgreement(result.statistic, statistic, { label: 'statistic' });
      expectAgreement(result.pValue, pValue, { label: 'p-value' });
    },
  );
});

describe('chi-square properties', () => {
  const table = fc.array(fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 4, maxLength: 4 }), {
    minLength: 2,
    maxLength: 4,
  });

  it('is unchanged by transposing the table or reordering categories', () => {
    fc.assert(
      fc.property(table, (rows) => {
        const result = chiSquareContingency(rows);
        const transposed = chiSquareContingency(rows[0]!.map((_, j) => rows.map((row) => row[j]!)));
        const reordered = chiSquareContingency(rows.map((row) => [...row].reverse()));
        expect(transposed.dof).toBe(result.dof);
        expect(transposed.statistic).toBeCloseTo(result.statistic, 9);
        expect(reordered.pValue).toBeCloseTo(result.pValue, 12);
      }),
    );
  });

  it('keeps the statistic non-negative and the p-value in [0, 1]', () => {
    fc.assert(
      fc.property(table, (rows) => {
        const { statistic, pValue } = chiSquareContingency(rows);
        expect(statistic).toBeGreaterThanOrEqual(0);
        expect(pValue).toBeGreaterThanOrEqual(0);
        expect(pValue).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('rejects negative counts, unequal totals and non-positive expected counts', () => {
    expect(() =>
      chiSquareContingency([
        [1, -1],
        [2, 3],
      ]),
    ).toThrow(RangeError);
    expect(() => chiSquareGoodnessOfFit([10, 10], [5, 10])).toThrow(RangeError);
    expect(() => chiSquareGoodnessOfFit([10, 0], [10, 0])).toThrow(RangeError);
  });
});

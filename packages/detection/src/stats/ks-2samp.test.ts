import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectAgreement } from './agreement';
import type { KsFixtures } from './fixture-types';
import json from './fixtures/ks.json';
import { kolmogorovSmirnovSf } from './kolmogorov';
import { ks2samp, ksPValue } from './ks-2samp';
import { binomialCoefficient } from './ks-exact';
import { cdfExtremes, cdfExtremesSorted } from './ks-statistic';
import { smirnovSf } from './smirnov';
import { materialise } from './synthetic-sample';

const fixtures = json as unknown as KsFixtures;

describe('ks2samp agrees with scipy.stats.ks_2samp', () => {
  it.each(fixtures.ks_2samp)('$name', ({ a, b, alternative, method, statistic, pValue }) => {
    const result = ks2samp(materialise(a), materialise(b), { alternative, method });
    expectAgreement(result.statistic, statistic, { label: 'statistic' });
    expectAgreement(result.pValue, pValue, { label: 'p-value' });
  });
});

describe('ksPValue agrees with scipy.stats.ks_2samp given only its statistic and the sizes', () => {
  const size = (stored: KsFixtures['ks_2samp'][number]['a']) => (Array.isArray(stored) ? stored.length : stored.n);
  it.each(fixtures.ks_2samp)('$name', ({ a, b, alternative, method, statistic, pValue }) => {
    expectAgreement(ksPValue(statistic, size(a), size(b), { alternative, method }).pValue, pValue);
  });

  it('counts a statistic between lattice points from the next point up, and never rises with d', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n1, n2, d) => {
          const lcm = (n1 * n2) / gcd(n1, n2);
          const up = Math.ceil(d * lcm - 1e-6) / lcm;
          expect(ksPValue(d, n1, n2).pValue).toBe(ksPValue(up, n1, n2).pValue);
          expect(ksPValue(Math.min(1, d + 0.05), n1, n2).pValue).toBeLessThanOrEqual(ksPValue(d, n1, n2).pValue);
        },
      ),
    );
  });
});

function gcd(x: number, y: number): number {
  return y === 0 ? x : gcd(y, x % y);
}

describe('the distributions behind it agree with scipy', () => {
  it.each(fixtures.kstwo)('kstwo.sf($x, $n)', ({ n, x, sf }) => {
    expectAgreement(kolmogorovSmirnovSf(n, x), sf);
  });

  it.each(fixtures.smirnov)('smirnov($n, $x)', ({ n, x, sf }) => {
    expectAgreement(smirnovSf(n, x), sf);
  });
});

describe('exact counting', () => {
  const exact = (n: number, k: number) => {
    let c = 1n;
    for (let i = 1n; i <= BigInt(k); i++) c = (c * (BigInt(n) - BigInt(k) + i)) / i;
    return c;
  };

  it('computes binomial coefficients to 1e-12 up to the overflow limit, and Infinity past it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1100 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, share) => {
        const k = Math.round(n * share);
        const value = exact(n, k);
        const ours = binomialCoefficient(n, k);
        if (value > BigInt(Number.MAX_VALUE)) expect(ours).toBe(Number.POSITIVE_INFINITY);
        else expect(Math.abs(ours - Number(value)) / Number(value)).toBeLessThan(1e-12);
      }),
      { numRuns: 500 },
    );
    // 3.6e307: once overflowed on the way (exp before the √ factor), sending exact p-values to Hodges' formula.
    expect(Math.abs(binomialCoefficient(1027, 515) / Number(exact(1027, 515)) - 1)).toBeLessThan(1e-12);
  });
});

describe('ks2samp properties', () => {
  const samples = fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 40 });

  it('gives the same statistic and two-sided p-value with the samples swapped', () => {
    fc.assert(
      fc.property(samples, samples, (a, b) => {
        const ab = ks2samp(a, b);
        const ba = ks2samp(b, a);
        expect(ab.statistic).toBe(ba.statistic);
        expect(ab.pValue).toBeCloseTo(ba.pValue, 12);
      }),
    );
  });

  it("turns 'less' into 'greater' when the samples swap", () => {
    fc.assert(
      fc.property(samples, samples, (a, b) => {
        expect(ks2samp(a, b, { alternative: 'less' }).statistic).toBe(
          ks2samp(b, a, { alternative: 'greater' }).statistic,
        );
      }),
    );
  });

  it('keeps the statistic and p-value in [0, 1]', () => {
    fc.assert(
      fc.property(samples, samples, fc.constantFrom('two-sided', 'less', 'greater' as const), (a, b, alternative) => {
        const { statistic, pValue } = ks2samp(a, b, { alternative });
        expect(statistic).toBeGreaterThanOrEqual(0);
        expect(statistic).toBeLessThanOrEqual(1);
        expect(pValue).toBeGreaterThanOrEqual(0);
        expect(pValue).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('finds no difference between a sample and a shuffled copy of itself', () => {
    fc.assert(
      fc.property(samples, (a) => {
        expect(ks2samp(a, [...a].reverse())).toMatchObject({ statistic: 0, pValue: 1 });
      }),
    );
  });

  it('rejects an empty sample and values that are not finite', () => {
    expect(() => ks2samp([], [1])).toThrow(RangeError);
    expect(() => ks2samp([1, Number.NaN], [1])).toThrow(RangeError);
  });
});

describe('the KS statistic without sorting', () => {
  it('equals the one from a merge of the sorted samples, ties and outliers included', () => {
    const value = fc.oneof(
      fc.integer({ min: -30, max: 30 }),
      fc.double({ min: -5, max: 5, noNaN: true }),
      fc.constantFrom(1e6, -1e9, 0.1, 0.1000000000000001),
    );
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 14_000 }),
        fc.array(value, { minLength: 9_000, maxLength: 16_000 }),
        (a, b) => {
          expect(cdfExtremes(a, b)).toEqual(
            cdfExtremesSorted(Float64Array.from(a).sort(), Float64Array.from(b).sort()),
          );
        },
      ),
      { numRuns: 25, endOnFailure: true }, // shrinking 10,000-value arrays would take minutes
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectAgreement } from './agreement';
import { binomialSf } from './distributions';
import type { DistributionFixtures } from './fixture-types';
import json from './fixtures/distributions.json';
import { binomialCriticalCount, binomialTest, poissonRateTest } from './rate-tests';

const fixtures = json as unknown as DistributionFixtures;

describe('rate tests agree with scipy.stats', () => {
  it.each(fixtures.binomtest)('binomtest($k, $n, $p, $alternative)', ({ k, n, p, alternative, pValue }) => {
    expectAgreement(binomialTest(k, n, p, alternative).pValue, pValue);
  });

  it.each(fixtures.binomUpper)('binomial upper tail P(X ≥ $k | n=$n, p=$p)', ({ k, n, p, upper }) => {
    expectAgreement(binomialSf(k - 1, n, p), upper, { label: 'sf(k − 1)' });
    if (k <= n) expectAgreement(binomialTest(k, n, p).pValue, upper, { label: 'binomialTest' });
  });

  it.each(fixtures.binomCritical)('critical count out of $n at p=$p, alpha=$alpha', ({ n, p, alpha, k }) => {
    expect(binomialCriticalCount(n, p, alpha)).toBe(k);
  });

  it.each(fixtures.poisson)('poisson rate test: $k events where $mu expected', ({ k, mu, sfAtLeast, cdf }) => {
    // Exposure 1000 at rate μ/1000: the test sees μ as the expected count.
    const exposure = 1000;
    expectAgreement(poissonRateTest(k, exposure, mu / exposure).pValue, sfAtLeast, { label: 'greater' });
    expectAgreement(poissonRateTest(k, exposure, mu / exposure, 'less').pValue, cdf, { label: 'less' });
  });
});

describe('rate test properties', () => {
  it('gives smaller upper-tail p-values to more events', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.nat(),
        (n, p, seed) => {
          const k = seed % n;
          expect(binomialTest(k + 1, n, p).pValue).toBeLessThanOrEqual(binomialTest(k, n, p).pValue);
        },
      ),
    );
  });

  it('finds the smallest count whose upper tail is below alpha', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.double({ min: 0.0001, max: 0.999, noNaN: true }),
        fc.double({ min: 1e-9, max: 0.5, noNaN: true }),
        (n, p, alpha) => {
          const k = binomialCriticalCount(n, p, alpha);
          if (k <= n) expect(binomialSf(k - 1, n, p)).toBeLessThan(alpha);
          if (k > 0) expect(binomialSf(k - 2, n, p)).toBeGreaterThanOrEqual(alpha);
        },
      ),
    );
  });

  it('answers 1 when the events match the baseline exactly', () => {
    expect(binomialTest(50, 100, 0.5, 'two-sided').pValue).toBe(1);
    expect(binomialTest(0, 100, 0.01).pValue).toBe(1);
    expect(poissonRateTest(0, 10, 0.3).pValue).toBe(1);
  });

  it('rejects impossible counts and rates', () => {
    expect(() => binomialTest(11, 10, 0.5)).toThrow(RangeError);
    expect(() => binomialTest(1, 10, 1.5)).toThrow(RangeError);
    expect(() => poissonRateTest(-1, 10, 0.1)).toThrow(RangeError);
    expect(() => poissonRateTest(1, 0, 0.1)).toThrow(RangeError);
  });
});

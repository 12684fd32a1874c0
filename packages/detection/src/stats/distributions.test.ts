import { describe, it } from 'vitest';
import { expectAgreement } from './agreement';
import {
  binomialCdf,
  binomialPmf,
  binomialSf,
  chiSquareSf,
  normalCdf,
  normalQuantile,
  normalSf,
  poissonCdf,
  poissonSf,
} from './distributions';
import type { DistributionFixtures } from './fixture-types';
import json from './fixtures/distributions.json';
import { gammaP, gammaQ } from './incomplete-gamma';

const fixtures = json as unknown as DistributionFixtures;

describe('distribution functions agree with scipy.stats', () => {
  it.each(fixtures.chi2)('chi2.sf($x, $dof)', ({ x, dof, sf }) => {
    expectAgreement(chiSquareSf(x, dof), sf);
  });

  it.each(fixtures.binom)('binom(k=$k, n=$n, p=$p)', ({ k, n, p, pmf, cdf, sf }) => {
    expectAgreement(binomialPmf(k, n, p), pmf, { label: 'pmf' });
    expectAgreement(binomialCdf(k, n, p), cdf, { label: 'cdf' });
    expectAgreement(binomialSf(k, n, p), sf, { label: 'sf' });
  });

  it.each(fixtures.poisson)('poisson(k=$k, mu=$mu)', ({ k, mu, sfAtLeast, cdf }) => {
    expectAgreement(poissonSf(k - 1, mu), sfAtLeast, { label: 'sf(k − 1)' });
    expectAgreement(poissonCdf(k, mu), cdf, { label: 'cdf' });
  });

  it.each(fixtures.normal)('norm at $x', ({ x, cdf, sf }) => {
    expectAgreement(normalCdf(x), cdf, { label: 'cdf' });
    expectAgreement(normalSf(x), sf, { label: 'sf' });
  });

  it.each(fixtures.normalQuantile)('norm.ppf($p)', ({ p, x }) => {
    expectAgreement(normalQuantile(p), x);
  });
});

describe('incomplete gamma', () => {
  it.each([
    // Where @stdlib/math-base-special-gammainc 0.3.1 returns 0.0689 / 0.931 (reference: mpmath).
    { a: 1084, x: 1043.655298210223, p: 0.1092048481339272555811, q: 0.8907951518660727444189 },
    { a: 0.5, x: 2, p: 0.9544997361036415855994, q: 0.04550026389635841440056 },
    { a: 450.5265550888271, x: 269.5086173756116, p: 5.592356709294638271925e-24, q: 1 },
  ])('P and Q at a=$a, x=$x match the exact values', ({ a, x, p, q }) => {
    expectAgreement(gammaP(a, x), p, { label: 'P' });
    expectAgreement(gammaQ(a, x), q, { label: 'Q' });
  });
});

import type { SyntheticSpec } from './synthetic-sample';

/** Shapes of the JSON that scripts/make-stats-fixtures.py writes to fixtures/ (for the tests). */
export type StoredSample = number[] | SyntheticSpec;

export interface KsFixtures {
  ks_2samp: {
    name: string;
    a: StoredSample;
    b: StoredSample;
    alternative: 'two-sided' | 'less' | 'greater';
    method: 'auto' | 'exact' | 'asymp';
    statistic: number;
    pValue: number;
  }[];
  kstwo: { n: number; x: number; sf: number }[];
  smirnov: { n: number; x: number; sf: number }[];
}

export interface ChiSquareFixtures {
  contingency: { name: string; table: number[][]; statistic: number; pValue: number; dof: number }[];
  goodness: { observed: number[]; expected?: number[]; ddof: number; statistic: number; pValue: number }[];
}

export interface DistributionFixtures {
  chi2: { x: number; dof: number; sf: number }[];
  binom: { k: number; n: number; p: number; pmf: number; cdf: number; sf: number }[];
  binomtest: { k: number; n: number; p: number; alternative: 'two-sided' | 'less' | 'greater'; pValue: number }[];
  /** P(X ≥ k): the rate detector's test (the engine's former binomial cases). */
  binomUpper: { k: number; n: number; p: number; upper: number }[];
  /** The smallest k with P(X ≥ k) < alpha (n + 1 when none). */
  binomCritical: { n: number; p: number; alpha: number; k: number }[];
  poisson: { k: number; mu: number; sfAtLeast: number; cdf: number }[];
  normal: { x: number; cdf: number; sf: number }[];
  normalQuantile: { p: number; x: number }[];
}

export interface DistanceFixtures {
  numericPsi: {
    name: string;
    reference: StoredSample;
    current: StoredSample;
    bins: number;
    psi: number;
    edges: number[];
    referenceCounts: number[];
    currentCounts: number[];
    jensenShannon: number;
  }[];
  categorical: {
    name: string;
    reference: string[];
    current: string[];
    psi: number;
    jensenShannon: number;
    chiSquare: number;
    pValue: number;
    dof: number;
  }[];
  jensenshannon: { p: number[]; q: number[]; distance: number }[];
  wasserstein: { name: string; u: StoredSample; v: StoredSample; distance: number }[];
}

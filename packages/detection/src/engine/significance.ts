import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { durationMs } from '@firebreak/core';
import type { MonitorSpec } from './monitor';

/** P(X ≥ k) for X ~ Binomial(n, p): the one-sided binomial test of a rate above `p`. */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  return Math.max(0, 1 - binomialCdf(k - 1, n, p));
}

/** The smallest count out of `n` whose upper tail falls below `alpha` (n + 1 when none does). */
export function criticalCount(n: number, p: number, alpha: number): number {
  let low = 0;
  let high = n + 1;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (binomialUpperTail(mid, n, p) < alpha) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * Pearson's chi-square test of homogeneity (or independence) on a table of counts, rows ×
 * columns; columns that are zero in every row are dropped. Returns the statistic, degrees of
 * freedom and upper-tail p-value (scipy.stats.chi2_contingency with correction=False).
 */
export function chiSquareTest(table: readonly (readonly number[])[]): { statistic: number; dof: number; pValue: number } {
  const width = table[0]?.length ?? 0;
  const columns = Array.from({ length: width }, (_, j) => j).filter((j) => table.some((row) => (row[j] ?? 0) > 0));
  const rows = table.map((row) => columns.map((j) => row[j] ?? 0)).filter((row) => row.some((v) => v > 0));
  if (rows.length < 2 || columns.length < 2) return { statistic: 0, dof: 0, pValue: 1 };
  const rowSums = rows.map((row) => row.reduce((a, b) => a + b, 0));
  const colSums = columns.map((_, j) => rows.reduce((sum, row) => sum + row[j]!, 0));
  const total = rowSums.reduce((a, b) => a + b, 0);
  let statistic = 0;
  rows.forEach((row, i) => {
    row.forEach((observed, j) => {
      const expected = (rowSums[i]! * colSums[j]!) / total;
      statistic += ((observed - expected) * (observed - expected)) / expected;
    });
  });
  const dof = (rows.length - 1) * (columns.length - 1);
  return { statistic, dof, pValue: Math.max(0, 1 - chisquareCdf(statistic, dof)) };
}

/** Population stability index between two count vectors over the same bins (proportions floored at 1e-4). */
export function psi(reference: readonly number[], current: readonly number[]): number {
  const refTotal = reference.reduce((a, b) => a + b, 0);
  const curTotal = current.reduce((a, b) => a + b, 0);
  if (refTotal === 0 || curTotal === 0) return 0;
  let sum = 0;
  reference.forEach((r, i) => {
    const p = Math.max(r / refTotal, 1e-4);
    const q = Math.max((current[i] ?? 0) / curTotal, 1e-4);
    sum += (q - p) * Math.log(q / p);
  });
  return sum;
}

/**
 * Per-window false-alarm probabilities from a monitor's budget: on average one page per
 * `pageEvery` (default 30 days) and one warning per `warnEvery` (default 1 day) of windows
 * when nothing is wrong. A test at level α per window has an expected run of 1/α windows
 * between false alarms, so α = window / budget.
 */
export function alarmBudget(spec: MonitorSpec): { page: number; warn: number; pageEvery: string; warnEvery: string } {
  const pageEvery = typeof spec.params['pageEvery'] === 'string' ? spec.params['pageEvery'] : '30d';
  const warnEvery = typeof spec.params['warnEvery'] === 'string' ? spec.params['warnEvery'] : '1d';
  return {
    page: Math.min(0.5, spec.windowMs / durationMs(pageEvery)),
    warn: Math.min(0.5, spec.windowMs / durationMs(warnEvery)),
    pageEvery,
    warnEvery,
  };
}

export function numberParam(spec: MonitorSpec, name: string, fallback: number): number {
  const value = spec.params[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/**
 * Jensen–Shannon distance (base 2, in [0, 1]) between two count vectors over the same bins,
 * as scipy.spatial.distance.jensenshannon(p, q, base=2) on the normalised counts.
 */
export function jensenShannon(reference: readonly number[], current: readonly number[]): number {
  const refTotal = reference.reduce((a, b) => a + b, 0);
  const curTotal = current.reduce((a, b) => a + b, 0);
  if (refTotal === 0 || curTotal === 0) return 0;
  let divergence = 0;
  reference.forEach((r, i) => {
    const p = r / refTotal;
    const q = (current[i] ?? 0) / curTotal;
    const m = (p + q) / 2;
    if (p > 0) divergence += p * Math.log2(p / m);
    if (q > 0) divergence += q * Math.log2(q / m);
  });
  return Math.sqrt(Math.max(0, divergence / 2));
}

/**
 * First Wasserstein distance between two samples (scipy.stats.wasserstein_distance): the area
 * between their empirical distribution functions, from one merge of the sorted samples.
 */
export function wasserstein(u: readonly number[], v: readonly number[]): number {
  if (u.length === 0 || v.length === 0) return 0;
  const a = Float64Array.from(u).sort();
  const b = Float64Array.from(v).sort();
  let i = 0;
  let j = 0;
  let distance = 0;
  let previous = Math.min(a[0]!, b[0]!);
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    distance += Math.abs(i / a.length - j / b.length) * (next - previous);
    previous = next;
    while (i < a.length && a[i] === next) i++;
    while (j < b.length && b[j] === next) j++;
  }
  return distance;
}

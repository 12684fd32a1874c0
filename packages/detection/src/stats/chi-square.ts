import { chiSquareSf } from './distributions';

export interface ChiSquareResult {
  statistic: number;
  pValue: number;
  dof: number;
}

/**
 * Pearson's chi-square test of homogeneity (or independence) on a table of counts, rows ×
 * columns — for drift, the reference and current windows as two rows over the categories —
 * matching scipy.stats.chi2_contingency(table, correction=False).
 *
 * Rows and columns that are zero throughout are dropped first: a category seen in neither
 * window says nothing, and scipy would raise on the zero expected count. A table left with
 * fewer than two rows or columns has nothing to test: statistic 0, dof 0, p-value 1 (as scipy
 * answers for a one-dimensional table).
 *
 * @example
 * chiSquareContingency([[10, 20, 30], [30, 20, 10]]); // { statistic: 20, dof: 2, pValue: ≈4.54e-5 }
 */
export function chiSquareContingency(table: readonly ArrayLike<number>[]): ChiSquareResult {
  const width = Math.max(0, ...table.map((row) => row.length));
  const columns: number[] = [];
  for (let j = 0; j < width; j++) if (table.some((row) => (row[j] ?? 0) > 0)) columns.push(j);
  const rows = table.filter((row) => columns.some((j) => (row[j] ?? 0) > 0));
  for (const row of table)
    for (let j = 0; j < row.length; j++)
      if (!(row[j]! >= 0)) throw new RangeError('counts must be non-negative numbers');
  if (rows.length < 2 || columns.length < 2) return { statistic: 0, pValue: 1, dof: 0 };
  const rowSums = rows.map((row) => columns.reduce((sum, j) => sum + (row[j] ?? 0), 0));
  const columnSums = columns.map((j) => rows.reduce((sum, row) => sum + (row[j] ?? 0), 0));
  const total = rowSums.reduce((a, b) => a + b, 0);
  let statistic = 0;
  rows.forEach((row, r) => {
    columns.forEach((j, c) => {
      const expected = (rowSums[r]! * columnSums[c]!) / total;
      const diff = (row[j] ?? 0) - expected;
      statistic += (diff * diff) / expected;
    });
  });
  const dof = (rows.length - 1) * (columns.length - 1);
  return { statistic, pValue: chiSquareSf(statistic, dof), dof };
}

/**
 * Pearson's chi-square goodness-of-fit test of observed counts against expected ones (uniform
 * when omitted), matching scipy.stats.chisquare(observed, expected, ddof). As there, the two
 * must have the same total to a relative 1.5e-8; expected counts must be positive.
 *
 * @example
 * chiSquareGoodnessOfFit([16, 18, 16, 14, 12, 12]); // { statistic: 2, dof: 5, pValue: ≈0.8491 }
 */
export function chiSquareGoodnessOfFit(
  observed: ArrayLike<number>,
  expected?: ArrayLike<number>,
  options: { ddof?: number } = {},
): ChiSquareResult {
  const k = observed.length;
  let observedTotal = 0;
  for (let i = 0; i < k; i++) observedTotal += observed[i]!;
  const uniform = observedTotal / k;
  if (expected !== undefined) {
    if (expected.length !== k) throw new RangeError('observed and expected must have the same length');
    let expectedTotal = 0;
    for (let i = 0; i < k; i++) expectedTotal += expected[i]!;
    if (Math.abs(observedTotal - expectedTotal) / Math.min(observedTotal, expectedTotal) > Math.sqrt(Number.EPSILON)) {
      throw new RangeError(`observed total ${observedTotal} and expected total ${expectedTotal} differ`);
    }
  }
  let statistic = 0;
  for (let i = 0; i < k; i++) {
    const e = expected === undefined ? uniform : expected[i]!;
    if (!(e > 0)) throw new RangeError('expected counts must be positive');
    const diff = observed[i]! - e;
    statistic += (diff * diff) / e;
  }
  const dof = k - 1 - (options.ddof ?? 0);
  return { statistic, pValue: chiSquareSf(statistic, dof), dof };
}

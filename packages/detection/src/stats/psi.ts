import { binCounts, type Category, categoryCounts, quantileEdges } from './binning';
import type { Sample } from './sample';

/**
 * Proportions below this count as this: an empty bin would make ln(q/p) infinite. With 1e-4
 * an empty bin against one holding 10% adds (0.1 − 0.0001)·ln(1000) ≈ 0.69, so one vanished
 * decile pages on its own, which is what we want. Proportions are not renormalised after the
 * floor (the common convention, and what the numpy reference in the fixture script does).
 */
export const PSI_EPSILON = 1e-4;

/**
 * Population stability index Σ (qᵢ − pᵢ) ln(qᵢ / pᵢ) between two count vectors over the same
 * bins, with proportions floored at {@link PSI_EPSILON}. Rules of thumb: below 0.1 stable,
 * 0.1–0.25 a moderate shift, above 0.25 a major one. 0 when either side is empty.
 *
 * @example
 * psiFromCounts([50, 30, 20], [10, 30, 60]); // ≈ 1.0832
 */
export function psiFromCounts(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  let refTotal = 0;
  let curTotal = 0;
  for (let i = 0; i < reference.length; i++) refTotal += reference[i]!;
  for (let i = 0; i < current.length; i++) curTotal += current[i]!;
  if (refTotal === 0 || curTotal === 0) return 0;
  let sum = 0;
  for (let i = 0; i < reference.length; i++) {
    const p = Math.max(reference[i]! / refTotal, PSI_EPSILON);
    const q = Math.max((current[i] ?? 0) / curTotal, PSI_EPSILON);
    sum += (q - p) * Math.log(q / p);
  }
  return sum;
}

export interface BinnedPsi {
  psi: number;
  /** Bin edges (numeric) as described in binning.ts. */
  edges: Float64Array;
  reference: Float64Array;
  current: Float64Array;
}

/**
 * PSI of a numeric sample against a reference, on the reference's quantile bins (10 by
 * default; fewer when the reference is tied, see binning.ts).
 *
 * @example
 * numericPsi([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [6, 7, 8, 9, 10, 11, 12, 13, 14, 15], { bins: 5 }).psi; // ≈ 3.7345
 */
export function numericPsi(reference: Sample, current: Sample, options: { bins?: number } = {}): BinnedPsi {
  const edges = quantileEdges(reference, options.bins ?? 10);
  const ref = binCounts(reference, edges);
  const cur = binCounts(current, edges);
  return { psi: psiFromCounts(ref, cur), edges, reference: ref, current: cur };
}

/**
 * PSI over categories (a category seen on one side only counts as 0 on the other).
 *
 * @example
 * categoricalPsi(['a', 'a', 'b'], ['a', 'b', 'b']).psi; // ≈ 0.4621
 */
export function categoricalPsi(
  reference: readonly Category[],
  current: readonly Category[],
): { psi: number; categories: Category[]; reference: Float64Array; current: Float64Array } {
  const counts = categoryCounts(reference, current);
  return { psi: psiFromCounts(counts.reference, counts.current), ...counts };
}

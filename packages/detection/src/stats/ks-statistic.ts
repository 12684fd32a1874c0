import { bucketCounts, gatherMarked, linearBuckets, valueRange } from './linear-buckets';
import { type Sample, sortedCopy } from './sample';

/**
 * The two one-sided KS distances: `above` = max F₁ − F₂ and `below` = max F₂ − F₁ (clipped at
 * 0), with the empirical CDFs evaluated at every observed value and each difference computed as
 * i/n₁ − j/n₂ in doubles, exactly as scipy.stats.ks_2samp does, so the statistic matches bit for bit.
 */
export interface CdfExtremes {
  above: number;
  below: number;
}

/**
 * From samples sorted ascending: one merge.
 *
 * @example
 * cdfExtremesSorted(new Float64Array([1, 2]), new Float64Array([2, 3])); // { above: 0.5, below: 0 }
 */
export function cdfExtremesSorted(a: Float64Array, b: Float64Array): CdfExtremes {
  const state = { max: Number.NEGATIVE_INFINITY, min: Number.POSITIVE_INFINITY };
  mergeRange(a, 0, a.length, b, 0, b.length, 0, 0, a.length, b.length, state);
  return { above: state.max, below: Math.min(1, Math.max(0, -state.min)) };
}

/** Walks two sorted runs, starting from global counts i0 and j0, updating the extremes. */
function mergeRange(
  a: Float64Array,
  aFrom: number,
  aTo: number,
  b: Float64Array,
  bFrom: number,
  bTo: number,
  i0: number,
  j0: number,
  n1: number,
  n2: number,
  state: { max: number; min: number },
): void {
  let i = aFrom;
  let j = bFrom;
  while (i < aTo || j < bTo) {
    const value = j >= bTo || (i < aTo && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    while (i < aTo && a[i] === value) i++;
    while (j < bTo && b[j] === value) j++;
    const diff = (i0 + i - aFrom) / n1 - (j0 + j - bFrom) / n2;
    if (diff > state.max) state.max = diff;
    if (diff < state.min) state.min = diff;
  }
}

/** Bucketing pays off only when a sort would be long. */
const BUCKETED_FROM = 20_000;
/** Float differences of equal fractions differ by an ulp; any margin above that is safe. */
const MARGIN = 1e-12;

/**
 * From unsorted samples, without sorting them: count both samples into ~n/4 order-preserving
 * buckets, bound the CDF difference inside each bucket by its counts, and sort and merge only
 * the buckets whose bound can reach the running maximum (usually a handful). Same result as
 * {@link cdfExtremesSorted}, in a few linear passes.
 *
 * @example
 * cdfExtremes([2, 1], [3, 2]); // { above: 0.5, below: 0 }
 */
export function cdfExtremes(a: Sample, b: Sample): CdfExtremes {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 + n2 < BUCKETED_FROM) return cdfExtremesSorted(sortedCopy(a), sortedCopy(b));
  const { low, high } = valueRange(a, b);
  const buckets = linearBuckets(low, high, Math.min(1 << 22, Math.max(1024, (n1 + n2) >>> 2)));
  const ca = bucketCounts(buckets, a);
  const cb = bucketCounts(buckets, b);
  // Lower bounds: the difference at each bucket's largest value (all of the bucket counted).
  let lowAbove = Number.NEGATIVE_INFINITY;
  let lowBelow = Number.NEGATIVE_INFINITY;
  let i = 0;
  let j = 0;
  for (let k = 0; k < buckets.count; k++) {
    if (ca[k]! + cb[k]! === 0) continue;
    i += ca[k]!;
    j += cb[k]!;
    const diff = i / n1 - j / n2;
    if (diff > lowAbove) lowAbove = diff;
    if (-diff > lowBelow) lowBelow = -diff;
  }
  // Candidates: buckets where the difference could exceed those bounds before the bucket ends.
  const marked = new Uint8Array(buckets.count);
  i = 0;
  j = 0;
  for (let k = 0; k < buckets.count; k++) {
    const upAbove = (i + ca[k]!) / n1 - j / n2;
    const upBelow = (j + cb[k]!) / n2 - i / n1;
    if (ca[k]! + cb[k]! > 0 && (upAbove >= lowAbove - MARGIN || upBelow >= lowBelow - MARGIN)) marked[k] = 1;
    i += ca[k]!;
    j += cb[k]!;
  }
  const ga = gatherMarked(buckets, a, ca, marked);
  const gb = gatherMarked(buckets, b, cb, marked);
  const state = { max: lowAbove, min: -lowBelow };
  i = 0;
  j = 0;
  for (let k = 0; k < buckets.count; k++) {
    if (marked[k]) {
      const [aFrom, aTo, bFrom, bTo] = [ga.start[k]!, ga.start[k + 1]!, gb.start[k]!, gb.start[k + 1]!];
      ga.values.subarray(aFrom, aTo).sort();
      gb.values.subarray(bFrom, bTo).sort();
      mergeRange(ga.values, aFrom, aTo, gb.values, bFrom, bTo, i, j, n1, n2, state);
    }
    i += ca[k]!;
    j += cb[k]!;
  }
  return { above: state.max, below: Math.min(1, Math.max(0, -state.min)) };
}

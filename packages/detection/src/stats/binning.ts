import { bucketCounts, bucketOf, gatherMarked, linearBuckets, valueRange } from './linear-buckets';
import type { Sample } from './sample';
import { selectRanks } from './select';

/**
 * Reference-quantile bins for numeric drift. Edge i (1 ≤ i < bins) is the order statistic
 * x₍⌊i·n/bins⌋₎ of the reference (0-based), duplicates dropped; a value goes in the bin of the
 * number of edges ≤ it, so bins are (−∞, e₁), [e₁, e₂), …, [e_last, ∞). Tied data thus gets
 * fewer, wider bins rather than empty ones between equal edges. One bin can still be empty in
 * the reference: the first, when the smallest value alone fills a bin's share (psi.ts floors
 * proportions for that). An empty reference has no edges (one bin).
 */

/**
 * Edges from a reference sample already sorted ascending.
 *
 * @example
 * quantileEdgesSorted(new Float64Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 4); // [3, 6, 8]
 */
export function quantileEdgesSorted(sorted: Float64Array, bins = 10): Float64Array {
  const n = sorted.length;
  const edges: number[] = [];
  if (n === 0) return new Float64Array(0);
  for (let i = 1; i < bins; i++) {
    const edge = sorted[Math.floor((i * n) / bins)]!;
    if (edges.length === 0 || edge !== edges[edges.length - 1]) edges.push(edge);
  }
  return Float64Array.from(edges);
}

/**
 * The same edges from an unsorted sample, without sorting it: count it into order-preserving
 * buckets, then select the wanted ranks among the values of the few buckets that hold them.
 *
 * @example
 * quantileEdges([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 4); // [3, 6, 8]
 */
export function quantileEdges(sample: Sample, bins = 10): Float64Array {
  const n = sample.length;
  if (n === 0) return new Float64Array(0);
  const ranks: number[] = [];
  for (let i = 1; i < bins; i++) ranks.push(Math.floor((i * n) / bins));
  let values: Float64Array;
  let local: number[];
  if (n < 20_000) {
    values = sample instanceof Float64Array ? sample.slice() : new Float64Array(sample);
    local = ranks;
  } else {
    const { low, high } = valueRange(sample);
    const buckets = linearBuckets(low, high, Math.min(1 << 20, n >>> 3));
    const counts = bucketCounts(buckets, sample);
    // Mark the buckets that hold a wanted rank. The gathered values are those buckets' values in
    // bucket order, so a rank there is the global rank less the values of unmarked buckets before.
    const marked = new Uint8Array(buckets.count);
    local = [];
    let seen = 0;
    let unmarked = 0;
    for (let k = 0; k < buckets.count && local.length < ranks.length; k++) {
      while (local.length < ranks.length && ranks[local.length]! < seen + counts[k]!) {
        local.push(ranks[local.length]! - unmarked);
        marked[k] = 1;
      }
      if (!marked[k]) unmarked += counts[k]!;
      seen += counts[k]!;
    }
    values = gatherMarked(buckets, sample, counts, marked).values;
  }
  selectRanks(values, local);
  const edges: number[] = [];
  for (const rank of local) {
    const edge = values[rank]!;
    if (edges.length === 0 || edge !== edges[edges.length - 1]) edges.push(edge);
  }
  return Float64Array.from(edges);
}

/**
 * Counts per bin: bin k holds the values with exactly k edges ≤ them (numpy.searchsorted with
 * side='right'), so `edges.length + 1` bins.
 *
 * @example
 * binCounts([0, 3, 5, 9], new Float64Array([3, 6])); // [1, 2, 1]
 */
export function binCounts(values: Sample, edges: Float64Array): Float64Array {
  const last = edges.length;
  const counts = new Int32Array(last + 1);
  if (last === 0) {
    counts[0] = values.length;
    return Float64Array.from(counts);
  }
  // A table over order-preserving buckets between the first and last edge gives the bin of
  // any bucket no edge falls in; only values in an edge's own bucket need the binary search.
  const buckets = linearBuckets(edges[0]!, edges[last - 1]!, Math.max(64, 64 * last));
  const table = new Int32Array(buckets.count).fill(-1);
  let bin = 0;
  for (let k = 0; k < buckets.count; k++) {
    let straddled = false;
    while (bin < last && bucketOf(buckets, edges[bin]!) <= k) {
      straddled ||= bucketOf(buckets, edges[bin]!) === k;
      bin++;
    }
    if (!straddled) table[k] = bin;
  }
  const first = edges[0]!;
  const top = edges[last - 1]!;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    let b: number;
    if (x < first) b = 0;
    else if (x >= top) b = last;
    else {
      b = table[bucketOf(buckets, x)]!;
      if (b < 0) {
        let low = 0;
        let high = last;
        while (low < high) {
          const mid = (low + high) >>> 1;
          if (x >= edges[mid]!) low = mid + 1;
          else high = mid;
        }
        b = low;
      }
    }
    counts[b]!++;
  }
  return Float64Array.from(counts);
}

export type Category = string | number | boolean;

/**
 * Counts per category over both samples, categories in order of first appearance (reference
 * first), so a category seen in only one window still has its zero on the other side.
 *
 * @example
 * categoryCounts(['a', 'b', 'a'], ['b', 'c']);
 * // { categories: ['a', 'b', 'c'], reference: [2, 1, 0], current: [0, 1, 1] }
 */
export function categoryCounts(
  reference: readonly Category[],
  current: readonly Category[],
): { categories: Category[]; reference: Float64Array; current: Float64Array } {
  const index = new Map<Category, number>();
  for (const sample of [reference, current])
    for (const value of sample) if (!index.has(value)) index.set(value, index.size);
  const tally = (sample: readonly Category[]) => {
    const counts = new Float64Array(index.size);
    for (const value of sample) counts[index.get(value)!]! += 1;
    return counts;
  };
  return { categories: [...index.keys()], reference: tally(reference), current: tally(current) };
}

/**
 * Order-preserving buckets over a value range: bucket(x) = min(count − 1, ⌊(x − low)·scale⌋).
 * Every step is monotone under rounding, so x ≤ y implies bucket(x) ≤ bucket(y), and equal
 * values share a bucket. That lets one counting pass stand in for a sort wherever only a few
 * buckets need looking into (the KS statistic, quantile edges, binning).
 */
export interface LinearBuckets {
  low: number;
  scale: number;
  count: number;
}

/**
 * Buckets spanning [low, high]; a range that is empty or overflows gets scale 0 (one bucket
 * holds everything, which stays correct, only slower).
 *
 * @example
 * const b = linearBuckets(0, 10, 5);
 * bucketOf(b, 4.5); // 2
 */
export function linearBuckets(low: number, high: number, count: number): LinearBuckets {
  const scale = count / (high - low);
  return { low, scale: high > low && Number.isFinite(scale) ? scale : 0, count };
}

export function bucketOf(buckets: LinearBuckets, x: number): number {
  const k = Math.floor((x - buckets.low) * buckets.scale);
  return k < buckets.count ? (k > 0 ? k : 0) : buckets.count - 1;
}

/** Smallest and largest value of one or more samples. */
export function valueRange(...samples: ArrayLike<number>[]): { low: number; high: number } {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const sample of samples) {
    for (let i = 0; i < sample.length; i++) {
      const x = sample[i]!;
      if (x < low) low = x;
      if (x > high) high = x;
    }
  }
  return { low, high };
}

/** Counts per bucket (Int32Array) of one sample. */
export function bucketCounts(buckets: LinearBuckets, sample: ArrayLike<number>): Int32Array {
  const counts = new Int32Array(buckets.count);
  const { low, scale, count } = buckets;
  const last = count - 1;
  for (let i = 0; i < sample.length; i++) {
    const k = Math.floor((sample[i]! - low) * scale);
    counts[k < count ? (k > 0 ? k : 0) : last]!++;
  }
  return counts;
}

/**
 * The values of a sample that fall in the marked buckets, grouped by bucket: `values` holds
 * them, bucket k's from `start[k]` to `start[k + 1]` (unmarked buckets are empty).
 */
export function gatherMarked(
  buckets: LinearBuckets,
  sample: ArrayLike<number>,
  counts: Int32Array,
  marked: Uint8Array,
): { values: Float64Array; start: Int32Array } {
  const start = new Int32Array(buckets.count + 1);
  for (let k = 0; k < buckets.count; k++) start[k + 1] = start[k]! + (marked[k] ? counts[k]! : 0);
  const values = new Float64Array(start[buckets.count]!);
  const fill = start.slice(0, buckets.count);
  for (let i = 0; i < sample.length; i++) {
    const x = sample[i]!;
    const k = bucketOf(buckets, x);
    if (marked[k]) values[fill[k]!++] = x;
  }
  return { values, start };
}

import { assertFiniteSample, type Sample, sortedCopy } from './sample';

/**
 * First Wasserstein (earth mover's) distance between two samples, ∫ |F_u − F_v|, matching
 * scipy.stats.wasserstein_distance(u, v): in the units of the data, so "the mean moved by 0.3"
 * reads as 0.3. Sorts copies of both samples (O(n log n)); throws on an empty sample or a
 * value that is not finite.
 *
 * @example
 * wasserstein([0, 1, 3], [5, 6, 8]); // 5
 */
export function wasserstein(u: Sample, v: Sample): number {
  assertFiniteSample(u, 'first sample');
  assertFiniteSample(v, 'second sample');
  return wassersteinSorted(sortedCopy(u), sortedCopy(v));
}

/**
 * The same on samples already sorted ascending: one merge, summing |F_u − F_v| times the gap to
 * the next value (compensated, so a million terms keep full precision).
 *
 * @example
 * wassersteinSorted(new Float64Array([0, 1]), new Float64Array([2, 3])); // 2
 */
export function wassersteinSorted(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  const m = b.length;
  let i = 0;
  let j = 0;
  let sum = 0;
  let compensation = 0;
  let value = j >= m || (i < n && a[i]! <= b[j]!) ? a[i]! : b[j]!;
  while (i < n || j < m) {
    while (i < n && a[i] === value) i++;
    while (j < m && b[j] === value) j++;
    if (i >= n && j >= m) break;
    const next = j >= m || (i < n && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    const term = Math.abs(i / n - j / m) * (next - value);
    const t = sum + term;
    compensation += sum >= term ? sum - t + term : term - t + sum;
    sum = t;
    value = next;
  }
  return sum + compensation;
}

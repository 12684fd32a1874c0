/** A numeric sample: a typed array for large data, a plain array for convenience. */
export type Sample = Float64Array | readonly number[];

/**
 * A sorted copy of a sample as a Float64Array (the input is left untouched). Typed-array sort
 * is numeric and runs natively, with no per-element allocation.
 *
 * @example
 * sortedCopy([3, 1, 2]); // Float64Array [1, 2, 3]
 */
export function sortedCopy(sample: Sample): Float64Array {
  const copy = sample instanceof Float64Array ? sample.slice() : new Float64Array(sample);
  return copy.sort();
}

/** Throws when a sample is empty or holds a value that is not finite; the tests need both. */
export function assertFiniteSample(sample: Sample, name: string): void {
  if (sample.length === 0) throw new RangeError(`${name} is empty`);
  for (let i = 0; i < sample.length; i++) {
    if (!Number.isFinite(sample[i]!)) throw new RangeError(`${name}[${i}] is not a finite number`);
  }
}

/**
 * `size` evenly spaced order statistics of a sample sorted ascending, at ranks ⌊(i + ½)·n/size⌋:
 * a summary of its distribution that keeps both tails (the whole sample when it holds no more
 * than `size` values). Drift keeps one of the reference period instead of all its values.
 * Its distribution function is within 1/(2·size) of the sample's at every x: with c of the n
 * values ≤ x, the summary holds ⌈c·size/n − ½⌉ of its own ≤ x.
 *
 * @example
 * quantileSample(new Float64Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 5); // Float64Array [2, 4, 6, 8, 10]
 */
export function quantileSample(sorted: Float64Array, size: number): Float64Array {
  const n = sorted.length;
  if (n <= size) return sorted.slice();
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) out[i] = sorted[Math.floor(((i + 0.5) * n) / size)]!;
  return out;
}

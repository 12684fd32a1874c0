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

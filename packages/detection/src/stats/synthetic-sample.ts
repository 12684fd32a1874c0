import { mulberry32 } from '../random';

/**
 * Seeded synthetic samples whose every value is exact in binary floating point (sums of
 * mulberry32 outputs, which are multiples of 2⁻³²), so the fixture script regenerates the very
 * same numbers in Python and large cases need not be stored in the fixtures.
 */
export type SyntheticSpec =
  /** shift + scale · (u₁ + u₂ + u₃ + u₄ − 2): bell-shaped on [shift − 2·scale, shift + 2·scale]. */
  | { kind: 'smooth'; seed: number; n: number; shift: number; scale: number }
  /** shift + ⌊levels · (u₁ + u₂) / 2⌋: triangular integers, heavily tied. */
  | { kind: 'discrete'; seed: number; n: number; shift: number; levels: number };

/**
 * Draws the sample a spec describes.
 *
 * @example
 * synthetic({ kind: 'discrete', seed: 1, n: 3, shift: 0, levels: 4 }); // three integers in 0…3
 */
export function synthetic(spec: SyntheticSpec): Float64Array {
  const random = mulberry32(spec.seed);
  const out = new Float64Array(spec.n);
  for (let i = 0; i < spec.n; i++) {
    if (spec.kind === 'smooth') {
      const sum = random() + random() + random() + random();
      out[i] = spec.shift + spec.scale * (sum - 2);
    } else {
      out[i] = spec.shift + Math.floor((spec.levels * (random() + random())) / 2);
    }
  }
  return out;
}

/**
 * A fixture's stored sample: inline values, or the synthetic spec to regenerate.
 *
 * @example
 * materialise([1, 2, 3]); // Float64Array [1, 2, 3]
 */
export function materialise(stored: readonly number[] | SyntheticSpec): Float64Array {
  return Array.isArray(stored) ? Float64Array.from(stored) : synthetic(stored as SyntheticSpec);
}

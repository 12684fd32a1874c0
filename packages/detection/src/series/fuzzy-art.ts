/**
 * A category memory in the manner of fuzzy ART (Carpenter, Grossberg & Rosen 1991) with two
 * vigilance levels, as ARTime (Hampton 2021, NAB's best published detector) uses it. Inputs are
 * feature vectors in [0, 1], complement-coded (x, 1 − x) so a category is a box: its weight is
 * the element-wise minimum of everything it has absorbed. An input that matches a category at
 * or above the upper vigilance refines it; otherwise the input becomes a category of its own,
 * and if it matched nothing even at the lower vigilance it is *novel*: the series did something
 * its memory has no place for.
 */
export interface ArtMemory {
  /** Complement-coded weights, one per category. */
  categories: number[][];
  lower: number;
  upper: number;
}

export function createMemory(vigilance: number): ArtMemory {
  return { categories: [], lower: vigilance, upper: vigilance };
}

/** (x, 1 − x): the code fuzzy ART needs so that shrinking a weight never loses information. */
export function complementCode(features: readonly number[]): number[] {
  return [...features, ...features.map((x) => 1 - x)];
}

/**
 * How well a coded input fits one category, in [0, 1]. The fit of the whole vector, cubed, times
 * the fit of its *value* part (the last feature and its complement), squared: ARTime's weighting,
 * which lets a window of the right shape at the wrong level still count as a poor match.
 */
export function matchOf(category: readonly number[], coded: readonly number[]): { match: number; value: number } {
  let overlap = 0;
  let size = 0;
  for (let k = 0; k < coded.length; k++) {
    overlap += Math.min(coded[k]!, category[k]!);
    size += category[k]!;
  }
  const whole = overlap / (size === 0 ? 0.001 : size);
  const v = coded.length / 2 - 1;
  const c = coded.length - 1;
  const valueSize = category[v]! + category[c]!;
  // A category that has seen both ends of the range keeps no value: it fits no value either.
  const value =
    valueSize === 0 ? 0 : (Math.min(coded[v]!, category[v]!) + Math.min(coded[c]!, category[c]!)) / valueSize;
  return { match: whole ** 3 * value ** 2, value };
}

export interface Presentation {
  memory: ArtMemory;
  /** The best match over all categories (0 with none) and its value fit. */
  best: number;
  bestValue: number;
  novel: boolean;
}

/**
 * Categories kept at most. A stream runs for months; past this, the one that has gone longest
 * without absorbing anything is forgotten (NAB's longest file needs about 260).
 */
export const MAX_CATEGORIES = 1000;

/**
 * Presents one input: every category that resonates (match ≥ upper) absorbs it; with none, the
 * input is kept as a new category, novel when even the best match was below the lower vigilance.
 * Categories are kept least recently used first (the result does not depend on their order).
 *
 * @example
 * const { memory, novel } = present(createMemory(0.8), complementCode([0.2, 0.9])); // novel: true
 */
export function present(memory: ArtMemory, coded: readonly number[]): Presentation {
  let best = 0;
  let bestValue = 0;
  const idle: number[][] = [];
  const absorbed: number[][] = [];
  for (const category of memory.categories) {
    const { match, value } = matchOf(category, coded);
    if (match > best) {
      best = match;
      bestValue = value;
    }
    if (match >= memory.upper) absorbed.push(category.map((w, k) => Math.min(w, coded[k]!)));
    else idle.push(category);
  }
  const resonated = absorbed.length > 0;
  const categories = [...idle, ...absorbed, ...(resonated ? [] : [[...coded]])].slice(-MAX_CATEGORIES);
  return { memory: { ...memory, categories }, best, bestValue, novel: !resonated && best < memory.lower };
}

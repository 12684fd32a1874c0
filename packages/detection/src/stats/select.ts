/**
 * Puts the values of the given ranks (0-based, ascending) at those indices of `a`, everything
 * smaller before and larger after, as numpy.partition does.
 *
 * @example
 * const a = new Float64Array([5, 1, 4, 2, 3]);
 * selectRanks(a, [1, 3]); // a[1] === 2, a[3] === 4
 */
export function selectRanks(a: Float64Array, ranks: readonly number[]): void {
  if (a.length > 0 && ranks.length > 0) selectRange(a, 0, a.length - 1, ranks, 0, ranks.length, { seed: 0x9e3779b9 });
}

/**
 * Puts the values of the given ranks (sorted ascending) in place: a quickselect that recurses
 * only into the parts that still hold a wanted rank, with a three-way partition so heavily tied
 * data does not degrade it.
 */
function selectRange(
  a: Float64Array,
  lo0: number,
  hi0: number,
  ranks: readonly number[],
  r0: number,
  r1: number,
  state: { seed: number },
): void {
  let lo = lo0;
  const hi = hi0;
  let rLo = r0;
  while (rLo < r1 && hi > lo) {
    if (hi - lo < 24) {
      insertionSort(a, lo, hi);
      return;
    }
    // Pseudo-random pivots (a fixed-seed xorshift), so sorted or organ-pipe input stays linear.
    const pick = () => lo + (xorshift(state) % (hi - lo + 1));
    const pivot = medianOfThree(a[pick()]!, a[pick()]!, a[pick()]!);
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const v = a[i]!;
      if (v < pivot) {
        a[i++] = a[lt]!;
        a[lt++] = v;
      } else if (v > pivot) {
        a[i] = a[gt]!;
        a[gt--] = v;
      } else i++;
    }
    // [lo, lt) < pivot, [lt, gt] = pivot, (gt, hi] > pivot.
    let split = rLo;
    while (split < r1 && ranks[split]! < lt) split++;
    if (split > rLo) selectRange(a, lo, lt - 1, ranks, rLo, split, state);
    while (split < r1 && ranks[split]! <= gt) split++;
    rLo = split;
    lo = gt + 1;
  }
}

function xorshift(state: { seed: number }): number {
  let x = state.seed;
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  state.seed = x >>> 0;
  return state.seed;
}

function insertionSort(a: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i <= hi; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= lo && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
}

function medianOfThree(x: number, y: number, z: number): number {
  return x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
}

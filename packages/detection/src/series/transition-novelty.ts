/**
 * A raw "prediction error" in [0, 1] for a series, in the spirit of Numenta's HTM but countable:
 * values are cut into a few equal bins over the range seen while learning (values beyond it get
 * bins of their own), and for several (resolution, order) pairs we ask whether this bin has ever
 * followed the last `order` bins before. The raw score is the share of pairs for which it has
 * not. Coarse bins with long contexts notice a changed shape; fine bins with short ones notice
 * a new level. Nothing is forgotten, so only what is new for this series scores.
 */
export interface Resolution {
  bins: number;
  order: number;
}

/** The resolutions of Firebreak's series detector: 4 bins with three values of context, 8 with two, 16 with one. */
export const RESOLUTIONS: readonly Resolution[] = [
  { bins: 4, order: 3 },
  { bins: 8, order: 2 },
  { bins: 16, order: 1 },
];

export interface TransitionState {
  /** Bottom of the learnt range and the bin width at each resolution. */
  low: number;
  widths: number[];
  /** The last values, as many as the longest context. */
  last: number[];
  /** Transitions seen at each resolution, keyed "context bins>bin". */
  seen: Array<Record<string, 1>>;
}

/** A model for values learnt to lie in [low, high]; a flat learning range gets bins as wide as the value's size. */
export function createTransitions(
  low: number,
  high: number,
  resolutions: readonly Resolution[] = RESOLUTIONS,
): TransitionState {
  const span = high > low ? high - low : Math.abs(low) || 1;
  return { low, widths: resolutions.map((r) => span / r.bins), last: [], seen: resolutions.map(() => ({})) };
}

/**
 * Scores one value against what has followed its context before, then remembers it.
 *
 * @example
 * const { state, raw } = updateTransitions(createTransitions(0, 100), 42); // raw 1: all new
 */
export function updateTransitions(
  state: TransitionState,
  value: number,
  resolutions: readonly Resolution[] = RESOLUTIONS,
): { state: TransitionState; raw: number } {
  let novel = 0;
  let pairs = 0;
  const seen = state.seen.map((table, r) => {
    const { order } = resolutions[r]!;
    const width = state.widths[r]!;
    const bin = (x: number) => Math.floor((x - state.low) / width);
    let next = table;
    for (let k = 1; k <= order; k++) {
      pairs++;
      // Too little history for this context yet: everything is new.
      if (state.last.length < k) {
        novel++;
        continue;
      }
      const key = `${state.last.slice(-k).map(bin).join(',')}>${bin(value)}`;
      if (next[key] === undefined) {
        novel++;
        next = next === table ? { ...table } : next;
        next[key] = 1;
      }
    }
    return next;
  });
  const longest = Math.max(...resolutions.map((r) => r.order));
  return { state: { ...state, last: [...state.last, value].slice(-longest), seen }, raw: novel / pairs };
}

/**
 * The feature vectors the resonance channel (resonance.ts) remembers, after ARTime (Hampton
 * 2021). The series is cut into blocks so that every series, whatever its sampling rate, shows
 * the learning period as about 13 windows of 8 blocks; a block is summarised by its mean, or by
 * its extreme when that stands out, so a one-row spike survives. Block values are scaled to
 * [0, 1] over a range, quantised to 80 levels and pulled to the running median when within 0.075
 * of it (noise near the usual level is not a new shape). A feature vector is the last 8 levels
 * plus their shape: the window stretched to [0, 1], Haar-transformed, stretched again.
 *
 * ARTime scales with the whole file's minimum and maximum (NAB hands every detector those);
 * we cannot look ahead, so the range is the learning period's, widened by a margin, and widened
 * again whenever a block falls outside it. Widening is an affine map of [0, 1] onto a smaller
 * interval, and the minimum commutes with it, so remembered categories are remapped exactly.
 */
export const WINDOW = 8;
const WINDOWS_PER_LEARNING = 13;
const LEVELS = 80;
const SNAP = 0.075;
/** A block's extreme replaces its mean only when it is at least this share of the mean away. */
const SPIKE = 0.1;

/** Rows per block: the learning period spans about 13 windows of 8 blocks. */
export function blockSize(learning: number): number {
  return Math.max(1, Math.floor(learning / (WINDOW * WINDOWS_PER_LEARNING)));
}

export interface FeatureState {
  block: number[];
  /** Smoothed block mean, to tell which extreme of a block stands out. */
  drift: number | null;
  low: number;
  high: number;
  /** Counts of block values on a fixed grid (origin and step), for the running median. */
  grid: { origin: number; step: number; counts: Record<string, number>; n: number };
  /** The last levels, scaled to the current range. */
  window: number[];
}

export function createFeatures(learnt: readonly number[], margin: number): FeatureState {
  const min = Math.min(...learnt);
  const max = Math.max(...learnt);
  const pad = (max - min) * margin;
  const step = (max > min ? max - min + 2 * pad : Math.abs(min) || 1) / LEVELS;
  return {
    block: [],
    drift: null,
    low: min - pad,
    high: max + pad,
    grid: { origin: min - pad, step, counts: {}, n: 0 },
    window: [],
  };
}

/** The affine map that widening [low, high] to [low2, high2] applies to scaled values. */
export interface Rescale {
  scale: number;
  shift: number;
}

export interface FeatureStep {
  state: FeatureState;
  /** Features when a block closed and the window is full; null when it closed with a short window; undefined mid-block. */
  features?: number[] | null;
  rescale?: Rescale;
}

/**
 * Adds one row; when it closes a block, returns the block's features (and the rescale, if the
 * block widened the range, for the memory to apply).
 *
 * @example
 * let state = createFeatures(learnt, 0.35);
 * const step = updateFeatures(state, 42, blockSize(750)); // step.features once a block closes
 */
export function updateFeatures(state: FeatureState, value: number, size: number): FeatureStep {
  const block = [...state.block, value];
  if (block.length < size) return { state: { ...state, block } };
  const mean = block.reduce((a, b) => a + b, 0) / size;
  const drift = state.drift === null ? mean : (state.drift + mean) / 2;
  const max = Math.max(...block);
  const min = Math.min(...block);
  let x = Math.abs(max - drift) < Math.abs(min - drift) ? min : max;
  if (Math.abs(x - mean) < SPIKE * mean) x = mean;

  let { low, high, window } = state;
  let rescale: Rescale | undefined;
  if (x < low || x > high) {
    const low2 = Math.min(low, x);
    const high2 = Math.max(high, x);
    rescale = { scale: (high - low) / (high2 - low2), shift: (low - low2) / (high2 - low2) };
    const { scale, shift } = rescale;
    window = window.map((w) => scale * w + shift);
    low = low2;
    high = high2;
  }
  const grid = withValue(state.grid, x);
  const level = Math.round(scaled(x, low, high) * LEVELS) / LEVELS;
  const median = Math.round(scaled(medianOf(grid), low, high) * LEVELS) / LEVELS;
  const snapped = Math.abs(level - median) < SNAP ? median : level;
  window = [...window, snapped].slice(-WINDOW);
  const next: FeatureState = { block: [], drift, low, high, grid, window };
  const features = window.length < WINDOW ? null : [...stretch(haar(stretch(window))), ...window];
  return rescale ? { state: next, features, rescale } : { state: next, features };
}

function scaled(x: number, low: number, high: number): number {
  return high > low ? (x - low) / (high - low) : 0;
}

function withValue(grid: FeatureState['grid'], x: number): FeatureState['grid'] {
  const key = String(Math.round((x - grid.origin) / grid.step));
  return { ...grid, counts: { ...grid.counts, [key]: (grid.counts[key] ?? 0) + 1 }, n: grid.n + 1 };
}

/** The lower median of the values counted, at the grid's resolution. */
function medianOf(grid: FeatureState['grid']): number {
  const cells = Object.entries(grid.counts)
    .map(([k, n]) => [Number(k), n] as const)
    .sort((a, b) => a[0] - b[0]);
  let seen = 0;
  for (const [cell, n] of cells) {
    seen += n;
    if (2 * seen >= grid.n) return grid.origin + cell * grid.step;
  }
  return grid.origin;
}

/** Shifts and scales to [0, 1]; a flat window stays at 0. */
function stretch(values: readonly number[]): number[] {
  const min = Math.min(...values);
  const span = Math.max(...values) - min;
  return values.map((v) => (span === 0 ? 0 : (v - min) / span));
}

/** The full orthonormal Haar transform of a power-of-two window: overall mean, then details coarse to fine. */
export function haar(values: readonly number[]): number[] {
  let approx = [...values];
  const details: number[][] = [];
  while (approx.length > 1) {
    const next: number[] = [];
    const detail: number[] = [];
    for (let i = 0; i < approx.length; i += 2) {
      next.push((approx[i]! + approx[i + 1]!) / Math.SQRT2);
      detail.push((approx[i]! - approx[i + 1]!) / Math.SQRT2);
    }
    details.unshift(detail);
    approx = next;
  }
  return [...approx, ...details.flat()];
}

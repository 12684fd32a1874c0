import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

/**
 * In-control average run lengths (windows until a false alarm) of control-chart rules on
 * standardised window aggregates, and the calibrations that meet a false-alarm budget.
 */

/** Expected trials until `k` consecutive successes of probability `q` (exact, for iid trials). */
export function runLength(q: number, k: number): number {
  if (q <= 0) return Infinity;
  return (1 - q ** k) / ((1 - q) * q ** k);
}

/** ARL of "k consecutive windows beyond ±c σ on the same side" (the two sides combined as competing alarms). */
export function shewhartArl(c: number, k: number): number {
  const q = 1 - normalCdf(c, 0, 1);
  return runLength(q, k) / 2;
}

/** The fewest consecutive windows beyond ±c σ that keep false alarms at least `windows` apart. */
export function shewhartRun(c: number, windows: number): number {
  let k = 1;
  while (shewhartArl(c, k) < windows && k < 50) k++;
  return k;
}

/**
 * Solves (I − Q) x = 1 by Gauss–Jordan elimination with partial pivoting; returns x. The
 * augmented matrix is one flat Float64Array (rows swapped by index), which calibration runs
 * thousands of times: the same operations in the same order as on nested arrays, so the same
 * bits, at a fraction of the time and garbage.
 */
function absorbing(q: readonly (readonly number[])[]): number[] {
  const n = q.length;
  const stride = n + 1;
  const a = new Float64Array(n * stride);
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const row = q[i]!;
    const base = i * stride;
    for (let j = 0; j < n; j++) a[base + j] = (i === j ? 1 : 0) - row[j]!;
    a[base + n] = 1;
    rows[i] = base;
  }
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[rows[r]! + col]!) > Math.abs(a[rows[pivot]! + col]!)) pivot = r;
    const swap = rows[col]!;
    rows[col] = rows[pivot]!;
    rows[pivot] = swap;
    const top = rows[col]!;
    const diagonal = a[top + col]!;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = rows[r]!;
      const f = a[row + col]! / diagonal;
      if (f !== 0) for (let c = col; c <= n; c++) a[row + c]! -= f * a[top + c]!;
    }
  }
  const x = new Array<number>(n);
  for (let i = 0; i < n; i++) x[i] = a[rows[i]! + n]! / a[rows[i]! + i]!;
  return x;
}

const STATES = 81;

/**
 * The standard normal CDF, remembered by argument for one chain's transition matrix: a cell's
 * upper edge is mostly, to the bit, the next cell's lower edge (and on a CUSUM grid the same
 * differences recur from row to row), so a matrix of 13,000 edges has only 600 to 4,700
 * distinct ones. The same argument gives the same bits, so the matrix is unchanged; calibration,
 * which builds it thousands of times, spends far less time in erfc.
 */
function standardNormalCdf(): (x: number) => number {
  const known = new Map<number, number>();
  return (x) => {
    let p = known.get(x);
    if (p === undefined) {
      p = normalCdf(x, 0, 1);
      known.set(x, p);
    }
    return p;
  };
}

/**
 * EWMA chart ARL by the Markov-chain method (Lucas & Saccucci 1990): the in-control band
 * ±L·sqrt(λ/(2−λ)) is cut into cells and the statistic's moves between them computed exactly.
 */
export function ewmaArl(lambda: number, L: number): number {
  const h = L * Math.sqrt(lambda / (2 - lambda));
  const width = (2 * h) / STATES;
  const mid = (i: number) => -h + (i + 0.5) * width;
  const cdf = standardNormalCdf();
  const q = Array.from({ length: STATES }, (_, i) =>
    Array.from({ length: STATES }, (_, j) => {
      const from = (1 - lambda) * mid(i);
      const lo = (mid(j) - width / 2 - from) / lambda;
      const hi = (mid(j) + width / 2 - from) / lambda;
      return cdf(hi) - cdf(lo);
    }),
  );
  return absorbing(q)[(STATES - 1) / 2]!;
}

/**
 * One-sided CUSUM ARL by Brook & Evans' Markov chain, starting from zero; the two-sided
 * chart's ARL combines both sides as 1/ARL = 1/ARL⁺ + 1/ARL⁻ (they are symmetric here).
 */
export function cusumArl(k: number, h: number, shift = 0): number {
  const width = h / (STATES - 0.5);
  const mid = (i: number) => (i === 0 ? 0 : i * width);
  const cdf = standardNormalCdf();
  const q = Array.from({ length: STATES }, (_, i) =>
    Array.from({ length: STATES }, (_, j) => {
      const from = mid(i) - k + shift;
      if (j === 0) return cdf(width / 2 - from);
      return cdf(mid(j) + width / 2 - from) - cdf(mid(j) - width / 2 - from);
    }),
  );
  const oneSided = absorbing(q)[0]!;
  return shift === 0 ? oneSided / 2 : oneSided;
}

/** The smallest parameter in [low, high] whose ARL reaches `windows`, by bisection (ARL grows with it). */
export function calibrate(arl: (x: number) => number, windows: number, low: number, high: number): number {
  for (let i = 0; i < 50; i++) {
    const mid = (low + high) / 2;
    if (arl(mid) < windows) low = mid;
    else high = mid;
  }
  return high;
}

const limits = new Map<string, number>();

/**
 * The CUSUM decision interval h (in σ, allowance `k`) whose in-control ARL as `cusumArl(k, h)`
 * gives it (both sides together, Brook–Evans) reaches `windows`; memoised per 2 significant
 * digits of `windows`, since the engine asks for the same few budgets on every window.
 *
 * @example
 * cusumLimit(8640); // ≈ 7.9: with k = 0.5, a false alarm about once a month of 5-minute windows
 */
export function cusumLimit(windows: number, k = 0.5): number {
  const rounded = Number(windows.toPrecision(2));
  const key = `${k}:${rounded}`;
  let h = limits.get(key);
  if (h === undefined) {
    // Bracket first by doubling: the Markov chain loses precision at limits far beyond the
    // answer, so a bisection over a wide interval can land on a spurious one.
    let high = 0.5;
    while (high < 64 && cusumArl(k, high) < rounded) high *= 2;
    h = calibrate((x) => cusumArl(k, x), rounded, high / 2, high);
    limits.set(key, h);
  }
  return h;
}

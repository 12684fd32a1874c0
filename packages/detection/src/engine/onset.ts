/**
 * Change points and onsets from one penalised model: a series is piecewise constant in mean
 * with Gaussian noise of one variance, and a segmentation costs its squared error in units of
 * that variance, plus MBIC's ln(length) per segment and 3·ln(n) per change (Zhang & Siegmund
 * 2007, as R's changepoint package applies it). `changePoints` finds the cheapest segmentation
 * exactly (optimal partitioning with PELT's pruning, Killick et al. 2012); `estimateOnsetIndex`
 * asks the same model where the regime that alerted began.
 */

export interface ChangePointOptions {
  /** Shortest segment the penalised search may cut, in points (default 1). */
  minSegment?: number;
  /** Cost of one change, in units of the noise variance (default MBIC's 3·ln n). */
  penalty?: number;
  /**
   * How the noise variance is estimated: from the whole series (`global`, the default: what
   * TCPDBench's changepoint runs use, by standardising first), or robustly from first
   * differences (`differences`: 1.4826·MAD(Δx)/√2, blind to the shifts themselves).
   */
  noise?: 'global' | 'differences';
}

interface Model {
  n: number;
  cost: (start: number, end: number) => number;
  penalty: number;
  minSegment: number;
}

function variance(values: readonly number[], noise: ChangePointOptions['noise']): number {
  const n = values.length;
  if (noise === 'differences' && n > 2) {
    const diffs = values.slice(1).map((v, i) => v - values[i]!);
    const mad = median(diffs.map((d) => Math.abs(d - median(diffs))));
    const robust = ((1.4826 * mad) / Math.SQRT2) ** 2;
    if (robust > 0) return robust;
  }
  const mean = values.reduce((sum, v) => sum + v, 0) / n;
  return values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / Math.max(1, n - 1);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function modelOf(values: readonly number[], options: ChangePointOptions): Model {
  const n = values.length;
  const sums = new Float64Array(n + 1);
  const squares = new Float64Array(n + 1);
  // Centring first keeps the prefix sums of squares from cancelling on large-valued series.
  const centre = n === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / n;
  for (let i = 0; i < n; i++) {
    const v = values[i]! - centre;
    sums[i + 1] = sums[i]! + v;
    squares[i + 1] = squares[i]! + v * v;
  }
  // A constant series has no noise to measure: any scale gives no change points.
  const scale = variance(values, options.noise) || 1;
  const cost = (start: number, end: number) => {
    const length = end - start;
    const sum = sums[end]! - sums[start]!;
    const error = Math.max(0, squares[end]! - squares[start]! - (sum * sum) / length);
    return error / scale + Math.log(length);
  };
  return {
    n,
    cost,
    penalty: options.penalty ?? 3 * Math.log(Math.max(n, 1)),
    minSegment: Math.max(1, options.minSegment ?? 1),
  };
}

/**
 * best[t]: the cheapest penalised segmentation of the first t points (Infinity if none has
 * segments that long); last[t]: where its final segment starts.
 */
function optimalPartition({ n, cost, penalty, minSegment }: Model): { best: Float64Array; last: Int32Array } {
  const best = new Float64Array(n + 1).fill(Infinity);
  const last = new Int32Array(n + 1);
  best[0] = -penalty;
  // Splitting a segment lowers its squared error but can raise the ln(length) terms by at most
  // ln n, so a start that is ln n worse than the best at t can never win once a segment can
  // start at t (PELT's pruning, with its K = −ln n).
  const slack = Math.log(Math.max(n, 1));
  let candidates: Array<{ start: number; expires: number }> = [{ start: 0, expires: Infinity }];
  for (let t = minSegment; t <= n; t++) {
    candidates = candidates.filter((c) => c.expires > t);
    for (const c of candidates) {
      if (t - c.start < minSegment) continue;
      const total = best[c.start]! + cost(c.start, t) + penalty;
      if (total < best[t]!) {
        best[t] = total;
        last[t] = c.start;
      }
    }
    for (const c of candidates) {
      if (c.expires === Infinity && t - c.start >= minSegment && best[c.start]! + cost(c.start, t) - slack > best[t]!)
        c.expires = t + minSegment;
    }
    const next = t + 1 - minSegment;
    if (next >= minSegment) candidates.push({ start: next, expires: Infinity });
  }
  return { best, last };
}

/**
 * The change points of a whole series, ascending: each the index of the first point of a new
 * segment, never 0.
 *
 * @example changePoints([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 5, 5, 5, 5, 5, 5, 5, 5, 5, 4]) // [10]
 */
export function changePoints(values: readonly number[], options: ChangePointOptions = {}): number[] {
  const model = modelOf(values, options);
  if (model.n < 2 * model.minSegment) return [];
  const { last } = optimalPartition(model);
  const cuts: number[] = [];
  for (let t = model.n; t > 0; t = last[t]!) if (last[t]! > 0) cuts.push(last[t]!);
  return cuts.reverse();
}

/**
 * When did the change begin? For a series that just alerted, the start of its final segment
 * under the same model as `changePoints`, with that final change forced (the alert is the
 * evidence for it) and no later than the first window of the current alert run, since by then
 * it had begun: the s ≤ firstAlerting minimising best[s] + cost(s, n). When no earlier change
 * pays its penalty this is the single most likely shift in mean, the CUSUM estimator (up to
 * MBIC's ln(length) terms, worth a few points of squared error); an earlier change that does
 * pay is segmented away, so an old shift no longer pulls the estimate back to it. The noise
 * scale is the whole history's by default, so an earlier shift much larger than the current
 * one can still hide it when the current one has only a few windows.
 */
export function estimateOnsetIndex(
  values: readonly number[],
  firstAlerting: number,
  options: ChangePointOptions = {},
): number {
  const n = values.length;
  const latest = Math.min(firstAlerting, n - 1);
  if (n < 3 || latest < 1) return Math.max(0, latest);
  const model = modelOf(values, options);
  const { best } = optimalPartition(model);
  let onset = latest;
  let lowest = Infinity;
  for (let s = 1; s <= latest; s++) {
    // No minimum length for the final segment: the alert, not the penalty, vouches for it.
    const total = best[s]! + model.cost(s, n);
    if (total < lowest) {
      lowest = total;
      onset = s;
    }
  }
  return onset;
}

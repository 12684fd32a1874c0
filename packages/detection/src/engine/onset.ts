import type { Verdict } from '../detector';
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

/** The shape an onset was estimated under. */
export type OnsetModel = 'abrupt' | 'gradual';

interface OnsetPoint {
  at: number;
  value: number;
  expected?: number;
  minutes?: number[];
}

/**
 * Windows before the alert a change may have started in (four hours of 5-minute windows), for
 * the step and the ramp alike: over a whole day, residuals that wander slowly (a profile a
 * little off for hours) let a step fit date a fresh jump to where the wander began.
 */
const RAMP_LOOKBACK = 48;

/**
 * The onset of an alert and the shape it assumed. Both shapes are fitted to the distance of
 * each window from what the detector expected (the value itself when it models no expectation),
 * by least squares with the change at every candidate window up to the first alerting one:
 * - abrupt: a constant before and a constant after (the change-point model of
 *   `estimateOnsetIndex`), then placed to the minute inside the windows around it where those
 *   kept their minutes;
 * - gradual: a constant, then a straight ramp from the change on (a hinge).
 * The ramp is chosen when its error is at most 80% of the step's: both have the same number
 * of parameters, and a ramp that fits only a little better is a step with noise.
 */
export function estimateOnset(
  history: readonly OnsetPoint[],
  firstAlerting: number,
  windowMs: number,
): { at: number; model: OnsetModel } {
  const anchor = history.find((point) => point.expected !== undefined)?.expected;
  const residuals = history.map((point) => point.value - (point.expected ?? anchor ?? 0));
  const from = Math.max(0, firstAlerting - RAMP_LOOKBACK);
  const tail = residuals.slice(from);
  const latest = firstAlerting - from;
  const stepIndex = from + estimateOnsetIndex(tail, latest);
  const step = bestFit(tail, latest, stepFit);
  const ramp = bestFit(tail, latest, rampFit);
  if (ramp && step && ramp.error <= 0.8 * step.error && tail.length - ramp.index >= 3)
    return { at: rampStart(history.slice(from), tail, ramp.index, windowMs), model: 'gradual' };
  const window = history[stepIndex];
  if (!window) return { at: history[history.length - 1]!.at, model: 'abrupt' };
  return { at: toTheMinute(history, residuals, stepIndex, windowMs) ?? window.at, model: 'abrupt' };
}

function bestFit(
  values: readonly number[],
  latest: number,
  fit: (values: readonly number[], index: number) => number,
): { index: number; error: number } | null {
  let best: { index: number; error: number } | null = null;
  for (let index = 1; index <= Math.min(latest, values.length - 1); index++) {
    const error = fit(values, index);
    if (!best || error < best.error) best = { index, error };
  }
  return best;
}

/** Squared error of a constant before `index` and another from it on. */
function stepFit(values: readonly number[], index: number): number {
  return sse(values.slice(0, index)) + sse(values.slice(index));
}

/** Squared error of a constant, then a ramp from `index` on: y = a + b·max(0, t − index + 1). */
function rampFit(values: readonly number[], index: number): number {
  return lineError(
    values.map((_, t) => Math.max(0, t - index + 1)),
    values,
  );
}

/** Squared error of the least-squares line y = a + b·x (b = 0 when x does not vary). */
function lineError(x: readonly number[], y: readonly number[]): number {
  const n = y.length;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let t = 0; t < n; t++) {
    sx += x[t]!;
    sy += y[t]!;
    sxx += x[t]! * x[t]!;
    sxy += x[t]! * y[t]!;
  }
  const denominator = n * sxx - sx * sx;
  const b = denominator === 0 ? 0 : (n * sxy - sx * sy) / denominator;
  const a = (sy - b * sx) / n;
  let error = 0;
  for (let t = 0; t < n; t++) error += (y[t]! - a - b * x[t]!) ** 2;
  return error;
}

/**
 * Where a ramp began, to the minute: the hinge y = a + b·max(0, t − τ) fitted by least squares
 * to the windows' residuals at their midpoints, with τ tried minute by minute from the start of
 * the window before the best window-level hinge to the end of the one after it.
 */
function rampStart(
  points: readonly OnsetPoint[],
  residuals: readonly number[],
  index: number,
  windowMs: number,
): number {
  const fallback = points[index]!.at;
  const first = points[Math.max(0, index - 2)]!.at;
  const last = (points[Math.min(points.length - 1, index + 1)]?.at ?? fallback) + windowMs;
  let best = { at: fallback, error: Number.POSITIVE_INFINITY };
  for (let tau = first; tau <= last; tau += 60_000) {
    const x = points.map((point) => Math.max(0, (point.at + windowMs / 2 - tau) / windowMs));
    // A hinge after every window is no hinge: the line through a flat x is not a ramp.
    if (x.every((v) => v === x[0])) continue;
    const error = lineError(x, residuals);
    if (error < best.error) best = { at: tau, error };
  }
  return best.at;
}

function sse(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return values.reduce((sum, v) => sum + (v - mean) ** 2, 0);
}

/**
 * An abrupt onset to the minute: across the minutes of the window before the estimated one and
 * of that window, the split that best separates the level before (the residuals' mean before)
 * from the level after (their mean over the alerting windows), each minute weighted by its
 * events. Null when those windows did not keep their minutes.
 */
function toTheMinute(
  history: readonly OnsetPoint[],
  residuals: readonly number[],
  index: number,
  windowMs: number,
): number | null {
  const minutes: Array<{ at: number; residual: number; weight: number }> = [];
  for (const i of [index - 1, index]) {
    const point = history[i];
    if (!point?.minutes || point.minutes.length === 0) continue;
    const expected = point.value - residuals[i]!;
    for (let m = 0; m < point.minutes.length / 2; m++) {
      const weight = point.minutes[2 * m + 1]!;
      if (weight === 0) continue;
      minutes.push({ at: point.at + m * 60_000, residual: point.minutes[2 * m]! / weight - expected, weight });
    }
  }
  if (minutes.length < 2 || windowMs < 120_000) return null;
  const before = residuals.slice(Math.max(0, index - 12), Math.max(0, index - 1));
  const after = residuals.slice(index);
  const low = before.length > 0 ? before.reduce((s, v) => s + v, 0) / before.length : 0;
  const high = after.reduce((s, v) => s + v, 0) / Math.max(1, after.length);
  let best = { at: minutes[0]!.at, error: Number.POSITIVE_INFINITY };
  for (let split = 0; split < minutes.length; split++) {
    let error = 0;
    for (let j = 0; j < minutes.length; j++) {
      const level = j < split ? low : high;
      error += minutes[j]!.weight * (minutes[j]!.residual - level) ** 2;
    }
    if (error < best.error) best = { at: minutes[split]!.at, error };
  }
  return best.at;
}

/**
 * A change that began with a deploy is dated to the deploy: a harm rate that the comparison of a
 * deploy's before and after found worse (`deployAt` in the verdict), unless the history puts the
 * change well after it; and any abrupt change whose fitted step is at most an hour before the
 * system's latest deploy (which came before the alert) or two windows after it: a known change
 * point that the fit, on noisy windows, only blurs.
 */
const HOUR_MS = 3_600_000;

export function deployOnset(
  estimate: { at: number; model: OnsetModel },
  verdict: Pick<Verdict, 'detail'>,
  latestDeploy: number | undefined,
  { windowMs, end }: { windowMs: number; end: number },
): { at: number; model: OnsetModel } {
  const compared = verdict.detail?.deployAt;
  if (compared !== undefined && estimate.at < compared + 2 * windowMs) return { at: compared, model: 'abrupt' };
  // The deploy falls between the fitted step and the alert (within the hour after the step), or
  // just before the step: the known change point explains the change better than the noise did.
  if (
    latestDeploy !== undefined &&
    latestDeploy <= end &&
    estimate.model === 'abrupt' &&
    latestDeploy - estimate.at <= HOUR_MS &&
    estimate.at - latestDeploy <= 2 * windowMs
  )
    return { at: latestDeploy, model: 'abrupt' };
  return estimate;
}

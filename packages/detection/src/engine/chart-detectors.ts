import type { Level, Verdict } from '../detector';
import type { Aggregate } from './aggregate';
import { calibrate, cusumArl, ewmaArl, shewhartRun } from './arl';
import type { MonitorSpec } from './monitor';
import { alarmBudget, numberParam } from './significance';
import type { JudgeContext, WindowDetector } from './window-detector';

/**
 * Control charts on window means (confidence, latency, a metric series), standardised by a
 * baseline of the reference period's window means. Each chart is calibrated at creation so its
 * in-control average run length meets the monitor's budget (a page a month, a warning a day of
 * windows, by default), and every verdict says what budget it was calibrated to.
 */

interface Baseline {
  windows: number;
  sum: number;
  sumSquares: number;
  withinVariance: number;
  count: number;
  mean: number | null;
  sd: number | null;
}

const emptyBaseline = (): Baseline => ({
  windows: 0,
  sum: 0,
  sumSquares: 0,
  withinVariance: 0,
  count: 0,
  mean: null,
  sd: null,
});

/** Window mean, or null when the window has no numbers. */
function meanOf(window: Aggregate): { mean: number; variance: number; count: number } | null {
  if (window.kind !== 'numeric' || window.count === 0) return null;
  const mean = window.sum / window.count;
  const variance =
    window.count < 2 ? 0 : Math.max(0, (window.sumSquares - window.count * mean * mean) / (window.count - 1));
  return { mean, variance, count: window.count };
}

/**
 * Folds a window into the baseline, freezing it when the reference period is complete. The
 * spread is the window-to-window standard deviation of means (what real streams vary by),
 * never below what the within-window spread implies for a mean, nor below 0.1% of the level.
 */
function learn(baseline: Baseline, x: { mean: number; variance: number; count: number }, needed: number): Baseline {
  const next = {
    ...baseline,
    windows: baseline.windows + 1,
    sum: baseline.sum + x.mean,
    sumSquares: baseline.sumSquares + x.mean * x.mean,
    withinVariance: baseline.withinVariance + x.variance,
    count: baseline.count + x.count,
  };
  if (next.windows < needed) return next;
  const mean = next.sum / next.windows;
  const between =
    next.windows < 2 ? 0 : Math.max(0, (next.sumSquares - next.windows * mean * mean) / (next.windows - 1));
  const meanOfN = next.count / next.windows;
  const within = next.withinVariance / next.windows / Math.max(1, meanOfN);
  return { ...next, mean, sd: Math.max(Math.sqrt(between), Math.sqrt(within), Math.abs(mean) * 1e-3, 1e-9) };
}

/** In-control run lengths (windows) of the budget, to three significant digits so calibrations memoise. */
const budgetWindows = (spec: MonitorSpec, context?: JudgeContext) => {
  const { page, warn, pageEvery, warnEvery } = alarmBudget(spec, context);
  const round = (windows: number) => Number(windows.toPrecision(3));
  return { page: round(1 / page), warn: round(1 / warn), pageEvery, warnEvery };
};

interface ChartState<S> {
  baseline: Baseline;
  chart: S;
}

interface Step<S> {
  state: S;
  level: Level;
  statistic: number;
  threshold: number;
  /** The page threshold: the score is the statistic's distance to it (1 at twice the line). */
  pageLine: number;
  detail: Record<string, number>;
}

function chart<S>(
  name: string,
  init: (spec: MonitorSpec) => S,
  step: (state: S, z: number, spec: MonitorSpec, context?: JudgeContext) => Step<S>,
): WindowDetector<ChartState<S>> {
  return {
    create: (spec) => ({ baseline: emptyBaseline(), chart: init(spec) }),
    judge(state, window, spec, context) {
      if (window.kind !== 'numeric') throw new Error(`${name} watches a numeric signal, not ${spec.signal}`);
      const x = meanOf(window);
      if (!x) return { state, verdict: null };
      const needed = Math.max(2, spec.baselineWindows);
      if (state.baseline.mean === null || state.baseline.sd === null)
        return { state: { ...state, baseline: learn(state.baseline, x, needed) }, verdict: null };
      const z = (x.mean - state.baseline.mean) / state.baseline.sd;
      const result = step(state.chart, z, spec, context);
      const verdict: Verdict = {
        level: result.level,
        score: Math.min(1, Math.abs(result.statistic) / Math.max(result.pageLine, 1e-9) / 2),
        statistic: result.statistic,
        threshold: result.threshold,
        detail: {
          windowMean: x.mean,
          baselineMean: state.baseline.mean,
          baselineSd: state.baseline.sd,
          z,
          ...result.detail,
        },
      };
      return { state: { ...state, chart: result.state }, verdict };
    },
  };
}

/** Shewhart at 1.5σ (warn) and 2.5σ (page), each confirmed by as many consecutive windows on one side as the budget needs. */
export const shewhartDetector = chart(
  'shewhart',
  () => ({ up: [0, 0], down: [0, 0] }),
  (state, z, spec, context) => {
    const warnSigma = numberParam(spec, 'warnSigma', 1.5);
    const pageSigma = numberParam(spec, 'pageSigma', 2.5);
    const budget = budgetWindows(spec, context);
    const warnRun = shewhartRun(warnSigma, budget.warn);
    const pageRun = shewhartRun(pageSigma, budget.page);
    const up = [z > warnSigma ? state.up[0]! + 1 : 0, z > pageSigma ? state.up[1]! + 1 : 0];
    const down = [z < -warnSigma ? state.down[0]! + 1 : 0, z < -pageSigma ? state.down[1]! + 1 : 0];
    const level: Level =
      Math.max(up[1]!, down[1]!) >= pageRun ? 'page' : Math.max(up[0]!, down[0]!) >= warnRun ? 'warn' : 'ok';
    return {
      state: { up, down },
      level,
      statistic: z,
      threshold: level === 'page' ? pageSigma : warnSigma,
      pageLine: pageSigma,
      detail: { warnSigma, pageSigma, warnRun, pageRun, pageArlWindows: budget.page, warnArlWindows: budget.warn },
    };
  },
);

const memo = new Map<string, number>();
function memoised(key: string, compute: () => number): number {
  let value = memo.get(key);
  if (value === undefined) {
    value = compute();
    memo.set(key, value);
  }
  return value;
}

/** EWMA of standardised window means, with limits L calibrated by Markov chain to the budget. */
export const ewmaDetector = chart(
  'ewma',
  () => ({ value: 0 }),
  (state, z, spec, context) => {
    const lambda = numberParam(spec, 'lambda', 0.2);
    const budget = budgetWindows(spec, context);
    const sigma = Math.sqrt(lambda / (2 - lambda));
    const pageL = memoised(`ewma:${lambda}:${budget.page}`, () =>
      calibrate((L) => ewmaArl(lambda, L), budget.page, 1, 6),
    );
    const warnL = memoised(`ewma:${lambda}:${budget.warn}`, () =>
      calibrate((L) => ewmaArl(lambda, L), budget.warn, 0.5, 6),
    );
    const value = lambda * z + (1 - lambda) * state.value;
    const level: Level = Math.abs(value) > pageL * sigma ? 'page' : Math.abs(value) > warnL * sigma ? 'warn' : 'ok';
    return {
      state: { value },
      level,
      statistic: value / sigma,
      threshold: level === 'page' ? pageL : warnL,
      pageLine: pageL,
      detail: { lambda, pageL, warnL, pageArlWindows: budget.page, warnArlWindows: budget.warn },
    };
  },
);

/** Two-sided CUSUM with reference k (0.5σ), decision interval h calibrated by Brook–Evans to the budget. */
export const cusumDetector = chart(
  'cusum',
  () => ({ high: 0, low: 0 }),
  (state, z, spec, context) => {
    const k = numberParam(spec, 'k', 0.5);
    const budget = budgetWindows(spec, context);
    const pageH = memoised(`cusum:${k}:${budget.page}`, () => calibrate((h) => cusumArl(k, h), budget.page, 0.1, 40));
    const warnH = memoised(`cusum:${k}:${budget.warn}`, () => calibrate((h) => cusumArl(k, h), budget.warn, 0.1, 40));
    const high = Math.max(0, state.high + z - k);
    const low = Math.max(0, state.low - z - k);
    const statistic = Math.max(high, low);
    const level: Level = statistic > pageH ? 'page' : statistic > warnH ? 'warn' : 'ok';
    return {
      state: { high, low },
      level,
      statistic,
      threshold: level === 'page' ? pageH : warnH,
      pageLine: pageH,
      detail: { k, pageH, warnH, pageArlWindows: budget.page, warnArlWindows: budget.warn },
    };
  },
);

import type { Level } from '../detector';
import { cusumLimit } from './arl';

/**
 * A fairness failure that sits in one group (its selection rate falls after a bad data refresh)
 * is too small to see in one window: a group of 15% of a few hundred decisions gives a few dozen
 * a window. This file accumulates the evidence over windows instead: per group, a one-sided
 * CUSUM of the log-likelihood ratio "the group is selected at `ratio` (½) the rate of the rest"
 * against "at the same rate as the rest" (ADR 8, amendment of 2026-12-05).
 *
 * The likelihood is the group's selections given the window's total selections and the two
 * sides' sizes (Fisher's noncentral hypergeometric: two binomials, conditioned on their sum).
 * Conditioning makes the ratio exact under parity whatever the system's overall rate does (the
 * daily mix, a deploy that moves every group) and counts the rest's own noise, which a test
 * against the rest's observed rate would ignore.
 */

export interface GroupChart {
  /** The CUSUM, in nats; 0 when the group looks no worse than the rest. */
  cusum: number;
  /** Start (ms) of the first window of the current run above zero: the change's estimated onset. */
  runStart: number | null;
  /** Decisions and selections in the run, the group's and the rest's. */
  selected: number;
  total: number;
  restSelected: number;
  restTotal: number;
}

export interface SequentialState {
  /** Charts above zero, by group. */
  charts: Record<string, GroupChart>;
  /** The group whose chart reached a limit in the last window judged, its run's start and the limits. */
  alarm: { group: string; start: number; level: Level; limits: { page: number; warn: number } } | null;
}

export interface SequentialOptions {
  /** The rate ratio (group ÷ rest) the chart is tuned to catch quickly; default 0.5. */
  ratio: number;
  /** Decisions each side of the comparison must hold in the run before it may alert; default 400. */
  minRun: number;
  /** Per-window false-alarm probabilities for all the group charts together (the detector gives them half the series'). */
  alpha: { page: number; warn: number };
}

/** Groups charted at most in a window: more are left to the per-window test, so memory stays bounded. */
export const MAX_CHARTS = 20;

/** The chart never climbs past this many page limits, so it drains soon after the group recovers. */
const CAP = 1.5;

export const emptySequential = (): SequentialState => ({ charts: {}, alarm: null });

const freshChart = (): GroupChart => ({
  cusum: 0,
  runStart: null,
  selected: 0,
  total: 0,
  restSelected: 0,
  restTotal: 0,
});

/**
 * The log-likelihood ratio of `x` selections among `n` decisions of a group, when the window
 * selected `t` of `n + m`, between odds ratio `psi` (group ÷ rest) and parity. Under parity its
 * exponential has mean one exactly, which is what the CUSUM's false-alarm rate rests on.
 */
export function conditionalLlr(x: number, n: number, m: number, t: number, psi: number): number {
  const low = Math.max(0, t - m);
  const high = Math.min(n, t);
  if (high <= low) return 0;
  const logPsi = Math.log(psi);
  // log C(n,u)·C(m,t−u) relative to u = low, by the ratio of neighbouring terms; then the two
  // normalisers (parity and psi) as log-sum-exps.
  const terms = new Float64Array(high - low + 1);
  for (let u = low + 1; u <= high; u++)
    terms[u - low] = terms[u - low - 1]! + Math.log(((n - u + 1) * (t - u + 1)) / (u * (m - t + u)));
  let top0 = -Infinity;
  let top1 = -Infinity;
  for (let i = 0; i < terms.length; i++) {
    top0 = Math.max(top0, terms[i]!);
    top1 = Math.max(top1, terms[i]! + (low + i) * logPsi);
  }
  let sum0 = 0;
  let sum1 = 0;
  for (let i = 0; i < terms.length; i++) {
    sum0 += Math.exp(terms[i]! - top0);
    sum1 += Math.exp(terms[i]! + (low + i) * logPsi - top1);
  }
  return x * logPsi - (top1 + Math.log(sum1) - top0 - Math.log(sum0));
}

/** The odds ratio that puts a group at `ratio` times the pooled rate `p`. */
function oddsRatio(ratio: number, p: number): number {
  const q = ratio * p;
  return q / (1 - q) / (p / (1 - p));
}

/**
 * The page and warn limits (nats) of each of `groups` charts: the charts' per-window budget
 * (`alpha`: half the series', the other half being the window test's) split evenly across the
 * groups (Bonferroni), each limit the CUSUM decision interval of arl.ts for that many windows
 * between false alarms. With k = ½ the normal CUSUM in σ is exactly the log-likelihood ratio of
 * a one-σ shift, which is why its limit serves a likelihood-ratio chart; the fair-stream test
 * (fairness-sequential.test.ts) checks the rate this gives on binomial counts.
 */
export function groupLimits(alpha: { page: number; warn: number }, groups: number): { page: number; warn: number } {
  const split = Math.max(1, groups);
  return { page: cusumLimit(split / alpha.page), warn: cusumLimit(split / alpha.warn) };
}

/**
 * Folds one window into every group's chart: `groups` maps each group to its decisions and
 * selections in the window. Returns the new state, whose `alarm` names the group whose chart is
 * past a limit (the furthest past, when several are) with a run of `minRun` decisions each side.
 */
export function stepSequential(
  state: SequentialState,
  groups: ReadonlyArray<{ name: string; selected: number; total: number }>,
  windowStart: number,
  options: SequentialOptions,
): SequentialState {
  const allSelected = groups.reduce((sum, g) => sum + g.selected, 0);
  const allTotal = groups.reduce((sum, g) => sum + g.total, 0);
  // Charts at zero hold nothing and are not kept: those above zero, and this window's groups up
  // to MAX_CHARTS, are the charts that could alarm now, the ones the budget is split across.
  const charted = new Set(Object.keys(state.charts));
  for (const g of groups) if (charted.size < MAX_CHARTS) charted.add(g.name);
  const limits = groupLimits(options.alpha, charted.size);
  const charts: Record<string, GroupChart> = { ...state.charts };
  for (const g of groups) {
    if (!charted.has(g.name)) continue;
    const window = { ...g, allSelected, allTotal, windowStart };
    const chart = step(charts[g.name] ?? freshChart(), window, options.ratio, CAP * limits.page);
    if (chart.cusum > 0) charts[g.name] = chart;
    else delete charts[g.name];
  }
  let alarm: SequentialState['alarm'] = null;
  for (const [name, chart] of Object.entries(charts)) {
    if (chart.runStart === null || chart.total < options.minRun || chart.restTotal < options.minRun) continue;
    const level: Level = chart.cusum > limits.page ? 'page' : chart.cusum > limits.warn ? 'warn' : 'ok';
    if (level !== 'ok' && (!alarm || chart.cusum > charts[alarm.group]!.cusum))
      alarm = { group: name, start: chart.runStart, level, limits };
  }
  return { charts, alarm };
}

function step(
  chart: GroupChart,
  window: { selected: number; total: number; allSelected: number; allTotal: number; windowStart: number },
  ratio: number,
  cap: number,
): GroupChart {
  const rest = window.allTotal - window.total;
  const p = window.allSelected / Math.max(1, window.allTotal);
  // A window with no contrast (one side empty, nobody or everybody selected) says nothing.
  if (rest <= 0 || window.total <= 0 || p <= 0 || p >= 1 || ratio * p >= 1) return chart;
  const llr = conditionalLlr(window.selected, window.total, rest, window.allSelected, oddsRatio(ratio, p));
  const cusum = Math.min(cap, Math.max(0, chart.cusum + llr));
  if (cusum === 0) return freshChart();
  return {
    cusum,
    runStart: chart.runStart ?? window.windowStart,
    selected: chart.selected + window.selected,
    total: chart.total + window.total,
    restSelected: chart.restSelected + window.allSelected - window.selected,
    restTotal: chart.restTotal + rest,
  };
}

/** The alarming group's run as evidence: its chart and limits, its selection rate and the rest's over the run. */
export function runEvidence(state: SequentialState): Record<string, number> {
  const alarm = state.alarm;
  const chart = alarm ? state.charts[alarm.group] : undefined;
  if (!alarm || !chart || chart.total === 0 || chart.restTotal === 0) return {};
  const segment = chart.selected / chart.total;
  const rest = chart.restSelected / chart.restTotal;
  return {
    groupCusum: chart.cusum,
    groupCusumPageLimit: alarm.limits.page,
    groupCusumWarnLimit: alarm.limits.warn,
    runSegmentValue: segment,
    runSegmentCount: chart.total,
    runRestValue: rest,
    runRestCount: chart.restTotal,
    ...(rest > 0 ? { runSegmentOverRest: segment / rest } : {}),
  };
}

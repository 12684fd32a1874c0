import { durationMs } from '@firebreak/core';
import type { Level } from '../detector';
import {
  binCounts,
  categoricalDriftMeasures,
  type DriftMeasures,
  driftBins,
  numericDriftMeasures,
  quantileEdgesSorted,
  quantileSample,
  sortedCopy,
  wasserstein,
} from '../stats';
import { type Aggregate, MAX_WINDOW_VALUES } from './aggregate';
import { alarmBudget, numberParam } from './significance';
import type { WindowDetector } from './window-detector';

export interface DriftState {
  baselineWindows: number;
  /** Numeric signals: reference values while the baseline fills, then the decile edges. */
  referenceValues: number[];
  edges: number[] | null;
  /** Counts per bin (numeric) or per category (categorical) over the reference period. */
  reference: Record<string, number>;
  /**
   * Numeric signals: the reference's quantiles (stats quantileSample), for Kolmogorov–Smirnov
   * and Wasserstein; absent from snapshots taken before it was.
   */
  quantiles?: number[];
  /**
   * Snapshots from before `quantiles`: every k-th reference value, which could miss the top of
   * the distribution, so such states keep their old test (chi-square over the bins).
   */
  sample?: number[];
  /**
   * Seasonal monitors (default ones): per hour of the day, the counts per bin or category that
   * hour usually has (a decayed sum, about a week of that hour's windows), how many windows
   * taught it, and the first window's start, for the warm-up (ADR 21).
   */
  hours?: Array<{ n: number; counts: Record<string, number> }>;
  firstAt?: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Windows an hour needs before it is compared against (that hour on two days). */
const MIN_HOUR_WINDOWS = 24;
/** Decay of an hour's counts per window it learns: about a week of that hour. */
const HOUR_DECAY = 1 - 1 / 84;

const MAX_REFERENCE_VALUES = 20_000;
const QUANTILES = 1000;

/**
 * Distribution drift of a window against the reference period, with the test that suits the
 * column (stats/drift-measures.ts): numbers get the two-sample Kolmogorov–Smirnov test against
 * the reference's quantiles (chi-square over the bins when the reference has only a handful of
 * distinct values), categories the chi-square test of homogeneity. The test says whether the
 * difference is more than chance (at the budget's per-window level) and PSI, on the reference
 * deciles or the categories, whether it is large enough to matter (0.1 warn, 0.25 page by
 * default); both must agree, so huge samples do not page on trivial shifts and tiny ones do
 * not page on noise. Jensen–Shannon and (numbers) Wasserstein are reported beside them.
 */
export const driftDetector: WindowDetector<DriftState> = {
  create: () => ({ baselineWindows: 0, referenceValues: [], edges: null, reference: {}, quantiles: [] }),
  learning(state, spec) {
    if (state.baselineWindows < Math.max(1, spec.baselineWindows)) return true;
    if (spec.params.seasonal !== true) return false;
    return state.firstAt === undefined || !(state.hours ?? []).some((hour) => hour.n >= MIN_HOUR_WINDOWS);
  },
  judge(state, window, spec, context) {
    if (window.kind !== 'numeric' && window.kind !== 'categorical')
      throw new Error(`drift watches a numeric or categorical signal, not ${spec.signal}`);
    // A categorical signal whose every value was a number (a score as prediction) drifts as numbers.
    const numeric =
      window.kind === 'numeric' ||
      (window.kind === 'categorical' &&
        window.total > 0 &&
        window.values.length === Math.min(window.total, MAX_WINDOW_VALUES));
    if (state.baselineWindows < Math.max(1, spec.baselineWindows)) {
      return { state: learn(state, window, numeric), verdict: null };
    }
    let ready = numeric ? withEdges(state) : state;
    const seasonal = spec.params.seasonal === true && context !== undefined;
    let against = ready;
    if (seasonal) {
      const hour = hourReference(ready, context.start, spec);
      if (!hour) return { state: learnHour(ready, window, numeric, context.start), verdict: null };
      against = { ...ready, reference: hour };
    }
    const compared = compare(against, window, numeric, seasonal);
    if (compared === null || compared.count < numberParam(spec, 'minCount', 30)) return { state: ready, verdict: null };
    const { measures, count, referenceCount } = compared;
    const { psi, pValue } = measures;
    const budget = alarmBudget(spec, context);
    const psiWarn = numberParam(spec, 'psiWarn', 0.1);
    const psiPage = numberParam(spec, 'psiPage', 0.25);
    let level: Level =
      pValue < budget.page && psi >= psiPage ? 'page' : pValue < budget.warn && psi >= psiWarn ? 'warn' : 'ok';
    // A deploy's first half hour: inputs that move with a rollout are held, and what is normal
    // for each hour keeps learning from them (ADR 21).
    const held =
      seasonal &&
      context.deploy !== undefined &&
      context.start - context.deploy.at < 30 * 60_000 &&
      context.end > context.deploy.at;
    if (held) level = 'ok';
    if (seasonal && level === 'ok' && !context.firing) ready = learnHour(ready, window, numeric, context.start);
    // The test's statistic goes under its own name (ks or chiSquare), which says which test ran.
    const test: Record<string, number> =
      measures.test === 'ks' ? { ks: measures.statistic } : { chiSquare: measures.statistic, dof: measures.dof ?? 0 };
    return {
      state: ready,
      verdict: {
        level,
        score: Math.min(1, psi / psiPage) * (1 - pValue),
        statistic: psi,
        threshold: level === 'page' ? psiPage : psiWarn,
        detail: {
          psi,
          ...test,
          pValue,
          jensenShannon: measures.jensenShannon,
          ...(measures.wasserstein === undefined ? {} : { wasserstein: measures.wasserstein }),
          count,
          referenceCount,
          pageAlpha: budget.page,
          warnAlpha: budget.warn,
          psiWarn,
          psiPage,
        },
      },
    };
  },
};

function learn(state: DriftState, window: Aggregate, numeric: boolean): DriftState {
  const next: DriftState = { ...state, baselineWindows: state.baselineWindows + 1, reference: { ...state.reference } };
  if (numeric && (window.kind === 'numeric' || window.kind === 'categorical')) {
    const room = MAX_REFERENCE_VALUES - state.referenceValues.length;
    next.referenceValues =
      room > 0 ? [...state.referenceValues, ...window.values.slice(0, room)] : state.referenceValues;
  } else if (window.kind === 'categorical') {
    for (const [key, n] of Object.entries(window.counts)) next.reference[key] = (next.reference[key] ?? 0) + n;
  }
  return next;
}

/** Freezes the reference: quantile edges, the reference values' counts per bin and their quantiles. */
function withEdges(state: DriftState): DriftState {
  if (state.edges !== null) return state;
  const sorted = sortedCopy(state.referenceValues);
  const edges = quantileEdgesSorted(sorted, driftBins(sorted.length));
  const reference: Record<string, number> = {};
  binCounts(sorted, edges).forEach((n, bin) => {
    if (n > 0) reference[binKey(bin)] = n;
  });
  return {
    ...state,
    edges: Array.from(edges),
    referenceValues: [],
    reference,
    quantiles: Array.from(quantileSample(sorted, QUANTILES)),
  };
}

const hourOf = (at: number) => Math.floor((((at % DAY) + DAY) % DAY) / HOUR);

/**
 * The counts an hour usually has, once the warm-up (`warmup`, two days by default) is over
 * and the hour has been seen on two days; null while it is learning.
 */
function hourReference(
  state: DriftState,
  at: number,
  spec: { params: Record<string, unknown> },
): Record<string, number> | null {
  const warmup = typeof spec.params.warmup === 'string' ? durationMs(spec.params.warmup) : 2 * DAY;
  if (state.firstAt === undefined || at - state.firstAt < warmup) return null;
  const hour = state.hours?.[hourOf(at)];
  return hour && hour.n >= MIN_HOUR_WINDOWS ? hour.counts : null;
}

/** Teaches a window's counts to its hour. */
function learnHour(state: DriftState, window: Aggregate, numeric: boolean, at: number): DriftState {
  const hours: Array<{ n: number; counts: Record<string, number> }> = state.hours
    ? [...state.hours]
    : Array.from({ length: 24 }, () => ({ n: 0, counts: {} }));
  const index = hourOf(at);
  const before = hours[index]!;
  const usual: Record<string, number> = {};
  for (const [key, n] of Object.entries(before.counts)) usual[key] = n * HOUR_DECAY;
  for (const [key, n] of Object.entries(counts(window, state, numeric))) usual[key] = (usual[key] ?? 0) + n;
  // Categories too rare to matter are dropped, so a long tail cannot grow the state without bound.
  const total = Object.values(usual).reduce((a, b) => a + b, 0);
  for (const [key, n] of Object.entries(usual))
    if (n < total * 1e-4 && Object.keys(usual).length > 50) delete usual[key];
  hours[index] = { n: before.n + 1, counts: usual };
  return { ...state, hours, firstAt: state.firstAt ?? at };
}

function binKey(bin: number): string {
  return `b${String(bin).padStart(2, '0')}`;
}

/** The window against the reference: the drift measures, with both sides' sizes; null when either side is empty. */
function compare(
  state: DriftState,
  window: Aggregate,
  numeric: boolean,
  binsOnly = false,
): { measures: DriftMeasures; count: number; referenceCount: number } | null {
  const current = counts(window, state, numeric);
  const keys =
    numeric && state.edges
      ? Object.keys(current)
      : [...new Set([...Object.keys(state.reference), ...Object.keys(current)])].sort();
  const reference = keys.map((k) => state.reference[k] ?? 0);
  const observed = keys.map((k) => current[k] ?? 0);
  const count = sum(observed);
  const referenceCount = sum(reference);
  if (count === 0 || referenceCount === 0) return null;
  if (binsOnly || !numeric || state.edges === null || (window.kind !== 'numeric' && window.kind !== 'categorical')) {
    return { measures: categoricalDriftMeasures(reference, observed), count, referenceCount };
  }
  if (state.quantiles === undefined) {
    const legacy = state.sample ?? [];
    return {
      measures: {
        ...categoricalDriftMeasures(reference, observed),
        ...(legacy.length > 0 ? { wasserstein: wasserstein(legacy, window.values) } : {}),
      },
      count,
      referenceCount,
    };
  }
  const measures = numericDriftMeasures(
    { sorted: Float64Array.from(state.quantiles), counts: reference, size: referenceCount },
    { sorted: sortedCopy(window.values), counts: observed },
  );
  return { measures, count, referenceCount };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** The window's counts per reference bin (numbers, every bin) or per category. */
function counts(window: Aggregate, state: DriftState, numeric: boolean): Record<string, number> {
  if (numeric && state.edges && (window.kind === 'numeric' || window.kind === 'categorical')) {
    const result: Record<string, number> = {};
    binCounts(window.values, Float64Array.from(state.edges)).forEach((n, bin) => {
      result[binKey(bin)] = n;
    });
    return result;
  }
  return window.kind === 'categorical' ? { ...window.counts } : {};
}

export interface DriftHistogram {
  /** True for numbers binned at the reference deciles; false for categories. */
  binned: boolean;
  /** Bins in order (categories by size), each with its bounds (null: open-ended) and both counts. */
  bins: Array<{ key: string; from: number | null; to: number | null; reference: number; current: number }>;
}

/** Categories a histogram shows; the rest are summed as one. */
const MAX_CATEGORIES = 20;
export const OTHER_CATEGORY = '(other)';

/**
 * The reference period against a window, as the detector binned them: for the evidence of a
 * drift alert (the histograms a responder compares). `state` is the detector's after judging.
 */
export function driftHistogram(state: DriftState, window: Aggregate): DriftHistogram {
  const binned = state.edges !== null;
  const current = counts(window, state, binned);
  if (state.edges !== null) {
    const edges = state.edges;
    const bins = Array.from({ length: edges.length + 1 }, (_, i) => {
      const key = `b${String(i).padStart(2, '0')}`;
      return {
        key,
        from: edges[i - 1] ?? null,
        to: edges[i] ?? null,
        reference: state.reference[key] ?? 0,
        current: current[key] ?? 0,
      };
    });
    return { binned, bins };
  }
  const keys = [...new Set([...Object.keys(state.reference), ...Object.keys(current)])];
  const size = (key: string) => (state.reference[key] ?? 0) + (current[key] ?? 0);
  keys.sort((a, b) => size(b) - size(a) || a.localeCompare(b));
  const shown = keys.length > MAX_CATEGORIES ? keys.slice(0, MAX_CATEGORIES - 1) : keys;
  const bins = shown.map((key) => ({
    key,
    from: null,
    to: null,
    reference: state.reference[key] ?? 0,
    current: current[key] ?? 0,
  }));
  const rest = keys.slice(shown.length);
  if (rest.length > 0) {
    const sum = (of: Record<string, number>) => rest.reduce((total, key) => total + (of[key] ?? 0), 0);
    bins.push({ key: OTHER_CATEGORY, from: null, to: null, reference: sum(state.reference), current: sum(current) });
  }
  return { binned, bins };
}

import type { Level } from '../detector';
import { type Aggregate, MAX_WINDOW_VALUES } from './aggregate';
import { alarmBudget, chiSquareTest, jensenShannon, numberParam, psi, wasserstein } from './significance';
import type { WindowDetector } from './window-detectors';

export interface DriftState {
  baselineWindows: number;
  /** Numeric signals: reference values while the baseline fills, then the decile edges. */
  referenceValues: number[];
  edges: number[] | null;
  /** Counts per bin (numeric) or per category (categorical) over the reference period. */
  reference: Record<string, number>;
  /** A sample of the reference values kept for the Wasserstein distance (numeric signals). */
  sample: number[];
}

const MAX_REFERENCE_VALUES = 20_000;
const BINS = 10;
const SAMPLE = 1000;

/**
 * Distribution drift of a window against the reference period: numeric values are binned at
 * the reference deciles, categories kept as they are. A chi-square test of homogeneity says
 * whether the difference is more than chance (at the budget's per-window level) and PSI says
 * whether it is large enough to matter (0.1 warn, 0.25 page by default); both must agree, so
 * huge samples do not page on trivial shifts and tiny ones do not page on noise.
 */
export const driftDetector: WindowDetector<DriftState> = {
  create: () => ({ baselineWindows: 0, referenceValues: [], edges: null, reference: {}, sample: [] }),
  judge(state, window, spec) {
    if (window.kind !== 'numeric' && window.kind !== 'categorical') throw new Error(`drift watches a numeric or categorical signal, not ${spec.signal}`);
    // A categorical signal whose every value was a number (a score as prediction) drifts as numbers.
    const numeric = window.kind === 'numeric' || (window.kind === 'categorical' && window.total > 0 && window.values.length === Math.min(window.total, MAX_WINDOW_VALUES));
    if (state.baselineWindows < Math.max(1, spec.baselineWindows)) {
      return { state: learn(state, window, numeric), verdict: null };
    }
    const ready = numeric ? withEdges(state) : state;
    const current = counts(window, ready, numeric);
    const total = Object.values(current).reduce((a, b) => a + b, 0);
    if (total < numberParam(spec, 'minCount', 30)) return { state: ready, verdict: null };
    const keys = [...new Set([...Object.keys(ready.reference), ...Object.keys(current)])].sort();
    const reference = keys.map((k) => ready.reference[k] ?? 0);
    const observed = keys.map((k) => current[k] ?? 0);
    const { pValue, statistic } = chiSquareTest([reference, observed]);
    const index = psi(reference, observed);
    const shape = { jensenShannon: jensenShannon(reference, observed), ...(numeric && ready.sample.length > 0 ? { wasserstein: wasserstein(ready.sample, window.values) } : {}) };
    const budget = alarmBudget(spec);
    const psiWarn = numberParam(spec, 'psiWarn', 0.1);
    const psiPage = numberParam(spec, 'psiPage', 0.25);
    const level: Level = pValue < budget.page && index >= psiPage ? 'page' : pValue < budget.warn && index >= psiWarn ? 'warn' : 'ok';
    return {
      state: ready,
      verdict: {
        level,
        score: Math.min(1, index / psiPage) * (1 - pValue),
        statistic: index,
        threshold: level === 'page' ? psiPage : psiWarn,
        detail: { psi: index, chiSquare: statistic, pValue, ...shape, count: total, pageAlpha: budget.page, warnAlpha: budget.warn, psiWarn, psiPage },
      },
    };
  },
};

function learn(state: DriftState, window: Aggregate, numeric: boolean): DriftState {
  const next: DriftState = { ...state, baselineWindows: state.baselineWindows + 1, reference: { ...state.reference } };
  if (numeric && (window.kind === 'numeric' || window.kind === 'categorical')) {
    const room = MAX_REFERENCE_VALUES - state.referenceValues.length;
    next.referenceValues = room > 0 ? [...state.referenceValues, ...window.values.slice(0, room)] : state.referenceValues;
  } else if (window.kind === 'categorical') {
    for (const [key, n] of Object.entries(window.counts)) next.reference[key] = (next.reference[key] ?? 0) + n;
  }
  return next;
}

/** Freezes the reference: decile edges and the reference values' counts per bin. */
function withEdges(state: DriftState): DriftState {
  if (state.edges !== null) return state;
  const sorted = [...state.referenceValues].sort((a, b) => a - b);
  const edges = [...new Set(Array.from({ length: BINS - 1 }, (_, i) => sorted[Math.floor(((i + 1) * sorted.length) / BINS)] ?? 0))];
  const reference: Record<string, number> = {};
  for (const value of sorted) {
    const bin = binKey(edges, value);
    reference[bin] = (reference[bin] ?? 0) + 1;
  }
  // Every k-th sorted value: a sample that keeps the reference distribution's shape.
  const step = Math.max(1, Math.floor(sorted.length / SAMPLE));
  const sample = sorted.filter((_, i) => i % step === 0).slice(0, SAMPLE);
  return { ...state, edges, referenceValues: [], reference, sample };
}

function binKey(edges: readonly number[], value: number): string {
  let bin = 0;
  while (bin < edges.length && value >= edges[bin]!) bin++;
  return `b${String(bin).padStart(2, '0')}`;
}

function counts(window: Aggregate, state: DriftState, numeric: boolean): Record<string, number> {
  const result: Record<string, number> = {};
  if (numeric && state.edges && (window.kind === 'numeric' || window.kind === 'categorical')) {
    for (const value of window.values) {
      const bin = binKey(state.edges, value);
      result[bin] = (result[bin] ?? 0) + 1;
    }
    return result;
  }
  return window.kind === 'categorical' ? { ...window.counts } : result;
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
      return { key, from: edges[i - 1] ?? null, to: edges[i] ?? null, reference: state.reference[key] ?? 0, current: current[key] ?? 0 };
    });
    return { binned, bins };
  }
  const keys = [...new Set([...Object.keys(state.reference), ...Object.keys(current)])];
  const size = (key: string) => (state.reference[key] ?? 0) + (current[key] ?? 0);
  keys.sort((a, b) => size(b) - size(a) || a.localeCompare(b));
  const shown = keys.length > MAX_CATEGORIES ? keys.slice(0, MAX_CATEGORIES - 1) : keys;
  const bins = shown.map((key) => ({ key, from: null, to: null, reference: state.reference[key] ?? 0, current: current[key] ?? 0 }));
  const rest = keys.slice(shown.length);
  if (rest.length > 0) {
    const sum = (of: Record<string, number>) => rest.reduce((total, key) => total + (of[key] ?? 0), 0);
    bins.push({ key: OTHER_CATEGORY, from: null, to: null, reference: sum(state.reference), current: sum(current) });
  }
  return { binned, bins };
}

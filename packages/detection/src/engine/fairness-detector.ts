import type { Level } from '../detector';
import { chiSquareContingency } from '../stats';
import type { Aggregate } from './aggregate';
import { emptySequential, runEvidence, type SequentialState, stepSequential } from './fairness-sequential';
import type { MonitorSpec } from './monitor';
import { alarmBudget, numberParam } from './significance';
import type { WindowDetector } from './window-detector';

export interface FairnessState {
  baselineWindows: number;
  /** Outcome counts over the reference period, to pick the favourable outcome when not configured. */
  outcomes: Record<string, number>;
  positive: string | null;
  /** Per-group CUSUMs against the rest (fairness-sequential.ts); absent in snapshots from before them. */
  sequential?: SequentialState;
}

/**
 * Fairness across the values of a segment key: each group's selection rate (share of the
 * `positive` outcome; by default the rarer outcome of the reference period, as declines, hires
 * and approvals under review usually are), the disparate impact ratio (lowest rate ÷ highest,
 * the four-fifths rule says below 0.8 is adverse) and the demographic parity difference.
 *
 * Two tests share the series' per-window budget, half each. The window alone: a ratio under the
 * line alerts when a chi-square test says the groups really differ; groups smaller than
 * `minGroup` (30) are left out of it. And per group, a CUSUM of the group against the rest
 * over windows (fairness-sequential.ts), which catches a group whose rate fell too little for
 * one window to show; it alerts once its run holds `minRun` (400) decisions each side, and
 * names the group.
 */
export const fairnessDetector: WindowDetector<FairnessState> = {
  create: (spec) => ({
    baselineWindows: 0,
    outcomes: {},
    positive: typeof spec.params.positive === 'string' ? spec.params.positive : null,
    sequential: emptySequential(),
  }),
  judge(state, window, spec, context) {
    if (window.kind !== 'selection')
      throw new Error(`fairness watches a selection:<segment key> signal, not ${spec.signal}`);
    if (state.baselineWindows < Math.max(1, spec.baselineWindows)) {
      const outcomes = { ...state.outcomes };
      for (const group of Object.values(window.groups))
        for (const [outcome, n] of Object.entries(group)) outcomes[outcome] = (outcomes[outcome] ?? 0) + n;
      return { state: { ...state, baselineWindows: state.baselineWindows + 1, outcomes }, verdict: null };
    }
    const positive = state.positive ?? rarest(state.outcomes);
    if (positive === null) return { state, verdict: null };
    const all = groupCounts(window.groups, positive);
    const budget = alarmBudget(spec, context);
    const half = { page: budget.page / 2, warn: budget.warn / 2 };
    const sequential = stepSequential(state.sequential ?? emptySequential(), all, context?.start ?? 0, {
      ratio: numberParam(spec, 'sequentialRatio', 0.5),
      minRun: numberParam(spec, 'minRun', 400),
      alpha: half,
    });
    const next = { ...state, positive, sequential };
    const groups = all.filter((g) => g.total >= numberParam(spec, 'minGroup', 30));
    const alarm = sequential.alarm;
    if (groups.length < 2 && !alarm) return { state: next, verdict: null };
    const line = numberParam(spec, 'ratio', 0.8);
    const run = runEvidence(sequential);
    const test = groups.length >= 2 ? windowTest(groups, line, half) : null;
    const level = higher(test?.level ?? 'ok', alarm?.level ?? 'ok');
    // When a group's CUSUM decides, the ratio shown is that group's over the rest across its run.
    const chartDecides = alarm !== null && RANK[alarm.level] >= RANK[test?.level ?? 'ok'];
    const ratio = (chartDecides ? run.runSegmentOverRest : test?.ratio) ?? test?.ratio ?? 1;
    return {
      state: next,
      verdict: {
        level,
        score: alarm ? 1 : ratio < line ? 1 - (test?.pValue ?? 1) : 0,
        statistic: ratio,
        threshold: line,
        detail: { ...(test?.detail ?? {}), pageAlpha: half.page, warnAlpha: half.warn, ...run },
      },
    };
  },
};

/** The window alone: the disparate impact ratio, and a chi-square test of the groups at `alpha`. */
function windowTest(
  groups: ReadonlyArray<{ selected: number; total: number }>,
  line: number,
  alpha: { page: number; warn: number },
): { level: Level; ratio: number; pValue: number; detail: Record<string, number> } {
  const rates = groups.map((g) => g.selected / g.total);
  const high = Math.max(...rates);
  const low = Math.min(...rates);
  const ratio = high === 0 ? 1 : low / high;
  const { pValue } = chiSquareContingency(groups.map((g) => [g.selected, g.total - g.selected]));
  const level: Level =
    ratio < line && pValue < alpha.page ? 'page' : ratio < line && pValue < alpha.warn ? 'warn' : 'ok';
  return {
    level,
    ratio,
    pValue,
    detail: {
      disparateImpact: ratio,
      parityDifference: high - low,
      lowestRate: low,
      highestRate: high,
      groups: groups.length,
      pValue,
    },
  };
}

const RANK: Record<Level, number> = { ok: 0, warn: 1, page: 2 };
const higher = (a: Level, b: Level): Level => (RANK[a] >= RANK[b] ? a : b);

/** Each group's size and selections in a window. */
function groupCounts(
  groups: Record<string, Record<string, number>>,
  positive: string,
): Array<{ name: string; total: number; selected: number }> {
  return Object.entries(groups).map(([name, outcomes]) => {
    const total = Object.values(outcomes).reduce((a, b) => a + b, 0);
    return { name, total, selected: outcomes[positive] ?? 0 };
  });
}

/** The groups the window test judges: those of at least `minGroup` (30) decisions. */
function judgedGroups(
  groups: Record<string, Record<string, number>>,
  positive: string,
  spec: MonitorSpec,
): Array<{ name: string; total: number; selected: number }> {
  const minGroup = numberParam(spec, 'minGroup', 30);
  return groupCounts(groups, positive).filter((g) => g.total >= minGroup);
}

/** Groups a selection chart shows: the largest, when there are more. */
const MAX_GROUPS = 50;

export interface SelectionRates {
  /** The outcome whose share is the selection rate. */
  positive: string;
  /** Groups the detector judged, by name, each with its selection rate. */
  groups: Array<{ group: string; selected: number; total: number; rate: number }>;
}

/**
 * Each judged group's selection rate in a window, for the evidence of a fairness alert.
 * `state` is the detector's after judging; undefined while it has no favourable outcome.
 */
export function selectionRates(state: FairnessState, window: Aggregate, spec: MonitorSpec): SelectionRates | undefined {
  if (window.kind !== 'selection' || state.positive === null) return undefined;
  const groups = judgedGroups(window.groups, state.positive, spec)
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name))
    .slice(0, MAX_GROUPS)
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    positive: state.positive,
    groups: groups.map((g) => ({ group: g.name, selected: g.selected, total: g.total, rate: g.selected / g.total })),
  };
}

function rarest(outcomes: Record<string, number>): string | null {
  const entries = Object.entries(outcomes).sort(([a, x], [b, y]) => x - y || a.localeCompare(b));
  return entries.length >= 2 ? entries[0]![0] : null;
}

/**
 * The group whose CUSUM decided the last window, and the start of its run (the change's onset),
 * or undefined when the window test alone decided or nothing did: what the engine names the
 * alert's segment and onset after.
 */
export function sequentialAlarm(state: FairnessState): { group: string; start: number } | undefined {
  const alarm = state.sequential?.alarm;
  return alarm ? { group: alarm.group, start: alarm.start } : undefined;
}

import type { Level } from '../detector';
import { chiSquareContingency } from '../stats';
import type { Aggregate } from './aggregate';
import type { MonitorSpec } from './monitor';
import { alarmBudget, numberParam } from './significance';
import type { WindowDetector } from './window-detector';

export interface FairnessState {
  baselineWindows: number;
  /** Outcome counts over the reference period, to pick the favourable outcome when not configured. */
  outcomes: Record<string, number>;
  positive: string | null;
}

/**
 * Fairness across the values of a segment key: each group's selection rate (share of the
 * `positive` outcome; by default the rarer outcome of the reference period, as declines, hires
 * and approvals under review usually are), the disparate impact ratio (lowest rate ÷ highest,
 * the four-fifths rule says below 0.8 is adverse) and the demographic parity difference. A
 * ratio under the line alerts only when a chi-square test says the groups really differ, at
 * the budget's per-window levels. Groups smaller than `minGroup` (30) are left out.
 */
export const fairnessDetector: WindowDetector<FairnessState> = {
  create: (spec) => ({
    baselineWindows: 0,
    outcomes: {},
    positive: typeof spec.params.positive === 'string' ? spec.params.positive : null,
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
    const groups = judgedGroups(window.groups, positive, spec);
    if (groups.length < 2) return { state: { ...state, positive }, verdict: null };
    const rates = groups.map((g) => g.selected / g.total);
    const high = Math.max(...rates);
    const low = Math.min(...rates);
    const ratio = high === 0 ? 1 : low / high;
    const { pValue } = chiSquareContingency(groups.map((g) => [g.selected, g.total - g.selected]));
    const budget = alarmBudget(spec, context);
    const line = numberParam(spec, 'ratio', 0.8);
    const level: Level =
      ratio < line && pValue < budget.page ? 'page' : ratio < line && pValue < budget.warn ? 'warn' : 'ok';
    return {
      state: { ...state, positive },
      verdict: {
        level,
        score: ratio < line ? 1 - pValue : 0,
        statistic: ratio,
        threshold: line,
        detail: {
          disparateImpact: ratio,
          parityDifference: high - low,
          lowestRate: low,
          highestRate: high,
          groups: groups.length,
          pValue,
          pageAlpha: budget.page,
          warnAlpha: budget.warn,
        },
      },
    };
  },
};

/** Each group's size and selections; groups smaller than `minGroup` (30) are left out. */
function judgedGroups(
  groups: Record<string, Record<string, number>>,
  positive: string,
  spec: MonitorSpec,
): Array<{ name: string; total: number; selected: number }> {
  const minGroup = numberParam(spec, 'minGroup', 30);
  return Object.entries(groups)
    .map(([name, outcomes]) => {
      const total = Object.values(outcomes).reduce((a, b) => a + b, 0);
      return { name, total, selected: outcomes[positive] ?? 0 };
    })
    .filter((g) => g.total >= minGroup);
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

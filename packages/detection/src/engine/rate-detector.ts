import type { Level } from '../detector';
import { binomialCriticalCount, binomialTest } from '../stats';
import { alarmBudget } from './significance';
import type { WindowDetector } from './window-detector';

export interface RateState {
  /** Windows folded into the baseline so far. */
  baselineWindows: number;
  baselineHits: number;
  baselineTrials: number;
}

/**
 * A harm-signal rate (PII, refusals, negative feedback, errors) against its baseline: an exact
 * one-sided binomial test of each window's hits, at the per-window levels the monitor's
 * false-alarm budget allows. The baseline is the rate over the reference period, with half a
 * hit added so a clean baseline still leaves room for chance.
 */
export const rateDetector: WindowDetector<RateState> = {
  create: () => ({ baselineWindows: 0, baselineHits: 0, baselineTrials: 0 }),
  judge(state, window, spec, context) {
    if (window.kind !== 'rate') throw new Error(`rate watches a rate signal, not ${spec.signal}`);
    if (state.baselineWindows < spec.baselineWindows) {
      return {
        state: {
          baselineWindows: state.baselineWindows + 1,
          baselineHits: state.baselineHits + window.hits,
          baselineTrials: state.baselineTrials + window.trials,
        },
        verdict: null,
      };
    }
    if (window.trials === 0) return { state, verdict: null };
    const baseline = (state.baselineHits + 0.5) / (state.baselineTrials + 1);
    const budget = alarmBudget(spec, context);
    const { pValue } = binomialTest(window.hits, window.trials, baseline);
    const level: Level = pValue < budget.page ? 'page' : pValue < budget.warn ? 'warn' : 'ok';
    const alpha = level === 'page' ? budget.page : budget.warn;
    const rate = window.hits / window.trials;
    return {
      state,
      verdict: {
        level,
        score: 1 - pValue,
        statistic: rate,
        // The rate that would have been enough to alert at this level, for this many events.
        threshold: Math.min(1, binomialCriticalCount(window.trials, baseline, alpha) / window.trials),
        detail: {
          baselineRate: baseline,
          pValue,
          hits: window.hits,
          trials: window.trials,
          pageAlpha: budget.page,
          warnAlpha: budget.warn,
        },
      },
    };
  },
};

import type { WindowDetector } from './window-detector';

/**
 * Zero tolerance: any hit pages ("any PII in an output alerts"). No baseline, no budget: a
 * single occurrence is the incident.
 */
export const zeroTolerance: WindowDetector<Record<string, never>> = {
  create: () => ({}),
  judge(state, window) {
    if (window.kind !== 'rate') throw new Error('zero_tolerance watches a rate signal');
    const hits = window.hits;
    return {
      state,
      verdict: {
        level: hits > 0 ? 'page' : 'ok',
        score: hits > 0 ? 1 : 0,
        statistic: hits,
        threshold: 1,
        detail: { hits, trials: window.trials },
      },
    };
  },
};

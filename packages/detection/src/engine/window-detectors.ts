import type { Verdict } from '../detector';
import type { Aggregate } from './aggregate';
import { cusumDetector, ewmaDetector, shewhartDetector } from './chart-detectors';
import { driftDetector } from './drift-detector';
import { fairnessDetector } from './fairness-detector';
import type { DetectorName, MonitorSpec } from './monitor';
import { rateDetector } from './rate-detector';

/**
 * A detector as the engine runs it: it judges whole windows of one signal. `judge` returns no
 * verdict while the reference period is still filling. State is plain data.
 */
export interface WindowDetector<State = unknown> {
  create(spec: MonitorSpec): State;
  judge(state: State, window: Aggregate, spec: MonitorSpec): { state: State; verdict: Verdict | null };
}

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

const DETECTORS: Partial<Record<DetectorName, WindowDetector>> = {
  zero_tolerance: zeroTolerance as WindowDetector,
  rate: rateDetector as WindowDetector,
  drift: driftDetector as WindowDetector,
  fairness: fairnessDetector as WindowDetector,
  shewhart: shewhartDetector as WindowDetector,
  ewma: ewmaDetector as WindowDetector,
  cusum: cusumDetector as WindowDetector,
};

export function hasDetector(name: DetectorName): boolean {
  return DETECTORS[name] !== undefined;
}

export function detectorFor(name: DetectorName): WindowDetector {
  const detector = DETECTORS[name];
  if (!detector) throw new Error(`detector ${name} is not available`);
  return detector;
}

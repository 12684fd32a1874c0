import { cusumDetector, ewmaDetector, shewhartDetector } from './chart-detectors';
import { driftDetector } from './drift-detector';
import { fairnessDetector } from './fairness-detector';
import type { DetectorName } from './monitor';
import { rateDetector } from './rate-detector';
import { seasonalDetector } from './seasonal-detector';
import type { WindowDetector } from './window-detector';
import { zeroTolerance } from './zero-tolerance';

/** The window detectors by name: the registry the engine and the series runner look detectors up in. */
const DETECTORS: Partial<Record<DetectorName, WindowDetector>> = {
  zero_tolerance: zeroTolerance as WindowDetector,
  rate: rateDetector as WindowDetector,
  seasonal: seasonalDetector as WindowDetector,
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

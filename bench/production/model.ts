/**
 * The ground truth of the production-telemetry benchmark (issue 10): what bench/production/generate.ts
 * writes beside the telemetry as manifest.json, and what bench/production/score.ts scores alerts
 * against. Kept in its own file so the scorer does not depend on the generator.
 */

export type FailureShape = 'abrupt' | 'gradual' | 'label-only';

/** Minutes from the true onset within which a failure of each shape must be detected. */
export const DEADLINE_MINUTES: Record<FailureShape, number> = { abrupt: 10, gradual: 30, 'label-only': 120 };

/** After a failure ends, alerts on its system are still attributed to it for this long. */
export const AFTERMATH_MS = 2 * 3_600_000;

/** One injected failure. Times are ISO-8601. */
export interface Failure {
  id: string;
  system: string;
  kind: string;
  /** The true start; for a ramp, the start of the ramp. */
  onset: string;
  /** When the system has recovered. */
  end: string;
  shape: FailureShape;
  deadlineMinutes: number;
  /** Present for a segment-local failure: the segment it sits in, e.g. `{"tenant":"globex"}`. */
  segment?: Record<string, string>;
  /** Signals it moves (informative only: the scorer takes any alert on the system). */
  signals: string[];
  /**
   * Until when alerts on the system are attributed to this failure rather than counted false:
   * end + 2 h, and for a label-only failure also the longest label delay, since its labels keep
   * arriving after the system recovered.
   */
  attributedUntil: string;
  /** What happened, for people reading the manifest. */
  story: string;
}

export interface Interval {
  start: string;
  end: string;
}

export interface Manifest {
  bench: 'production';
  seed: number;
  scale: number;
  days: number;
  cleanDays: number;
  start: string;
  end: string;
  systems: string[];
  failures: Failure[];
  /** Per system, the time outside every failure's [onset, attributedUntil]: where any alert is false. */
  clean: Record<string, Interval[]>;
  /** Benign changes, informative: new model, prompt or policy versions with small shifts. */
  deploys: Array<{ system: string; at: string; field: 'model' | 'prompt' | 'policy'; version: string; note: string }>;
  /** Benign traffic surges after a campaign (volume ×factor for the interval). */
  surges: Array<{ system: string; start: string; end: string; factor: number }>;
  /** Events written, per system and kind. */
  events: Record<string, Record<string, number>>;
  total: number;
}

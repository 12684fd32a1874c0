/**
 * The shape every streaming detector has, so the runtime can run any of them, snapshot them and
 * move them between workers: state is a plain JSON-serialisable object, updates are pure
 * functions of (state, observation), and time only ever arrives inside the observation.
 */

/** Alert levels a detector can reach; `ok` means nothing to say. */
export type Level = 'ok' | 'warn' | 'page';

export interface Verdict {
  level: Level;
  /** How anomalous this observation is, in [0, 1] (the score NAB evaluates). */
  score: number;
  /** The statistic compared with the thresholds (a z-score, a CUSUM sum, a PSI…). */
  statistic: number;
  /** The threshold the statistic crossed for `level` (or the warn threshold when `ok`). */
  threshold: number;
  /** Anything else worth showing as evidence: window mean, baseline, p-value. */
  detail?: Record<string, number>;
}

export interface Observation {
  /** Milliseconds since the epoch, from the telemetry; detectors never read a clock. */
  at: number;
  value: number;
}

/**
 * A detector: `create` makes its initial state from parameters; `update` folds one observation
 * in and says what it sees. Both are pure; `JSON.parse(JSON.stringify(state))` restores exactly.
 */
export interface Detector<Params, State> {
  readonly name: string;
  create(params: Params): State;
  update(state: State, observation: Observation): { state: State; verdict: Verdict };
}

/** Restores a snapshot taken with JSON.stringify: detector states are plain data, so this is the identity on them. */
export function restore<State>(snapshot: string): State {
  return JSON.parse(snapshot) as State;
}

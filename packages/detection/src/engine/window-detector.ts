import type { Verdict } from '../detector';
import type { Aggregate } from './aggregate';
import type { CohortScan } from './label-cohorts';
import type { MonitorSpec } from './monitor';

/**
 * What the engine tells a detector about the window it judges, beyond the window itself: when
 * it was, how much of the system's false-alarm budget this series may spend, and what changed.
 * Plain data derived from the engine's state, so judging stays a pure function.
 */
export interface JudgeContext {
  /** Window start and end (ms since the epoch, event time). */
  start: number;
  end: number;
  /**
   * Per-window false-alarm probabilities this series may spend: its share of the system's
   * budget (a page a month, a warning a week by default), after any dismissals tuned it down.
   */
  alpha: { page: number; warn: number };
  /** The series is firing: its windows do not teach the baseline. */
  firing: boolean;
  /** The system's latest deploy: a model, prompt or policy version first seen at `at`. */
  deploy?: { at: number; what: string };
  /** Set on the first window after an alert of this series was dismissed: take the current level as normal. */
  rebaseline?: boolean;
  /**
   * For the system-wide error rate: the most surprising run of recent prediction cohorts by
   * their labels so far (label-cohorts.ts), null while there is too little to judge. Present
   * only where the scan runs, so a detector knows it shares the series' level with it.
   */
  labels?: CohortScan | null;
}

/**
 * A detector as the engine runs it: it judges whole windows of one signal. `judge` returns no
 * verdict while the reference period is still filling. Without a context (a series scored
 * alone, a test) a detector spends its monitor's own budget (ADR 8). State is plain data. Detectors that learn
 * over days say so through `learning`.
 */
export interface WindowDetector<State = unknown> {
  create(spec: MonitorSpec): State;
  judge(
    state: State,
    window: Aggregate,
    spec: MonitorSpec,
    context?: JudgeContext,
  ): { state: State; verdict: Verdict | null };
  /** Whether the detector is still learning what normal is (it pages on nothing while it is). */
  learning?(state: State, spec: MonitorSpec): boolean;
}

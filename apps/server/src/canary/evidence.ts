import type { CanaryEvidence, CanaryReason, CanarySeriesEvidence, CanaryStepRecord } from '@firebreak/contract';
import { canary } from '@firebreak/detection';

/** What the analysis needs of a run. */
export interface AnalysedRun {
  baseline: string;
  candidate: string;
  signals: readonly string[];
  /** How each signal is judged; a signal left out takes the analysis' defaults. */
  signalSettings?: Readonly<Record<string, canary.SignalSettings>>;
  segmentBy: string | null;
  alpha: number;
  tests: number;
  steps: readonly CanaryStepRecord[];
}

/**
 * The series a run judges, each with one period per step: every signal overall, then every
 * signal in each segment value with counts of its own. Each step is a period because the
 * candidate's share is constant within it (docs/canary-analysis.md).
 */
export function observationsOf(run: AnalysedRun): canary.SignalObservation[] {
  const values = [
    ...new Set(run.steps.flatMap((s) => [...Object.keys(s.baseline.segments), ...Object.keys(s.candidate.segments)])),
  ].sort();
  const series: canary.SignalObservation[] = [];
  for (const signal of run.signals) {
    series.push({
      signal,
      periods: run.steps.map((s) => period(s.baseline, s.candidate, signal)),
    });
  }
  for (const value of values) {
    for (const signal of run.signals) {
      series.push({
        signal,
        segment: { [run.segmentBy ?? 'segment']: value },
        periods: run.steps.map((s) => period(s.baseline.segments[value], s.candidate.segments[value], signal)),
      });
    }
  }
  return series;
}

type Counts = { events: number; flagged: Record<string, number> } | undefined;

function period(baseline: Counts, candidate: Counts, signal: string): canary.RateCounts {
  return {
    baselineEvents: baseline?.events ?? 0,
    baselineFlagged: baseline?.flagged[signal] ?? 0,
    candidateEvents: candidate?.events ?? 0,
    candidateFlagged: candidate?.flagged[signal] ?? 0,
  };
}

/** The verdict on every series of a run so far. */
export function verdictsOf(run: AnalysedRun): canary.SignalVerdict[] {
  return canary.analyseCanary(observationsOf(run), analysisOptions(run));
}

/** The run's budget and signal settings, as analyseCanary takes them. */
function analysisOptions(run: AnalysedRun): canary.CanaryAnalysisOptions {
  return {
    alpha: run.alpha,
    tests: run.tests,
    ...(run.signalSettings ? { signals: run.signalSettings } : {}),
  };
}

/**
 * The evidence behind a run's verdicts, for the timeline and a chart: per series its counts per
 * step, the log-likelihood ratio after each step, the limits, and the rates over the whole run.
 */
export function evidenceOf(run: AnalysedRun): CanaryEvidence {
  const observations = observationsOf(run);
  const options = analysisOptions(run);
  const verdicts = canary.analyseCanary(observations, options);
  // The ratio after each step: the same analysis over the periods up to it.
  const byStep = run.steps.map((_, k) =>
    canary.analyseCanary(
      observations.map((o) => ({ ...o, periods: o.periods.slice(0, k + 1) })),
      options,
    ),
  );
  const series = verdicts.map((v, i): CanarySeriesEvidence => {
    const { baselineEvents, baselineFlagged, candidateEvents, candidateFlagged } = v.totals;
    return {
      signal: v.signal,
      ...(v.segment ? { segment: { ...v.segment } } : {}),
      decision: v.decision,
      reason: v.reason,
      gates: v.gates,
      logLikelihoodRatio: finite(v.logLikelihoodRatio),
      abortAt: v.abortAt,
      passAt: v.passAt,
      zeroToleranceLogLikelihoodRatio:
        v.zeroToleranceLogLikelihoodRatio !== null && Number.isFinite(v.zeroToleranceLogLikelihoodRatio)
          ? v.zeroToleranceLogLikelihoodRatio
          : null,
      ratio: v.ratio,
      baselineRate: baselineEvents > 0 ? baselineFlagged / baselineEvents : null,
      candidateRate: candidateEvents > 0 ? candidateFlagged / candidateEvents : null,
      steps: run.steps.map((s, k) => ({
        step: s.step,
        percent: s.percent,
        ...observations[i]!.periods[k]!,
        logLikelihoodRatio: finite(byStep[k]![i]!.logLikelihoodRatio),
      })),
    };
  });
  return { baseline: run.baseline, candidate: run.candidate, alpha: run.alpha, tests: run.tests, series };
}

/** A reason of the analysis as the API shows it (no infinities: JSON and the timeline hash cannot take them). */
export function presentReason(reason: canary.CanaryStepReason): CanaryReason {
  if (reason.kind !== 'signal') return reason;
  return {
    ...reason,
    ...(reason.segment ? { segment: { ...reason.segment } } : {}),
    logLikelihoodRatio: finite(reason.logLikelihoodRatio),
  };
}

const finite = (value: number) => (Number.isFinite(value) ? value : value > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE);

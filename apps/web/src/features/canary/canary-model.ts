import type {
  CanaryEvidence,
  CanaryReason,
  CanaryRun,
  CanarySeriesEvidence,
  CanaryStepRecord,
} from '@firebreak/contract';
import { segmentGateText, seriesName } from '@firebreak/core';

/** A rate as a percentage, to two decimals; a dash when nothing was served. */
export function percentText(rate: number | null | undefined): string {
  return typeof rate === 'number' && Number.isFinite(rate) ? `${(rate * 100).toFixed(2)}%` : '—';
}

/** Flagged over served; null when nothing was served. */
export const rateOf = (flagged: number, events: number): number | null => (events > 0 ? flagged / events : null);

/**
 * The series to chart: those that aborted the run, else the overall series closest to its abort
 * bound (the one a responder would watch), so a chart always shows what decided or is deciding.
 */
export function decidingSeries(evidence: CanaryEvidence): CanarySeriesEvidence[] {
  const aborted = evidence.series.filter((s) => s.decision === 'abort');
  if (aborted.length > 0) return aborted.slice(0, 2);
  const overall = evidence.series.filter((s) => !s.segment && s.steps.length > 0);
  const closest = [...overall].sort(
    (a, b) => b.logLikelihoodRatio / Math.abs(b.abortAt || 1) - a.logLikelihoodRatio / Math.abs(a.abortAt || 1),
  )[0];
  return closest ? [closest] : [];
}

/** One step of a chart: the two rates with their counts. */
export interface CanaryChartStep {
  label: string;
  baseline: number | null;
  candidate: number | null;
  baselineText: string;
  candidateText: string;
  logLikelihoodRatio: number;
}

/** A series as the chart draws it, with a sentence for screen readers. */
export interface CanaryChartModel {
  title: string;
  steps: CanaryChartStep[];
  summary: string;
  bounds: string;
  /** The sequential test: its log-likelihood ratio after each step, against the bounds that end it. */
  test: { abortAt: number; passAt: number; summary: string };
}

export function chartModel(evidence: CanaryEvidence, series: CanarySeriesEvidence): CanaryChartModel {
  const steps = series.steps.map((step) => {
    const baseline = rateOf(step.baselineFlagged, step.baselineEvents);
    const candidate = rateOf(step.candidateFlagged, step.candidateEvents);
    return {
      label: `${step.percent}%`,
      baseline,
      candidate,
      baselineText: `${percentText(baseline)} (${step.baselineFlagged}/${step.baselineEvents})`,
      candidateText: `${percentText(candidate)} (${step.candidateFlagged}/${step.candidateEvents})`,
      logLikelihoodRatio: step.logLikelihoodRatio,
    };
  });
  const name = seriesName(series);
  const perStep = steps
    .map((step) => `at ${step.label}: candidate ${percentText(step.candidate)}, baseline ${percentText(step.baseline)}`)
    .join('; ');
  const verdict =
    series.decision === 'abort'
      ? 'The candidate is worse: the test crossed its abort bound.'
      : series.decision === 'pass'
        ? 'The candidate is no worse: the test crossed its pass bound.'
        : 'Not decided yet.';
  const llr = series.logLikelihoodRatio.toFixed(2);
  const standing =
    series.decision === 'abort'
      ? `crossed the abort bound ${series.abortAt.toFixed(2)}`
      : series.decision === 'pass'
        ? `crossed the pass bound ${series.passAt.toFixed(2)}`
        : `between the pass bound ${series.passAt.toFixed(2)} and the abort bound ${series.abortAt.toFixed(2)}`;
  const zero =
    series.zeroToleranceLogLikelihoodRatio === null
      ? ''
      : `; zero-tolerance test ${series.zeroToleranceLogLikelihoodRatio.toFixed(2)}`;
  return {
    title: `${name}: ${evidence.candidate} (candidate) against ${evidence.baseline} (baseline), per step`,
    steps,
    summary: `${perStep}. ${verdict}`,
    bounds: `Evidence of harm (log-likelihood ratio) ${llr}: ${standing}${zero}.`,
    test: {
      abortAt: series.abortAt,
      passAt: series.passAt,
      summary: `Log-likelihood ratio after each step: ${steps
        .map((step) => `${step.label} ${step.logLikelihoodRatio.toFixed(2)}`)
        .join(', ')}; aborts at ${series.abortAt.toFixed(2)}, passes at ${series.passAt.toFixed(2)}.`,
    },
  };
}

const minutes = (ms: number) => `${Math.max(1, Math.ceil(ms / 60_000))} min`;

function reasonText(reason: CanaryReason): string | undefined {
  switch (reason.kind) {
    case 'min_duration':
      return `at least ${minutes(reason.remainingMs ?? 0)} more`;
    case 'min_candidate_events':
      return `${reason.remaining ?? '?'} more candidate events`;
    case 'approval_needed':
      return reason.message ?? 'a person must approve';
    case 'segment_gate':
      return segmentGateText(reason);
    default:
      return undefined;
  }
}

/** What a step's decision says, in words, and who accepted its residual risk if anyone did. */
export function stepVerdict(run: CanaryRun, step: CanaryStepRecord): string {
  const accepted = (step.risksAccepted ?? []).map(
    (r) => `residual risk of ${r.series.join(', ')} accepted by ${r.by}: ${r.reason}`,
  );
  return [decisionVerdict(run, step), ...accepted].join(' · ');
}

function decisionVerdict(run: CanaryRun, step: CanaryStepRecord): string {
  const decision = step.decision;
  if (!decision) return 'no verdict yet';
  const signals = decision.reasons.filter((r) => r.kind === 'signal');
  const worse = signals.filter((r) => r.decision === 'abort').map(seriesName);
  switch (decision.action) {
    case 'abort':
      return `aborted: ${worse.join(', ') || 'a signal'} worse on the candidate; back to ${run.baseline}`;
    case 'complete':
      return `passed: ${run.candidate} is now active`;
    case 'advance': {
      const next = run.plan[step.step + 1]?.percent;
      const gate = decision.reasons.find((r) => r.kind === 'segment_gate');
      // Who accepted a risk is said after the verdict, in full.
      const lapsed = gate ? segmentGateText({ ...gate, riskAccepted: step.risksAccepted ? 0 : gate.riskAccepted }) : '';
      return `passed: stepped up${next === undefined ? '' : ` to ${next}%`}${lapsed ? ` (${lapsed})` : ''}`;
    }
    case 'hold': {
      // Who accepted a risk is said after the verdict, in full.
      const waiting = decision.reasons
        .map((r) => (r.kind === 'segment_gate' && step.risksAccepted ? { ...r, riskAccepted: 0 } : r))
        .map(reasonText)
        .filter((text): text is string => text !== undefined);
      const open = signals.filter((r) => r.decision === 'continue').length;
      const parts = [...waiting, ...(open > 0 ? [`${open} of ${signals.length} signals not decided`] : [])];
      return `holding${parts.length > 0 ? `: ${parts.join('; ')}` : ''}`;
    }
  }
}

/**
 * Where a step stands: done, running, ended here (the run stopped on it), not reached; a
 * completed run's last step (100%) is the candidate serving everything.
 */
export function stepState(
  run: CanaryRun,
  index: number,
): 'done' | 'running' | 'ended here' | 'not reached' | 'candidate active' {
  const record = run.steps.find((s) => s.step === index);
  if (!record) return run.state === 'completed' && index === run.plan.length - 1 ? 'candidate active' : 'not reached';
  if (record.endedAt === null) return run.state === 'running' ? 'running' : 'ended here';
  return index === run.step && run.state !== 'running' && run.state !== 'completed' ? 'ended here' : 'done';
}

/** `aborted at 5%`, `running at 25%`… */
export function runStateText(run: CanaryRun): string {
  const percent = run.plan[run.step]?.percent;
  const at = percent === undefined ? '' : ` at ${percent}%`;
  switch (run.state) {
    case 'running':
      return `running${at}`;
    case 'aborted':
      return `aborted${at}: back to ${run.baseline}`;
    case 'completed':
      return `completed: ${run.candidate} is active`;
    case 'cancelled':
      return `cancelled${at}`;
  }
}

/** Each watched signal's baseline and candidate rate per step, overall (not by segment). */
export function signalRates(run: CanaryRun) {
  return run.signals.map((signal) => ({
    signal,
    steps: run.steps.map((step) => ({
      step: step.step,
      percent: step.percent,
      baseline: rateOf(step.baseline.flagged[signal] ?? 0, step.baseline.events),
      candidate: rateOf(step.candidate.flagged[signal] ?? 0, step.candidate.events),
    })),
  }));
}

/**
 * The zero-tolerance segment series a running canary's current step waits on for a person, by
 * the latest decision (`pii{tenant=initech}`); empty when none does, or the run is not running.
 */
export function awaitingAcceptance(run: CanaryRun): string[] {
  if (run.state !== 'running') return [];
  const decision = run.steps.find((s) => s.step === run.step)?.decision;
  const gate = decision?.reasons.find((r) => r.kind === 'segment_gate');
  if (!decision || !gate?.zeroTolerance) return [];
  const accepted = new Set(run.steps.find((s) => s.step === run.step)?.risksAccepted?.flatMap((r) => r.series));
  const zeroTolerance = new Set(
    Object.entries(run.signalSettings)
      .filter(([, settings]) => settings.zeroTolerance)
      .map(([signal]) => signal),
  );
  return decision.reasons
    .filter((r) => r.kind === 'signal' && r.segment && r.gates && r.decision === 'continue')
    .filter((r) => zeroTolerance.has(r.signal ?? ''))
    .map(seriesName)
    .filter((name) => !accepted.has(name));
}

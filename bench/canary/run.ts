/**
 * One canary run of the benchmark, by the sequential analysis (analyseCanary + decideCanaryStep)
 * or by a fixed-horizon baseline: a one-sided exact binomial test of each series' candidate flags
 * given the step's flags (the conditional test at its end, stats.binomialTest, scipy-checked) at
 * the end of each step, with α split over the series and the steps. `fixed` ends a step at the
 * plan's minimums; `fixed-power` also waits, on `pass` steps, for the sample an oracle that
 * knows the base rates computes for power 1 − β at r1 = 2 on every overall series.
 */
import { type canary as Canary, canary, mulberry32, stats } from '@firebreak/detection';
import { type AiSystem, type Regression, type Stickiness, seriesOf, Traffic } from './traffic';

export type Method = 'sequential' | 'fixed' | 'fixed-power';

export interface RunOutcome {
  result: 'abort' | 'complete' | 'held';
  /** Minutes from the canary's start to the decision (or the horizon when held). */
  minute: number;
  /** The step the canary was on when it ended. */
  step: number;
  /** Candidate events served up to the decision. */
  candidateEvents: number;
  /** The series that aborted, `signal` or `signal{key=value}`. */
  abortedBy: string[];
  /** A simulated person accepted a step's residual risk on the way (settings.acceptRiskAfterMinutes). */
  riskAccepted: boolean;
}

export interface RunSettings {
  plan: readonly Canary.CanaryStep[];
  alpha: number;
  beta: number;
  horizonMinutes: number;
  /** Segments' series must pass too before a step advances (analyseCanary's gateSegments). */
  gateSegments: boolean;
  /**
   * A person who accepts the residual risk of a step's undecided zero-tolerance segment series
   * once the step has lasted this many minutes (decideCanaryStep's riskAccepted). Absent: nobody
   * does, and such a step holds until the series pass or abort.
   */
  acceptRiskAfterMinutes?: number;
  /** Sticky assignment to users who differ (bench/canary/traffic.ts); absent: every request independent. */
  sticky?: Stickiness;
  /** r0 for every signal (analyseCanary's defaults); absent: 1. */
  r0?: number;
}

const label = (system: AiSystem, s: { signal: string; segment?: string }) =>
  s.segment === undefined ? s.signal : `${s.signal}{${system.segmentKey}=${s.segment}}`;

export function runCanary(
  system: AiSystem,
  seed: number,
  method: Method,
  settings: RunSettings,
  regression?: Regression,
): RunOutcome {
  const traffic = new Traffic(system, mulberry32(seed), regression, settings.sticky);
  const series = seriesOf(system);
  const tests = series.length;
  const { plan } = settings;
  const periods: Canary.RateCounts[][] = series.map(() => []);
  const start = Date.UTC(2026, 11, 6);
  let step = 0;
  let stepStart = 0;
  let stepEvents = 0;
  let candidateEvents = 0;
  let riskAccepted = false;
  for (let minute = 0; minute < settings.horizonMinutes; minute++) {
    const counts = traffic.minute(minute, plan[step]!.percent / 100);
    candidateEvents += counts.candidateEvents;
    stepEvents += counts.candidateEvents;
    counts.series.forEach((c, i) => {
      const period = (periods[i]![step] ??= {
        baselineEvents: 0,
        baselineFlagged: 0,
        candidateEvents: 0,
        candidateFlagged: 0,
      });
      period.baselineEvents += c.n0;
      period.baselineFlagged += c.x0;
      period.candidateEvents += c.n1;
      period.candidateFlagged += c.x1;
    });
    const elapsed = minute + 1;
    const decision =
      method === 'sequential'
        ? sequentialDecision(system, series, periods, settings, tests, step, stepStart, elapsed, stepEvents, start)
        : fixedDecision(system, series, periods, settings, tests, step, elapsed - stepStart, stepEvents, method);
    riskAccepted ||= decision.riskAccepted === true;
    if (decision.action === 'abort') {
      return { result: 'abort', minute: elapsed, step, candidateEvents, abortedBy: decision.abortedBy, riskAccepted };
    }
    if (decision.action === 'complete')
      return { result: 'complete', minute: elapsed, step, candidateEvents, abortedBy: [], riskAccepted };
    if (decision.action === 'advance') {
      step++;
      stepStart = elapsed;
      stepEvents = 0;
    }
  }
  return { result: 'held', minute: settings.horizonMinutes, step, candidateEvents, abortedBy: [], riskAccepted };
}

interface Decision {
  action: Canary.CanaryAction;
  abortedBy: string[];
  /** The decision was taken with a step's residual risk accepted. */
  riskAccepted?: boolean;
}

function sequentialDecision(
  system: AiSystem,
  series: ReturnType<typeof seriesOf>,
  periods: Canary.RateCounts[][],
  settings: RunSettings,
  tests: number,
  step: number,
  stepStart: number,
  elapsed: number,
  stepEvents: number,
  start: number,
): Decision {
  const observations = series.map((s, i) => ({
    signal: s.signal,
    ...(s.segment === undefined ? {} : { segment: { [system.segmentKey]: s.segment } }),
    periods: periods[i]!.filter(Boolean),
  }));
  const verdicts = canary.analyseCanary(observations, {
    alpha: settings.alpha,
    beta: settings.beta,
    tests,
    gateSegments: settings.gateSegments,
    ...(settings.r0 === undefined ? {} : { defaults: { r0: settings.r0 } }),
  });
  const accept = settings.acceptRiskAfterMinutes;
  const riskAccepted = accept !== undefined && elapsed - stepStart >= accept;
  const decision = canary.decideCanaryStep({
    plan: settings.plan,
    step,
    stepStartedAt: new Date(start + stepStart * 60_000),
    now: new Date(start + elapsed * 60_000),
    stepCandidateEvents: stepEvents,
    verdicts,
    ...(riskAccepted ? { acceptedSeries: verdicts.map(canary.seriesName) } : {}),
  });
  const abortedBy = verdicts.flatMap((v, i) => (v.decision === 'abort' ? [label(system, series[i]!)] : []));
  // Only an acceptance that changed the outcome counts: the step would have held without it.
  const heldWithout =
    riskAccepted &&
    decision.action !== 'hold' &&
    decision.action !== 'abort' &&
    decision.reasons.some((r) => r.kind === 'segment_gate' && (r.riskAccepted ?? 0) > 0);
  return { action: decision.action, abortedBy, riskAccepted: heldWithout };
}

/** At the end of each step (its minimums met), every series is tested once on the step's own counts. */
function fixedDecision(
  system: AiSystem,
  series: ReturnType<typeof seriesOf>,
  periods: Canary.RateCounts[][],
  settings: RunSettings,
  tests: number,
  step: number,
  stepMinutes: number,
  stepEvents: number,
  method: Method,
): Decision {
  const { plan } = settings;
  const current = plan[step]!;
  const looks = plan.length - 1;
  const level = settings.alpha / (tests * looks);
  const needed =
    method === 'fixed-power' && current.gate === 'pass'
      ? poweredCandidateEvents(system, current.percent / 100, level, settings.beta)
      : 0;
  if (stepMinutes * 60_000 < current.minDurationMs || stepEvents < Math.max(current.minCandidateEvents, needed)) {
    return { action: 'hold', abortedBy: [] };
  }
  const abortedBy: string[] = [];
  series.forEach((s, i) => {
    const c = periods[i]![step];
    if (!c) return;
    const flags = c.baselineFlagged + c.candidateFlagged;
    if (flags === 0 || c.candidateEvents === 0) return;
    const share = c.candidateEvents / (c.candidateEvents + c.baselineEvents);
    if (stats.binomialTest(c.candidateFlagged, flags, share, 'greater').pValue <= level) {
      abortedBy.push(label(system, s));
    }
  });
  if (abortedBy.length > 0) return { action: 'abort', abortedBy };
  return { action: plan[step + 1]!.percent === 100 ? 'complete' : 'advance', abortedBy };
}

/**
 * Candidate events a step at `share` needs for the one-sided conditional binomial test at `level`
 * to find a doubled rate with power 1 − β on every overall series (normal approximation, the
 * flags expected at the system's mean rate): the sample a fixed-horizon design must fix in advance.
 */
export function poweredCandidateEvents(system: AiSystem, share: number, level: number, beta: number): number {
  const pi0 = share;
  const pi1 = (2 * share) / (1 + share);
  const za = stats.normalQuantile(1 - level);
  const zb = stats.normalQuantile(1 - beta);
  const flags = ((za * Math.sqrt(pi0 * (1 - pi0)) + zb * Math.sqrt(pi1 * (1 - pi1))) / (pi1 - pi0)) ** 2;
  let most = 0;
  for (const [signal, base] of Object.entries(system.signals)) {
    const rate = system.segments.reduce((sum, s) => sum + s.share * base * (s.multipliers?.[signal] ?? 1), 0);
    most = Math.max(most, Math.ceil((share * flags) / rate));
  }
  return most;
}

import {
  candidateOnlyLogLikelihoodRatio,
  conditionalLogLikelihoodRatio,
  expectedEventsToPass,
  floorLogLikelihoodRatio,
  type RateCounts,
  sprtLimits,
} from './sprt';

/** One harm signal of a canary, overall or in one segment, with its counts per period. */
export interface SignalObservation {
  /** The flag, e.g. `hallucination_suspected`, `pii`, `error`. */
  signal: string;
  /** Absent for the whole traffic; `{ language: 'de' }` for one segment value. */
  segment?: Readonly<Record<string, string>>;
  /**
   * Cumulative counts per period, oldest first. A period is any stretch over which the
   * candidate's share of traffic did not change (a step, or finer); the evidence is summed over
   * periods, so a harm rate that wanders for both versions alike does not look like harm.
   */
  periods: readonly RateCounts[];
}

/** Per-signal settings; any left out take the analysis' defaults. */
export interface SignalSettings {
  /** H0: the candidate's rate is at most r0 times the baseline's (the tolerance). Default 1. */
  r0?: number;
  /** H1: it is at least r1 times (the harm worth aborting for). Default 2. */
  r1?: number;
  /** Rates under this are treated as this for the exposure-based pass. Default 1e-4. */
  rateFloor?: number;
  /** A flag that should never occur (default for `pii` and `secret`). */
  zeroTolerance?: boolean;
}

/** The budget and hypotheses of a canary's analysis; everything has a default. */
export interface CanaryAnalysisOptions {
  /** Chance that a canary whose harm is nowhere above r0 is aborted, for the whole canary. Default 1e-4. */
  alpha?: number;
  /** Chance that a signal whose harm reached r1 passes. Default 0.01. */
  beta?: number;
  /**
   * How many series (signal × segment) the canary may test, fixed when it starts: α is split
   * evenly across them (Bonferroni). Default: the number of observations given.
   */
  tests?: number;
  /**
   * Whether a step also needs every segment's series to pass (default false: segments can only
   * abort). Gating on segments holds a healthy canary until its smallest segment has shown
   * enough traffic, which for a rare flag can take many hours.
   */
  gateSegments?: boolean;
  /** Defaults for every signal. */
  defaults?: SignalSettings;
  /** Settings by signal name. */
  signals?: Readonly<Record<string, SignalSettings>>;
}

/** `abort`: harm reached r1; `pass`: it stays under; `continue`: not decided yet. */
export type SignalDecision = 'abort' | 'pass' | 'continue';

/**
 * Why a signal decided what it did, for the timeline: `harm_ratio` (the conditional test accepted
 * H1), `zero_tolerance` (a zero-tolerance flag on the candidate, none on the baseline, beyond
 * chance), `ratio_below` (the conditional test accepted H0), `below_floor` (the candidate's rate
 * is shown to be under r1 × the floor), `insufficient_evidence` (neither yet).
 */
export type SignalReason = 'harm_ratio' | 'zero_tolerance' | 'ratio_below' | 'below_floor' | 'insufficient_evidence';

/** What analyseCanary says about one series, with the evidence behind it for the timeline and a chart. */
export interface SignalVerdict {
  signal: string;
  segment?: Readonly<Record<string, string>>;
  decision: SignalDecision;
  reason: SignalReason;
  /** Whether a step needs this signal's pass to advance: overall signals do, segments only with `gateSegments`. */
  gates: boolean;
  /**
   * A zero-tolerance flag (pii, secret, or set so): on a step whose segments gate, its undecided
   * segment series hold the step past the gate's limit until they pass or abort, or a named
   * person accepts the residual risk (decideCanaryStep's `acceptedSeries`).
   */
  zeroTolerance: boolean;
  /** The conditional test's log-likelihood ratio and its limits, for a chart. */
  logLikelihoodRatio: number;
  abortAt: number;
  passAt: number;
  /** The exposure-based test's log-likelihood ratio (passes at `passAt`). */
  floorLogLikelihoodRatio: number;
  /** The zero-tolerance arm's log ratio (aborts at `abortAt`); null when the flag is not zero tolerance. */
  zeroToleranceLogLikelihoodRatio: number | null;
  totals: RateCounts;
  /** Candidate's rate over baseline's on the totals; null while the baseline has no flag. */
  ratio: number | null;
  /**
   * Candidate events this series would need, from no evidence, to pass at the latest period's
   * share if the candidate were no worse (expectedEventsToPass at the baseline's rate so far);
   * Infinity when it cannot be expected to pass, null before a period in which both versions
   * served. A planning figure: decideCanaryStep uses it to stop waiting for a segment too rare to
   * clear.
   */
  expectedEventsToPass: number | null;
}

const DEFAULT_SIGNAL: Required<SignalSettings> = { r0: 1, r1: 2, rateFloor: 1e-4, zeroTolerance: false };
/** Flags ADR 21 already treats as zero tolerance. */
export const ZERO_TOLERANCE_SIGNALS: readonly string[] = ['pii', 'secret'];

/**
 * A signal's settings with every default filled in: `given` where set, else r0 1, r1 2, floor
 * 10⁻⁴, and zero tolerance for `pii` and `secret`. What a run records when it starts, so later
 * changes of the defaults do not change how it is judged.
 *
 * @example
 * resolveSignalSettings('pii'); // { r0: 1, r1: 2, rateFloor: 1e-4, zeroTolerance: true }
 */
export function resolveSignalSettings(signal: string, given: SignalSettings = {}): Required<SignalSettings> {
  return {
    r0: given.r0 ?? DEFAULT_SIGNAL.r0,
    r1: given.r1 ?? DEFAULT_SIGNAL.r1,
    rateFloor: given.rateFloor ?? DEFAULT_SIGNAL.rateFloor,
    zeroTolerance: given.zeroTolerance ?? ZERO_TOLERANCE_SIGNALS.includes(signal),
  };
}

/**
 * Decides every signal of a canary: `abort` (harm reached r1), `pass` (it stays under) or
 * `continue`. Pure: the same observations give the same verdicts.
 *
 * @example
 * analyseCanary([{ signal: 'refusal', periods: [
 *   { baselineEvents: 9500, baselineFlagged: 480, candidateEvents: 500, candidateFlagged: 61 },
 * ] }])[0]?.decision; // 'abort': 12% refusals against 5%
 */
export function analyseCanary(
  observations: readonly SignalObservation[],
  options: CanaryAnalysisOptions = {},
): SignalVerdict[] {
  const alpha = options.alpha ?? 1e-4;
  const beta = options.beta ?? 0.01;
  checkProbability('alpha', alpha);
  checkProbability('beta', beta);
  const tests = options.tests ?? observations.length;
  if (!Number.isInteger(tests) || tests < 1) throw new RangeError(`tests: must be a positive integer, not ${tests}`);
  if (observations.length > tests) {
    throw new RangeError(
      `observations: ${observations.length} series exceed tests (${tests}); raise tests at the start`,
    );
  }
  return observations.map((observation, i) =>
    verdictOf(observation, `observations[${i}]`, alpha / tests, beta, options),
  );
}

function verdictOf(
  observation: SignalObservation,
  path: string,
  alpha: number,
  beta: number,
  options: CanaryAnalysisOptions,
): SignalVerdict {
  const settings = settingsOf(observation.signal, options, path);
  const { r0, r1, rateFloor, zeroTolerance } = settings;
  // A zero-tolerance flag runs two abort arms; each takes half the series' α (Bonferroni).
  const { abortAt, passAt } = sprtLimits(zeroTolerance ? alpha / 2 : alpha, beta);
  const totals: RateCounts = { baselineEvents: 0, baselineFlagged: 0, candidateEvents: 0, candidateFlagged: 0 };
  let llr = 0;
  let zeroLlr = 0;
  observation.periods.forEach((period, j) => {
    checkCounts(period, `${path}.periods[${j}]`);
    llr += conditionalLogLikelihoodRatio(period, r0, r1);
    zeroLlr += candidateOnlyLogLikelihoodRatio(period, r0);
    totals.baselineEvents += period.baselineEvents;
    totals.baselineFlagged += period.baselineFlagged;
    totals.candidateEvents += period.candidateEvents;
    totals.candidateFlagged += period.candidateFlagged;
  });
  const floorLlr = floorLogLikelihoodRatio(totals.candidateEvents, totals.candidateFlagged, rateFloor, r0, r1);
  const [decision, reason] = decide(llr, zeroTolerance ? zeroLlr : Number.NEGATIVE_INFINITY, floorLlr, abortAt, passAt);
  const baselineRate = totals.baselineEvents > 0 ? totals.baselineFlagged / totals.baselineEvents : 0;
  const candidateRate = totals.candidateEvents > 0 ? totals.candidateFlagged / totals.candidateEvents : 0;
  const latest = observation.periods.findLast((p) => p.candidateEvents > 0 && p.baselineEvents > 0);
  return {
    signal: observation.signal,
    ...(observation.segment ? { segment: observation.segment } : {}),
    decision,
    reason,
    gates: observation.segment === undefined || options.gateSegments === true,
    zeroTolerance,
    logLikelihoodRatio: llr,
    abortAt,
    passAt,
    floorLogLikelihoodRatio: floorLlr,
    zeroToleranceLogLikelihoodRatio: zeroTolerance ? zeroLlr : null,
    totals,
    ratio: baselineRate > 0 && totals.candidateEvents > 0 ? candidateRate / baselineRate : null,
    expectedEventsToPass: latest
      ? expectedEventsToPass(
          baselineRate,
          latest.candidateEvents / (latest.candidateEvents + latest.baselineEvents),
          r0,
          r1,
          passAt,
          rateFloor,
        )
      : null,
  };
}

function decide(
  llr: number,
  zeroLlr: number,
  floorLlr: number,
  abortAt: number,
  passAt: number,
): [SignalDecision, SignalReason] {
  if (llr >= abortAt) return ['abort', 'harm_ratio'];
  if (zeroLlr >= abortAt) return ['abort', 'zero_tolerance'];
  if (llr <= passAt) return ['pass', 'ratio_below'];
  if (floorLlr <= passAt) return ['pass', 'below_floor'];
  return ['continue', 'insufficient_evidence'];
}

function settingsOf(signal: string, options: CanaryAnalysisOptions, path: string): Required<SignalSettings> {
  const settings = {
    ...DEFAULT_SIGNAL,
    zeroTolerance: ZERO_TOLERANCE_SIGNALS.includes(signal),
    ...options.defaults,
    ...options.signals?.[signal],
  };
  const { r0, r1, rateFloor } = settings;
  if (!(r0 > 0 && Number.isFinite(r0))) throw new RangeError(`${path}: r0 of ${signal} must be positive, not ${r0}`);
  if (!(r1 > r0 && Number.isFinite(r1))) {
    throw new RangeError(`${path}: r1 of ${signal} must be finite and above r0 (${r0}), not ${r1}`);
  }
  if (!(rateFloor > 0 && rateFloor < 1)) {
    throw new RangeError(`${path}: rateFloor of ${signal} must be in (0, 1), not ${rateFloor}`);
  }
  return settings;
}

function checkProbability(field: string, value: number): void {
  if (!(value > 0 && value < 1)) throw new RangeError(`${field}: must be in (0, 1), not ${value}`);
}

const COUNT_FIELDS = ['baselineEvents', 'baselineFlagged', 'candidateEvents', 'candidateFlagged'] as const;

function checkCounts(counts: RateCounts, path: string): void {
  for (const field of COUNT_FIELDS) {
    const value = counts[field];
    if (!(Number.isInteger(value) && value >= 0)) {
      throw new RangeError(`${path}.${field}: must be a non-negative integer, not ${value}`);
    }
  }
  if (counts.baselineFlagged > counts.baselineEvents) {
    throw new RangeError(`${path}.baselineFlagged: cannot exceed baselineEvents (${counts.baselineEvents})`);
  }
  if (counts.candidateFlagged > counts.candidateEvents) {
    throw new RangeError(`${path}.candidateFlagged: cannot exceed candidateEvents (${counts.candidateEvents})`);
  }
}

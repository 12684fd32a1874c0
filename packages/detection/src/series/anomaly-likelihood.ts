import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

/**
 * Anomaly likelihood (Ahmad, Lavin, Purdy & Agha 2017, "Unsupervised real-time anomaly
 * detection for streaming data", section 4): a raw score in [0, 1] is judged against its own
 * recent history, so one threshold means the same on a noisy series as on a quiet one. The
 * short-term average of the raw score (last `averaging` rows) is compared with a normal fitted
 * to the averages of the last `history` rows, refitted every `refitEvery` rows; the likelihood
 * is one minus the two-sided tail probability. A run of extreme values reports its first row
 * only: later ones are damped to the "yellow" level, since the first is the one worth a page.
 */
export interface LikelihoodParams {
  /** Leading rows whose raw scores stay out of the history (the raw model is still learning). */
  skip: number;
  /** Rows before any likelihood is reported (until then: 0.5, "no idea"). */
  warmup: number;
  averaging: number;
  /** Averages kept for the fit, in whole blocks of `refitEvery`. */
  history: number;
  refitEvery: number;
}

/** Count, mean and sum of squared deviations of a run of averages (Welford), so blocks combine exactly. */
interface Moments {
  n: number;
  mean: number;
  m2: number;
}

export interface LikelihoodState {
  seen: number;
  recent: number[];
  /** The history as closed blocks of `refitEvery` averages, oldest first, and the open one. */
  blocks: Moments[];
  open: Moments;
  fit: { mean: number; sd: number } | null;
  /** The previous row's undamped tail probability. */
  previousTail: number;
}

/** Numenta's defaults (its history is 8,640 rows: 30 days of 5-minute data), besides skip and warmup. */
export const LIKELIHOOD_DEFAULTS = { averaging: 10, history: 8600, refitEvery: 100 } as const;

/** Tail probabilities at or below RED are extreme; a repeat is damped to YELLOW (Numenta's 0.99999 / 0.999). */
export const RED_TAIL = 1e-5;
export const YELLOW_TAIL = 1e-3;

// Floors on the fitted normal, so a raw score that is nearly always 0 does not make every
// small blip "extreme" (Numenta's values).
const MEAN_FLOOR = 0.03;
const VARIANCE_FLOOR = 0.0003;
const EMPTY: Moments = { n: 0, mean: 0, m2: 0 };

export function createLikelihood(): LikelihoodState {
  return { seen: 0, recent: [], blocks: [], open: EMPTY, fit: null, previousTail: 1 };
}

/**
 * Folds one raw score in; returns the likelihood (0.5 during warm-up) and a new state. The
 * history is kept as block moments rather than 8,600 numbers, so an update copies a few
 * numbers, not the history, and stays pure.
 *
 * @example
 * const { state, likelihood } = updateLikelihood(createLikelihood(), 0.2, { ...LIKELIHOOD_DEFAULTS, skip: 375, warmup: 750 });
 */
export function updateLikelihood(
  state: LikelihoodState,
  raw: number,
  params: LikelihoodParams,
): { state: LikelihoodState; likelihood: number } {
  const recent = [...state.recent, raw].slice(-params.averaging);
  const average = recent.reduce((a, b) => a + b, 0) / recent.length;
  let { fit, previousTail } = state;
  let likelihood = 0.5;
  if (state.seen >= params.warmup) {
    if (!fit || state.seen % params.refitEvery === 0)
      fit = fitNormal([...state.blocks, state.open].reduce(combine, EMPTY));
    const tail = normalCdf(-Math.abs(average - fit.mean) / fit.sd, 0, 1);
    const damped = tail <= RED_TAIL && previousTail <= RED_TAIL ? YELLOW_TAIL : tail;
    previousTail = tail;
    likelihood = 1 - damped;
  }
  let { blocks, open } = state;
  if (state.seen >= params.skip) {
    open = combine(open, { n: 1, mean: average, m2: 0 });
    if (open.n === params.refitEvery) {
      blocks = [...blocks, open].slice(-Math.floor(params.history / params.refitEvery));
      open = EMPTY;
    }
  }
  return { state: { seen: state.seen + 1, recent, blocks, open, fit, previousTail }, likelihood };
}

/** Chan et al.'s pairwise update: the moments of two runs taken together. */
function combine(a: Moments, b: Moments): Moments {
  const n = a.n + b.n;
  if (n === 0) return EMPTY;
  const delta = b.mean - a.mean;
  return { n, mean: a.mean + (delta * b.n) / n, m2: a.m2 + b.m2 + (delta * delta * a.n * b.n) / n };
}

/** A normal over the history (population variance), floored; with no history, a flat "know nothing" one. */
function fitNormal(history: Moments): { mean: number; sd: number } {
  if (history.n === 0) return { mean: 0.5, sd: 1000 };
  return { mean: Math.max(history.mean, MEAN_FLOOR), sd: Math.sqrt(Math.max(history.m2 / history.n, VARIANCE_FLOOR)) };
}

/** Numenta's log scale: spreads likelihoods of 0.999…9 over [0, 1] (0.99999 → 0.5, 1 − 10⁻¹⁰ → 1). */
export function logLikelihood(likelihood: number): number {
  if (likelihood >= 1) return 1;
  return Math.min(1, Math.max(0, Math.log(1.0000000001 - likelihood) / Math.log(1e-10)));
}

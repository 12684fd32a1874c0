import { overdispersedSf } from '../stats/beta-binomial';

/**
 * The error rate by when predictions were made, not when their labels arrived.
 *
 * Labels come 30 minutes to days after the prediction they judge. Counted as they arrive, a
 * window's labels mix predictions from many hours, so a model that started failing at 10:00 shows
 * in the arriving labels as a slow blend, hours late. Here every label goes to the cohort of its
 * prediction (a quarter of an hour of predictions), and the scan asks whether the cohorts since
 * some start are wrong more often than normal, given the labels they have so far.
 *
 * "Normal" is matched by delay: labels that arrive quickly may well be wrong more (or less) often
 * than labels that take hours (a confirmed fraud is reported fast), so a young cohort, which has
 * only its quick labels, is compared with what quick labels of mature cohorts said. Mature cohorts
 * (past MATURE_MS) are folded into decayed counts per delay bucket, except those an alert has
 * tainted: a failure does not teach what is normal.
 *
 * Plain data throughout: it is part of the engine's snapshot.
 */
export interface LabelCohorts {
  /** Cohorts still collecting labels, by start (ms, as a string key): labels and wrong ones per delay bucket. */
  open: Record<string, { counts: number[]; tainted?: 1 }>;
  /** Mature cohorts' labels and wrong ones per delay bucket ([n₀, wrong₀, n₁, wrong₁, …]), decayed. */
  base: number[];
  /** Mature cohorts folded in (decayed), and decayed sums of their error rates, squares and 1/n. */
  cohorts: number;
  rates: number;
  squares: number;
  inverseN: number;
}

/** A cohort: the predictions of a quarter of an hour. */
export const COHORT_MS = 15 * 60_000;
/** Delay buckets of half an hour. */
const DELAY_MS = 30 * 60_000;
/** Labels are followed for twelve hours after their prediction; later ones are not counted. */
export const MATURE_MS = 12 * 3_600_000;
const BUCKETS = MATURE_MS / DELAY_MS;
/** A mature cohort's weight decays by this per cohort folded in: about four days of memory. */
const DECAY = 1 - 1 / 384;
/** The scan looks for a change that began in the last four hours of predictions. */
export const SCAN_MS = 4 * 3_600_000;
/** Labels the mature cohorts must hold before the scan judges anything. */
const MIN_BASE = 500;
/** Labels the scanned cohorts must hold together. */
const MIN_TRIALS = 50;

export const emptyLabelCohorts = (): LabelCohorts => ({
  open: {},
  base: new Array(2 * BUCKETS).fill(0),
  cohorts: 0,
  rates: 0,
  squares: 0,
  inverseN: 0,
});

/** Counts one label for the cohort of its prediction; labels older than MATURE_MS are not counted. */
export function noteLabel(state: LabelCohorts, predictedAt: number, labelledAt: number, correct: boolean): void {
  const delay = Math.max(0, labelledAt - predictedAt);
  if (delay >= MATURE_MS) return;
  const start = Math.floor(predictedAt / COHORT_MS) * COHORT_MS;
  const key = String(start);
  const cohort = (state.open[key] ??= { counts: new Array(2 * BUCKETS).fill(0) });
  const bucket = Math.floor(delay / DELAY_MS);
  cohort.counts[2 * bucket] = (cohort.counts[2 * bucket] ?? 0) + 1;
  if (!correct) cohort.counts[2 * bucket + 1] = (cohort.counts[2 * bucket + 1] ?? 0) + 1;
}

/** Folds the cohorts that are past MATURE_MS at `now` into the baseline (tainted ones are dropped). */
export function retire(state: LabelCohorts, now: number): void {
  for (const [key, cohort] of Object.entries(state.open)) {
    if (Number(key) + COHORT_MS + MATURE_MS > now) continue;
    delete state.open[key];
    if (cohort.tainted) continue;
    let n = 0;
    let wrong = 0;
    for (let b = 0; b < BUCKETS; b++) {
      state.base[2 * b] = state.base[2 * b]! * DECAY + cohort.counts[2 * b]!;
      state.base[2 * b + 1] = state.base[2 * b + 1]! * DECAY + cohort.counts[2 * b + 1]!;
      n += cohort.counts[2 * b]!;
      wrong += cohort.counts[2 * b + 1]!;
    }
    if (n === 0) continue;
    const rate = wrong / n;
    state.cohorts = state.cohorts * DECAY + 1;
    state.rates = state.rates * DECAY + rate;
    state.squares = state.squares * DECAY + rate * rate;
    state.inverseN = state.inverseN * DECAY + 1 / n;
  }
}

/** Marks the open cohorts from `from` on as not to be learnt from (they are part of an alert). */
export function taint(state: LabelCohorts, from: number): void {
  for (const [key, cohort] of Object.entries(state.open)) if (Number(key) >= from) cohort.tainted = 1;
}

/** What the scan found: the most surprising run of recent cohorts, its p-value corrected for the starts tried. */
export interface CohortScan {
  /** Start of the first cohort of the run (ms): where the change began, by prediction time. */
  start: number;
  hits: number;
  trials: number;
  /** The error rate the run's labels would have had at normal, matched by delay. */
  expectedRate: number;
  /** The run's error rate over the expected one. */
  ratio: number;
  /** One-sided p-value of the run, times the number of starts tried (Bonferroni). */
  pValue: number;
}

/**
 * The most surprising run of cohorts that began in the last SCAN_MS before `now`, each start
 * from the newest back: their wrong labels against what the baseline's labels of the same
 * delays would give, a beta-binomial with the spread between mature cohorts. Null while the
 * baseline is thin or the recent cohorts hold too few labels.
 */
export function scan(state: LabelCohorts, now: number): CohortScan | null {
  let baseN = 0;
  for (let b = 0; b < BUCKETS; b++) baseN += state.base[2 * b]!;
  if (baseN < MIN_BASE || state.cohorts < 8) return null;
  const overall = state.rates / state.cohorts;
  const rateVariance = Math.max(0, state.squares / state.cohorts - overall * overall);
  // The mature cohorts' rates vary by sampling (p(1 − p)/n on average) and by whatever moves
  // the rate from one quarter of an hour to the next: the second is what a run must beat.
  const between = Math.max(0, rateVariance - overall * (1 - overall) * (state.inverseN / state.cohorts));
  const rateAt = (b: number) => {
    const n = state.base[2 * b]!;
    // A delay bucket the baseline has seen little of borrows the overall rate.
    return (state.base[2 * b + 1]! + 5 * overall) / (n + 5);
  };
  const recent = Object.keys(state.open)
    .map(Number)
    .filter((start) => start >= now - SCAN_MS && start < now)
    .sort((a, b) => b - a);
  let hits = 0;
  let trials = 0;
  let expected = 0;
  let squaresOfN = 0;
  let best: CohortScan | null = null;
  for (const start of recent) {
    const counts = state.open[String(start)]!.counts;
    let n = 0;
    for (let b = 0; b < BUCKETS; b++) {
      n += counts[2 * b]!;
      hits += counts[2 * b + 1]!;
      expected += counts[2 * b]! * rateAt(b);
    }
    trials += n;
    squaresOfN += n * n;
    if (trials < MIN_TRIALS || hits === 0) continue;
    const p0 = expected / trials;
    const spread = (between * squaresOfN) / (trials * trials);
    const pValue = overdispersedSf(hits - 1, trials, p0, spread);
    if (!best || pValue < best.pValue)
      best = { start, hits, trials, expectedRate: p0, ratio: hits / trials / p0, pValue };
  }
  if (!best) return null;
  return { ...best, pValue: Math.min(1, best.pValue * recent.length) };
}

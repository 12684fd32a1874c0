import { durationMs } from '@firebreak/core';
import type { Level, Verdict } from '../detector';
import { normalQuantile, normalSf, overdispersedSf } from '../stats';
import type { Aggregate } from './aggregate';
import { cusumLimit } from './arl';
import type { MonitorSpec } from './monitor';
import { numberParam } from './significance';
import type { JudgeContext, WindowDetector } from './window-detector';

/**
 * The default detector for a number or a rate: what is normal for this hour of the day, learnt
 * over days (ADR 21).
 *
 * Model. A window's value (a rate of hits, or a mean) is expected at `level + season(hour)`:
 * `season` is a profile of 24 hourly buckets, read by linear interpolation between bucket
 * centres so a morning ramp is followed smoothly; `level` is a slow offset (numbers only) that
 * follows a quieter weekend or a busier week, as in additive Holt–Winters. The spread a window
 * is judged against is sampling noise for its own count of events (binomial for a rate, the
 * within-window variance over n for a mean) plus the excess variance each hour has shown from
 * day to day (a harm classifier whose base rate wanders, a latency that depends on the mix):
 * rates are tested against a beta-binomial with that spread, means against a normal.
 *
 * Tests. Each window is tested alone (abrupt changes alert at the end of the first window) and
 * folded into a CUSUM of its standardised score (small persistent changes accumulate); each
 * test spends half of the per-window false-alarm probability the engine gives this series (its
 * share of the system's budget). An alert also needs a change worth a responder's time: a rate
 * at 1.5× normal for a page (1.25× for a warning), a mean 20% off (10%), so large samples do not
 * page on trivial shifts.
 *
 * Learning. Nothing alerts until `warmup` (default two days) of event time has been seen and
 * the hour at hand has been learnt on at least two days; it keeps learning afterwards, but
 * windows that alerted, or that fall in a firing episode, teach nothing.
 *
 * Deploys. For a number, the windows in the `grace` period (30 minutes) after a deploy warn
 * about nothing, and at its end the level moves to where the new version runs if that is within
 * the page effect: a new model that is 8% slower is the new normal, not a day of warnings.
 * Harm rates are never held: a prompt change that doubles hallucinations must page.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const HOURS = 24;
/** Windows of an hour a bucket remembers: about a week of that hour (12 windows a day). */
const BUCKET_MEMORY = 84;
/** Weight of the newest window in an hour's bucket once it has history. */
const SEASON_WEIGHT = 1 / BUCKET_MEMORY;
/** Weight of the newest window in the slow level: a half-life of about three hours of windows. */
const LEVEL_WEIGHT = 1 / 52;
/** Windows an hour bucket needs before it is used: this hour on at least two days. */
const MIN_BUCKET = 24;
/**
 * CUSUM reference values, in standard deviations: a slow chart for small persistent shifts
 * (k = 0.5, tuned to a 1σ shift) and a fast one for shifts of three to four σ that a single
 * window's test at a tiny per-window level would need a second window to confirm (k = 1.5).
 */
const CUSUM_K = 0.5;
const FAST_K = 1.5;
const SCORE_CAP = 4;

export type Direction = 'up' | 'down' | 'both';

interface Bucket {
  /** Windows learnt. */
  n: number;
  /** Numbers: the mean of window means (before the level). Rates: smoothed hits. */
  centre: number;
  /** Rates: smoothed trials, so the bucket's rate is centre / trials. */
  trials: number;
  /** Variance of the window value beyond sampling noise. */
  excess: number;
  /** Numbers: the within-window variance of one event. */
  within: number;
}

export interface SeasonalState {
  /** Start of the first window learnt (ms). */
  firstAt: number | null;
  /** Start of the latest window judged (ms): how far the warm-up has come. */
  lastAt?: number;
  learnt: number;
  buckets: Bucket[];
  /** Slow offset of numbers (additive Holt–Winters level). */
  level: number;
  /** CUSUMs of the standardised score, upward and downward. */
  up: number;
  down: number;
  /** The fast CUSUMs (k = 1.5), upward and downward; absent from older snapshots. */
  fastUp?: number;
  fastDown?: number;
  /** The current CUSUM run: sum of window values and of expectations while it is above zero. */
  run: { windows: number; observed: number; expected: number };
  /** A deploy being watched: windows after it, and their summed residual. */
  deploy: { at: number; windows: number; residual: number } | null;
  /**
   * Autocorrelation of quiet windows' scores at lags 1 to LAGS (decayed sums), for the long-run
   * variance the CUSUMs are scaled by; absent from older snapshots (then learnt afresh).
   */
  memory?: ScoreMemory;
  /** Rates: the last windows' [hits, trials], the "before" of a deploy's comparison. */
  recent?: number[][];
  /** Rates: a deploy being compared, before against after (deployTest). */
  compared?: { at: number; before: number[][]; hits: number; trials: number; windows: number };
}

interface ScoreMemory {
  /** The latest quiet scores, oldest first (at most LAGS). */
  recent: number[];
  /** Σ s·s₋ₖ for k = 1..LAGS, decayed. */
  products: number[];
  /** Σ s², decayed. */
  squares: number;
  windows: number;
}

const emptyBucket = (): Bucket => ({ n: 0, centre: 0, trials: 0, excess: 0, within: 0 });

function direction(spec: MonitorSpec): Direction {
  const value = spec.params.direction;
  return value === 'up' || value === 'down' || value === 'both' ? value : 'both';
}

const hourOf = (at: number) => Math.floor((((at % DAY) + DAY) % DAY) / HOUR);

/** A window reduced to what the model reads. */
interface Reading {
  value: number;
  /** Events (numbers) or trials (rates). */
  n: number;
  hits: number;
  /** Numbers: within-window variance. */
  variance: number;
}

function read(window: Aggregate): Reading | null {
  if (window.kind === 'rate') {
    if (window.trials === 0) return null;
    return { value: window.hits / window.trials, n: window.trials, hits: window.hits, variance: 0 };
  }
  if (window.kind === 'numeric') {
    if (window.count === 0) return null;
    const mean = window.sum / window.count;
    const variance =
      window.count < 2 ? 0 : Math.max(0, (window.sumSquares - window.count * mean * mean) / (window.count - 1));
    return { value: mean, n: window.count, hits: 0, variance };
  }
  return null;
}

/** The profile at a moment: the two nearest hour buckets, interpolated; null if neither is learnt. */
function profileAt(
  state: SeasonalState,
  at: number,
  rate: boolean,
): { centre: number; excess: number; within: number } | null {
  const position = (((at % DAY) + DAY) % DAY) / HOUR - 0.5;
  const lower = Math.floor(position);
  const fraction = position - lower;
  const a = state.buckets[(lower + HOURS) % HOURS]!;
  const b = state.buckets[(lower + 1) % HOURS]!;
  const overall = rate ? overallRate(state) : 0;
  // A rate is shrunk towards the series' overall rate by PRIOR_TRIALS pseudo-trials, so an hour
  // that has not yet seen a rare flag does not expect it never to come.
  const value = (bucket: Bucket) => {
    if (!rate) return bucket.centre;
    const windows = Math.min(bucket.n, BUCKET_MEMORY);
    return (bucket.centre * windows + PRIOR_TRIALS * overall) / (bucket.trials * windows + PRIOR_TRIALS);
  };
  const usable = (bucket: Bucket) => bucket.n >= MIN_BUCKET;
  if (!usable(a) && !usable(b)) return null;
  const wa = !usable(b) ? 1 : !usable(a) ? 0 : 1 - fraction;
  const wb = 1 - wa;
  return {
    centre: wa * value(a) + wb * value(b),
    excess: wa * a.excess + wb * b.excess,
    within: wa * a.within + wb * b.within,
  };
}

/** Pseudo-trials of the overall rate an hour's rate is shrunk with. */
const PRIOR_TRIALS = 200;

/** The series' rate over every hour, with half a hit added so a clean history still leaves room for chance. */
function overallRate(state: SeasonalState): number {
  let hits = 0;
  let trials = 0;
  for (const bucket of state.buckets) {
    const windows = Math.min(bucket.n, BUCKET_MEMORY);
    hits += bucket.centre * windows;
    trials += bucket.trials * windows;
  }
  return (hits + 0.5) / (trials + 1);
}

/** Folds a window into its hour's bucket and, for numbers, the slow level. */
function learn(
  state: SeasonalState,
  at: number,
  reading: Reading,
  rate: boolean,
  expected: number | null,
  sd?: number,
): void {
  // Once the profile is watching, a window more than three standard deviations out teaches
  // nothing, in either direction: a two-hour surge the monitor does not alert on (traffic going
  // up) must not drag what is normal up with it, and then call the end of the surge a drop.
  // Its spread still counts, as three standard deviations: location learns robustly, spread too.
  const bucket = state.buckets[hourOf(at)]!;
  const weight = Math.max(1 / (bucket.n + 1), SEASON_WEIGHT);
  if (expected !== null && sd !== undefined && Math.abs(reading.value - expected) > 3 * sd) {
    const sampling = samplingVariance(rate, expected, reading.n, bucket.within);
    bucket.excess = Math.max(0, bucket.excess + weight * (9 * sd * sd - sampling - bucket.excess));
    return;
  }
  const value = reading.value;
  if (rate) {
    bucket.centre += weight * (value * reading.n - bucket.centre);
    bucket.trials += weight * (reading.n - bucket.trials);
  } else {
    bucket.centre += weight * (value - state.level - bucket.centre);
    bucket.within += weight * (reading.variance - bucket.within);
  }
  // The excess spread, from the residual against what was expected before this window (or the
  // bucket's own centre while the profile is young), less the sampling noise; a window far out
  // counts as at most 16 times the current spread, so one outlier cannot blind the hour.
  const centre = expected ?? (rate ? bucket.centre / Math.max(bucket.trials, 1e-9) : bucket.centre + state.level);
  const sampling = samplingVariance(rate, centre, reading.n, bucket.within);
  const excess = (reading.value - centre) ** 2 - sampling;
  const limit = 16 * (bucket.excess + sampling);
  bucket.excess = Math.max(0, bucket.excess + weight * (Math.min(excess, limit > 0 ? limit : excess) - bucket.excess));
  bucket.n += 1;
  if (!rate && expected !== null) state.level += LEVEL_WEIGHT * (value - expected);
  state.firstAt ??= at;
  state.learnt += 1;
}

function samplingVariance(rate: boolean, centre: number, n: number, within: number): number {
  if (rate) {
    const p = Math.min(Math.max(centre, 0.5 / Math.max(n, 1)), 1);
    return (p * (1 - p)) / Math.max(n, 1);
  }
  return within / Math.max(n, 1);
}

export const seasonalDetector: WindowDetector<SeasonalState> = {
  create: () => ({
    firstAt: null,
    learnt: 0,
    buckets: Array.from({ length: HOURS }, emptyBucket),
    level: 0,
    up: 0,
    down: 0,
    run: { windows: 0, observed: 0, expected: 0 },
    deploy: null,
  }),

  learning(state, spec) {
    return state.firstAt === null || !warmedUp(state, spec, state.lastAt ?? state.firstAt);
  },

  judge(state, window, spec, context) {
    if (!context) throw new Error('seasonal judges windows at a time of day: run it in the engine');
    const reading = read(window);
    if (!reading) return { state, verdict: null };
    const rate = window.kind === 'rate';
    if (rate) remember(state, context, reading);
    state.lastAt = context.start;
    const mid = (context.start + context.end) / 2;
    const profile = profileAt(state, mid, rate);
    let expected = profile === null ? null : profile.centre + (rate ? 0 : state.level);
    if (context.rebaseline && expected !== null) rebaseline(state, reading, expected, rate);
    if (state.firstAt === null || !warmedUp(state, spec, context.start) || profile === null || expected === null) {
      // Once the hour has a profile, warm-up windows teach the scores' autocorrelation too, so
      // the long-run factor is known when the monitor starts watching rather than a day later.
      if (profile !== null && expected !== null) {
        const { sd, spread } = spreadOf(reading, expected, profile, rate);
        const { rawUp, rawDown } = surprise(reading, expected, sd, spread, rate);
        learnCorrelation(state, direction(spec) === 'down' ? rawDown : rawUp);
      }
      learn(state, context.start, reading, rate, expected);
      return { state, verdict: null };
    }

    // How surprising this window is, as a one-sided upper-tail probability in each direction.
    const { sd, spread } = spreadOf(reading, expected, profile, rate);
    const pageSize = rate ? numberParam(spec, 'pageRatio', 1.5) - 1 : numberParam(spec, 'pageEffect', 0.2);
    const warnSize = rate ? numberParam(spec, 'warnRatio', 1.25) - 1 : numberParam(spec, 'warnEffect', 0.1);
    // A number right after a deploy: held for the grace period; at its end, a shift within the
    // page effect becomes the new level before this window is judged.
    let held = false;
    if (!rate) {
      const watch = watchDeploy(
        state,
        context,
        reading.value - expected,
        pageSize * Math.max(Math.abs(expected), 3 * sd),
      );
      held = watch.held;
      expected += watch.shift;
    }
    const { z, pUp, pDown, rawUp, rawDown } = surprise(reading, expected, sd, spread, rate);
    const towards = direction(spec);
    // The CUSUM limits assume independent windows. A classifier whose rate wanders for an hour
    // makes neighbouring windows' scores alike, and a sum of n such scores varies f times as much
    // as n independent ones, f the long-run variance factor learnt from quiet windows' scores
    // (longRunFactor). Each chart's scores are shrunk by 1/√f over the span it sums: the slow
    // chart's over LAGS windows, the fast chart's over FAST_LAGS.
    const shrink = 1 / Math.sqrt(longRunFactor(state, LAGS));
    const fastShrink = 1 / Math.sqrt(longRunFactor(state, FAST_LAGS));
    state.up = towards === 'down' ? 0 : Math.max(0, state.up + rawUp * shrink - CUSUM_K);
    state.down = towards === 'up' || rate ? 0 : Math.max(0, state.down + rawDown * shrink - CUSUM_K);
    state.fastUp = towards === 'down' ? 0 : Math.max(0, (state.fastUp ?? 0) + rawUp * fastShrink - FAST_K);
    state.fastDown = towards === 'up' || rate ? 0 : Math.max(0, (state.fastDown ?? 0) + rawDown * fastShrink - FAST_K);
    if (state.up > 0 || state.down > 0 || state.fastUp > 0 || state.fastDown > 0) {
      state.run = {
        windows: state.run.windows + 1,
        observed: state.run.observed + reading.value,
        expected: state.run.expected + expected,
      };
    } else state.run = { windows: 0, observed: 0, expected: 0 };

    const { page, warn } = context.alpha;
    // Three tests share the series' per-window level: the window alone and the two CUSUMs; for
    // the system's error rate a fourth, the label cohorts' scan, takes a share too.
    const tests = context.labels === undefined ? 3 : 4;
    const pageH = cusumLimit(tests / page);
    const warnH = cusumLimit(tests / warn);
    const fastPageH = cusumLimit(tests / page, FAST_K);
    const fastWarnH = cusumLimit(tests / warn, FAST_K);
    const pWindow = towards === 'up' ? pUp : towards === 'down' ? pDown : 2 * Math.min(pUp, pDown);
    const cusum = Math.max(state.up, state.down);
    const fast = Math.max(state.fastUp, state.fastDown);
    // The size of the change: this window's, or the CUSUM run's average when that decides.
    const windowEffect = effect(reading.value, expected, sd, rate);
    const runEffect =
      state.run.windows > 0
        ? effect(state.run.observed / state.run.windows, state.run.expected / state.run.windows, sd, rate)
        : 0;
    const reaches = (alpha: number, h: number, fastH: number, size: number) =>
      (pWindow < alpha / tests && windowEffect >= size) || ((cusum > h || fast > fastH) && runEffect >= size);
    let level: Level = reaches(page, pageH, fastPageH, pageSize)
      ? 'page'
      : reaches(warn, warnH, fastWarnH, warnSize)
        ? 'warn'
        : 'ok';

    // A rate right after a deploy: the new version against the hour before it (deployTest).
    // When that comparison is significant itself, the deploy is when the change began.
    let deployAt: number | undefined;
    if (rate) {
      const after = deployTest(state, context, reading, numberParam(spec, 'pageRatio', 1.5) - 1);
      if (after === 'page' || (after === 'warn' && level === 'ok')) level = after;
      if (after !== 'ok' && context.deploy) deployAt = context.deploy.at;
    }
    // The error rate by prediction time: a run of recent cohorts wrong more often than their
    // labels' delays would have it, by the rate's page or warning ratio.
    const cohorts = context.labels;
    const byCohorts: Level =
      !cohorts || !rate
        ? 'ok'
        : cohorts.pValue < page / tests && cohorts.ratio - 1 >= pageSize
          ? 'page'
          : cohorts.pValue < warn / tests && cohorts.ratio - 1 >= warnSize
            ? 'warn'
            : 'ok';
    const cohortsDecide = byCohorts !== 'ok' && (level === 'ok' || (level === 'warn' && byCohorts === 'page'));
    if (cohortsDecide) level = byCohorts;
    // A held window alerts only at twice a page's size, and teaches nothing: the deploy's shift
    // is taken as a whole at the end of the grace period.
    if (held && !(level === 'page' && windowEffect >= 2 * pageSize)) level = 'ok';

    if (level === 'ok' && !context.firing && !held) {
      learn(state, context.start, reading, rate, expected, sd);
      learnCorrelation(state, towards === 'down' ? rawDown : rawUp);
    }
    const verdict: Verdict = {
      level,
      score: Math.min(1, Math.max(0, 1 - pWindow)),
      statistic: reading.value,
      threshold: boundary(
        expected,
        sd,
        level === 'page' ? page : warn,
        towards,
        rate,
        level === 'page' ? pageSize : warnSize,
      ),
      detail: {
        expected,
        sd,
        z,
        pValue: pWindow,
        cusum,
        cusumPageLimit: pageH,
        cusumWarnLimit: warnH,
        fastCusum: fast,
        fastCusumPageLimit: fastPageH,
        pageAlpha: page,
        warnAlpha: warn,
        effect: Math.max(windowEffect, runEffect),
        ...(rate ? { hits: reading.hits, trials: reading.n } : { count: reading.n }),
        hour: hourOf(context.start),
        ...(held ? { deployHold: 1 } : {}),
        ...(deployAt !== undefined && level !== 'ok' ? { deployAt } : {}),
        ...(cohorts
          ? {
              cohortPValue: cohorts.pValue,
              cohortRate: cohorts.hits / cohorts.trials,
              cohortExpectedRate: cohorts.expectedRate,
              cohortLabels: cohorts.trials,
              // Where the cohorts see the change too, they date it by prediction time.
              ...(byCohorts !== 'ok' ? { cohortStart: cohorts.start } : {}),
            }
          : {}),
      },
    };
    return { state, verdict };
  },
};

/** A window's standard deviation around `expected`: sampling plus the hour's excess spread. */
function spreadOf(reading: Reading, expected: number, profile: { within: number; excess: number }, rate: boolean) {
  const sampling = samplingVariance(rate, expected, reading.n, profile.within);
  const spread = Math.max(profile.excess, 0);
  const sd = Math.sqrt(sampling + spread) || Math.max(Math.abs(expected) * 1e-3, 1e-9);
  return { sd, spread };
}

/** How surprising a window is: tail probabilities each way and the scores the CUSUMs sum. */
function surprise(reading: Reading, expected: number, sd: number, spread: number, rate: boolean) {
  const z = (reading.value - expected) / sd;
  const pUp = rate ? overdispersedSf(reading.hits - 1, reading.n, expected, spread) : normalSf(z);
  const pDown = rate ? 1 : normalSf(-z);
  const rawUp = capped(-normalQuantile(Math.min(1, (pUp + (rate ? midMass(reading, expected, spread) : pUp)) / 2)));
  const rawDown = capped(-normalQuantile(pDown));
  return { z, pUp, pDown, rawUp, rawDown };
}

function warmedUp(state: SeasonalState, spec: MonitorSpec, at: number): boolean {
  const warmup = typeof spec.params.warmup === 'string' ? durationMs(spec.params.warmup) : 2 * DAY;
  return state.firstAt !== null && at - state.firstAt >= warmup;
}

/** Decay of the autocorrelation's sums per quiet window: about two days of windows. */
const LAG_DECAY = 1 - 1 / 576;

/** Lags the slow chart's long-run variance spans: two hours of windows. */
const LAGS = 24;
/** Lags the fast chart's spans: the two or three windows it sums. */
const FAST_LAGS = 2;
/** Windows of scores before the long-run factor is believed: half a day (its error is then about ±0.4). */
const MIN_MEMORY = 144;
/** The largest long-run factor believed (scores shrunk to a quarter at most). */
const MAX_FACTOR = 16;

/** Folds a quiet window's score into the autocorrelation sums. */
export function learnCorrelation(state: SeasonalState, score: number): void {
  const memory = state.memory ?? { recent: [], products: new Array<number>(LAGS).fill(0), squares: 0, windows: 0 };
  const { recent, products } = memory;
  for (let k = 0; k < LAGS; k++) {
    const earlier = recent[recent.length - 1 - k];
    products[k] = products[k]! * LAG_DECAY + (earlier === undefined ? 0 : score * earlier);
  }
  recent.push(score);
  if (recent.length > LAGS) recent.shift();
  memory.squares = memory.squares * LAG_DECAY + score * score;
  memory.windows += 1;
  state.memory = memory;
}

/**
 * How much more a sum of `lags` consecutive scores varies than independent scores would: the
 * Newey–West (Bartlett-weighted) long-run variance over the variance, 1 + 2 Σ (1 − k/(L+1)) ρₖ,
 * once half a day of quiet windows (MIN_MEMORY) has taught the autocorrelations ρₖ; 1 before. Never below 1 (a
 * negatively correlated stream is not trusted to be quieter than an independent one).
 */
export function longRunFactor(state: SeasonalState, lags: number): number {
  const memory = state.memory;
  if (!memory || memory.windows < MIN_MEMORY || memory.squares <= 0) return 1;
  let factor = 1;
  for (let k = 1; k <= lags; k++) factor += 2 * (1 - k / (lags + 1)) * (memory.products[k - 1]! / memory.squares);
  return Math.min(MAX_FACTOR, Math.max(1, factor));
}

/** A score clamped to ±SCORE_CAP; ±∞ (a p-value of 0 or 1) lands on its own side. */
const capped = (score: number) => (Number.isNaN(score) ? 0 : Math.max(-SCORE_CAP, Math.min(SCORE_CAP, score)));

/** Half the probability of exactly this many hits, for a mid-p score of a discrete count. */
function midMass(reading: Reading, expected: number, spread: number): number {
  return overdispersedSf(reading.hits, reading.n, expected, spread);
}

/**
 * How big a change is: a rate's ratio over normal less one; a mean's distance relative to its
 * level, or, for a steady number (GPU memory, a queue), in units of 30 of its window-to-window
 * standard deviations (so six of them count as a 20% change): the spread includes the day-to-day
 * excess, so that many is never a trivial shift of a huge sample.
 */
function effect(value: number, expected: number, sd: number, rate: boolean): number {
  if (rate) return expected > 0 ? value / expected - 1 : value > 0 ? Number.POSITIVE_INFINITY : 0;
  const distance = Math.abs(value - expected);
  return Math.max(distance / Math.max(Math.abs(expected), 3 * sd), distance / (30 * sd));
}

/** The value that would have reached `level` alone, for the chart's line. */
function boundary(
  expected: number,
  sd: number,
  alpha: number,
  towards: Direction,
  rate: boolean,
  size: number,
): number {
  const z = normalQuantile(1 - alpha / 2);
  const statistical = expected + (towards === 'down' ? -1 : 1) * z * sd;
  const material = rate
    ? expected * (1 + size)
    : expected + (towards === 'down' ? -1 : 1) * size * Math.max(Math.abs(expected), 3 * sd);
  return towards === 'down' ? Math.min(statistical, material) : Math.max(statistical, material);
}

/**
 * After a deploy, a number's windows are held for the grace period; at its end, a shift that
 * stayed within `tolerance` becomes the new level and the CUSUMs restart. Returns whether this
 * window is held, and the shift taken (0 when none).
 */
function watchDeploy(
  state: SeasonalState,
  context: JudgeContext,
  residual: number,
  tolerance: number,
): { held: boolean; shift: number } {
  const deploy = context.deploy;
  if (!deploy || context.end <= deploy.at) return { held: false, shift: 0 };
  const grace = 30 * 60_000;
  if (state.deploy?.at !== deploy.at) state.deploy = { at: deploy.at, windows: 0, residual: 0 };
  if (context.start < deploy.at + grace) {
    state.deploy.windows += 1;
    state.deploy.residual += residual;
    return { held: true, shift: 0 };
  }
  let shift = 0;
  if (state.deploy.windows > 0) {
    const mean = state.deploy.residual / state.deploy.windows;
    if (Math.abs(mean) <= tolerance) {
      shift = mean;
      state.level += shift;
      restartCharts(state);
    }
    state.deploy.windows = 0;
  }
  return { held: false, shift };
}

/** The CUSUMs start again from zero, with no run behind them. */
function restartCharts(state: SeasonalState): void {
  state.up = 0;
  state.down = 0;
  state.fastUp = 0;
  state.fastDown = 0;
  state.run = { windows: 0, observed: 0, expected: 0 };
}

/** A dismissal's "this is normal now": the profile moves to the window's level and the CUSUMs restart. */
function rebaseline(state: SeasonalState, reading: Reading, expected: number, rate: boolean): void {
  // The level it alerted at: the CUSUM run's average when there is one, else this window's.
  const run = state.run;
  const ratioOfRun = run.windows > 0 && run.expected > 0 ? run.observed / run.expected : null;
  const shiftOfRun = run.windows > 0 ? (run.observed - run.expected) / run.windows : null;
  restartCharts(state);
  if (!rate) {
    state.level += shiftOfRun ?? reading.value - expected;
    return;
  }
  const ratio = ratioOfRun ?? (expected > 0 ? reading.value / expected : 1);
  if (!(ratio > 0) || !Number.isFinite(ratio)) return;
  for (const bucket of state.buckets) bucket.centre *= ratio;
}

/** Windows of "before" a deploy's comparison keeps: the hour before it. */
const BEFORE_WINDOWS = 12;
/** Windows after a deploy that are compared with the hour before it. */
const AFTER_WINDOWS = 12;
/** Deploys a day a series' budget for deploy comparisons assumes. */
const DEPLOYS_A_DAY = 4;

/** Keeps the last windows of a rate, unless they are already after the deploy being compared. */
function remember(state: SeasonalState, context: JudgeContext, reading: Reading): void {
  // A window the deploy falls in is already "after": its events are mostly the new version's.
  if (
    context.deploy &&
    context.end > context.deploy.at &&
    context.start < context.deploy.at + AFTER_WINDOWS * (context.end - context.start)
  )
    return;
  const recent = (state.recent ??= []);
  recent.push([reading.hits, reading.n]);
  if (recent.length > BEFORE_WINDOWS) recent.shift();
}

/**
 * A deploy's harm check: the windows since a new model, prompt or policy version, pooled,
 * against the hour before it, by the beta-binomial with the spread the hour before showed from
 * window to window (not the day-to-day spread: a slow wander cancels out of a before/after
 * comparison). It is one test per deploy rather than one per window, so it may spend what the
 * series' per-window level adds up to between deploys (a day's windows over `DEPLOYS_A_DAY`),
 * which makes it far more sensitive than the seasonal test in the first hour of a bad release.
 */
function deployTest(
  state: SeasonalState,
  context: JudgeContext,
  reading: Reading,
  pageSize: number,
): 'ok' | 'warn' | 'page' {
  const deploy = context.deploy;
  if (!deploy || context.end <= deploy.at) return 'ok';
  if (state.compared?.at !== deploy.at) {
    state.compared = { at: deploy.at, before: [...(state.recent ?? [])], hits: 0, trials: 0, windows: 0 };
  }
  const compared = state.compared;
  if (compared.windows >= AFTER_WINDOWS || compared.before.length < BEFORE_WINDOWS / 2) return 'ok';
  compared.hits += reading.hits;
  compared.trials += reading.n;
  compared.windows += 1;
  const beforeHits = compared.before.reduce((sum, pair) => sum + (pair[0] ?? 0), 0);
  const beforeTrials = compared.before.reduce((sum, pair) => sum + (pair[1] ?? 0), 0);
  const p0 = (beforeHits + 0.5) / (beforeTrials + 1);
  const rates = compared.before.filter((pair) => (pair[1] ?? 0) > 0).map((pair) => (pair[0] ?? 0) / (pair[1] ?? 1));
  const mean = rates.reduce((a, b) => a + b, 0) / Math.max(1, rates.length);
  const variance = rates.reduce((sum, r) => sum + (r - mean) ** 2, 0) / Math.max(1, rates.length - 1);
  const sampling = (p0 * (1 - p0)) / Math.max(1, beforeTrials / Math.max(1, rates.length));
  // The after-rate against p0 varies by the window-to-window spread of both sides' means and by
  // how little the hour before pins p0 down: a quiet hour of 30 trials without a hit says p0 is
  // small, not that it is 1.6%. Its posterior variance p0(1 − p0)/(n + 2) makes the test a
  // beta-binomial predictive one, not a binomial against a known rate.
  const between = Math.max(0, variance - sampling);
  const spread =
    between / compared.windows + between / Math.max(1, rates.length) + (p0 * (1 - p0)) / (beforeTrials + 2);
  const pValue = overdispersedSf(compared.hits - 1, compared.trials, p0, spread);
  const ratio = compared.trials > 0 ? compared.hits / compared.trials / p0 - 1 : 0;
  const scale = 288 / DEPLOYS_A_DAY / AFTER_WINDOWS;
  if (ratio >= pageSize && pValue < Math.min(0.01, context.alpha.page * scale)) return 'page';
  if (ratio >= pageSize / 2 && pValue < Math.min(0.05, context.alpha.warn * scale)) return 'warn';
  return 'ok';
}

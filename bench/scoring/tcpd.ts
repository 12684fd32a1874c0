/**
 * Scoring change-point detectors on TCPD (the Turing Change Point Dataset) the way TCPDBench
 * aggregates its default table (analysis/scripts/aggregate_scores_wide.py with its
 * zero_no_coal strategy): the mean over univariate series, the five quality-control series
 * and uk_coal_employ left out, a method that fails scoring 0.
 */
import { type ChangePointOptions, changePoints } from '@firebreak/detection';
import { type Annotations, covering, fMeasure } from './tcpd-metrics';
import { PUBLISHED_DEFAULT_COVER, PUBLISHED_DEFAULT_F1, PUBLISHED_METHODS } from './tcpd-published';

export interface TcpdSeries {
  name: string;
  /** The first dimension's values, NaN where the series has none. */
  values: number[];
  /** How many dimensions the series has (only univariate ones enter the table). */
  dims: number;
  annotations: Annotations;
}

/** Predicts change points (0-based, each the first index of a new segment) for one series. */
export type Method = (values: readonly number[]) => number[];

export interface Score {
  f1: number;
  cover: number;
}

/** TCPDBench's "zero" method: no change at all. */
export const zero: Method = () => [];

/**
 * Our detector on a series with gaps: segment the values that are there, then place each
 * change at the original index of the first value after it. (TCPDBench's changepoint runs
 * fail on missing values instead.)
 */
export function detectWithGaps(options: ChangePointOptions = {}): Method {
  return (values) => {
    const present = values.flatMap((v, i) => (Number.isFinite(v) ? [i] : []));
    return changePoints(
      present.map((i) => values[i]!),
      options,
    ).map((cp) => present[cp]!);
  };
}

export function scoreSeries(series: TcpdSeries, predictions: readonly number[]): Score {
  return {
    f1: fMeasure(series.annotations, predictions).f,
    cover: covering(series.annotations, predictions, series.values.length),
  };
}

/** The series that enter TCPDBench's default univariate table. */
export function inPublishedTable(series: Pick<TcpdSeries, 'name' | 'dims'>): boolean {
  return series.dims === 1 && !series.name.startsWith('quality_control') && series.name !== 'uk_coal_employ';
}

/** TCPD's multivariate series (TCPDBench's MULTIDATASETS). */
export const MULTIVARIATE = ['apple', 'bee_waggle_6', 'occupancy', 'run_log'];

/** The 32 series TCPDBench's default univariate table averages over. */
export const PUBLISHED_TABLE_SERIES = Object.keys(PUBLISHED_DEFAULT_F1).filter((name) =>
  inPublishedTable({ name, dims: MULTIVARIATE.includes(name) ? 2 : 1 }),
);

export function meanScore(scores: readonly Score[]): Score {
  const mean = (pick: (s: Score) => number) => scores.reduce((sum, s) => sum + pick(s), 0) / scores.length;
  return { f1: mean((s) => s.f1), cover: mean((s) => s.cover) };
}

/** The published methods' mean scores over the named series, failures as 0 as TCPDBench does. */
export function publishedMeans(names: readonly string[]): Record<(typeof PUBLISHED_METHODS)[number], Score> {
  const entries = PUBLISHED_METHODS.map((method, i) => {
    const scores = names.map((name) => ({
      f1: PUBLISHED_DEFAULT_F1[name]?.[i] ?? 0,
      cover: PUBLISHED_DEFAULT_COVER[name]?.[i] ?? 0,
    }));
    return [method, meanScore(scores)] as const;
  });
  return Object.fromEntries(entries) as Record<(typeof PUBLISHED_METHODS)[number], Score>;
}

/** A published method's own per-series score, or null where it has none. */
export function publishedScore(name: string, method: (typeof PUBLISHED_METHODS)[number]): Score | null {
  const i = PUBLISHED_METHODS.indexOf(method);
  const f1 = PUBLISHED_DEFAULT_F1[name]?.[i];
  const cover = PUBLISHED_DEFAULT_COVER[name]?.[i];
  return f1 == null || cover == null ? null : { f1, cover };
}

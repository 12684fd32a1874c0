import { SERIES_DETECTORS, type SeriesPoint, scoreSeries } from '../engine/series';
import { CHANGE_DEFAULTS } from './change-channel';
import { nabLearningPeriod, noveltyScores } from './novelty-detector';
import { noveltyResonanceScores } from './novelty-resonance-detector';
import { windowedGaussianScores } from './windowed-gaussian';

/** Detectors `firebreak detect --series` can run; the first is the default, the one bench/nab.ts benchmarks. */
export const SERIES_DETECTOR_NAMES = [
  'novelty_resonance_change',
  'novelty_resonance',
  'novelty',
  'windowed_gaussian',
  ...SERIES_DETECTORS,
] as const;
export type SeriesDetectorName = (typeof SERIES_DETECTOR_NAMES)[number];
export const DEFAULT_SERIES_DETECTOR: SeriesDetectorName = 'novelty_resonance_change';

/**
 * Scores every point of one series with the named detector, in [0, 1], in NAB's format.
 * novelty_resonance and novelty learn for NAB's probationary period (15% of the rows, at most
 * 750), the same rule every detector gets in NAB; windowed_gaussian is NAB's own baseline; the
 * rest are Firebreak's control charts, one value per window.
 *
 * @example
 * runSeries([{ timestamp: '2014-07-01 00:00:00', value: 10 }]); // [{ …, score: 0 }]
 */
export function runSeries(
  points: readonly SeriesPoint[],
  detector: SeriesDetectorName = DEFAULT_SERIES_DETECTOR,
): Array<SeriesPoint & { score: number }> {
  const values = points.map((p) => p.value);
  switch (detector) {
    case 'novelty_resonance_change':
      return withScores(
        points,
        noveltyResonanceScores(values, {
          learning: nabLearningPeriod(points.length),
          change: CHANGE_DEFAULTS,
        }),
      );
    case 'novelty_resonance':
      return withScores(points, noveltyResonanceScores(values, { learning: nabLearningPeriod(points.length) }));
    case 'novelty':
      return withScores(points, noveltyScores(values, { learning: nabLearningPeriod(points.length) }));
    case 'windowed_gaussian':
      return withScores(points, windowedGaussianScores(values));
    default:
      return scoreSeries(points, detector);
  }
}

function withScores(points: readonly SeriesPoint[], scores: readonly number[]) {
  return points.map((point, i) => ({ ...point, score: scores[i]! }));
}

import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

/**
 * NAB's "windowed Gaussian" baseline detector, as NAB's published results were made with it
 * (numenta/NAB nab/detectors/gaussian/windowedGaussian_detector.py): the score of a value is
 * one minus its two-sided tail probability, 1 − Q(|x − μ| / σ), under a normal distribution
 * fitted to a window of earlier values. The window grows to 6,400 values, refitted at every
 * value; once full it slides by blocks of 100, refitted once per block. Kept as the reference
 * point that shows our scorer reproduces NAB's published score; Firebreak's own series
 * detector is in series/.
 *
 * Scores come back as NAB's result files hold them: printed to 12 significant digits (Python
 * 2's str()), which turns every score above 1 − 5·10⁻¹³ into exactly 1.0. NAB's optimised
 * threshold for this detector is that 1.0, so the printing decides which rows are detections:
 * at full precision the same detector scores 40.1, not the published 39.6.
 *
 * @example
 * windowedGaussianScores([1, 2, 1, 2, 50]); // the last score is 1
 */
export function windowedGaussianScores(values: readonly number[]): number[] {
  const WINDOW = 6400;
  const STEP = 100;
  let window: number[] = [];
  let pending: number[] = [];
  let fit = { mean: 0, sd: 1 };
  return values.map((value) => {
    const score = window.length > 0 ? 1 - upperTail(Math.abs(value - fit.mean) / fit.sd) : 0;
    if (window.length < WINDOW) {
      window.push(value);
      fit = fitOf(window);
    } else {
      pending.push(value);
      if (pending.length === STEP) {
        window = [...window.slice(STEP), ...pending];
        pending = [];
        fit = fitOf(window);
      }
    }
    return Number(score.toPrecision(12));
  });
}

/** Mean and population deviation (numpy.std's default), with NAB's floor for a flat window. */
function fitOf(window: readonly number[]): { mean: number; sd: number } {
  const mean = window.reduce((a, b) => a + b, 0) / window.length;
  const sd = Math.sqrt(window.reduce((a, b) => a + (b - mean) ** 2, 0) / window.length);
  return { mean, sd: sd === 0 ? 0.000001 : sd };
}

/** Q(z), the normal upper tail, as 0.5·erfc(z/√2) like NAB's. */
function upperTail(z: number): number {
  return normalCdf(-z, 0, 1);
}

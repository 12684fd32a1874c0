import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

/**
 * NAB's "windowed Gaussian" baseline detector, as NAB published it: the score of a value is the
 * probability of a larger value under a normal distribution with the mean and standard
 * deviation of the previous 1,000 values (its published score is 39.6 on the standard profile). Kept as a
 * reference point for the scorer; Firebreak's own detectors are in engine/.
 */
export interface WindowedGaussianState {
  window: number[];
  mean: number;
  sd: number;
}

const WINDOW = 1000;

export function windowedGaussianScores(values: readonly number[]): number[] {
  const state: WindowedGaussianState = { window: [], mean: 0, sd: 1 };
  return values.map((value) => {
    const score = state.window.length > 0 ? tailProbability(value, state.mean, state.sd) : 0;
    state.window.push(value);
    if (state.window.length > WINDOW) state.window.shift();
    const n = state.window.length;
    const mean = state.window.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(state.window.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    state.mean = mean;
    state.sd = sd === 0 ? 0.000001 : sd;
    return score;
  });
}

/**
 * The normal distribution function of the value under the window's mean and deviation: near 1
 * far above the mean, near 0 far below. (NAB's published result files for this detector hold
 * these values, e.g. 0.9597 for a 27,104-ride half-hour in nyc_taxi.)
 */
function tailProbability(x: number, mean: number, sd: number): number {
  return normalCdf(x, mean, sd);
}

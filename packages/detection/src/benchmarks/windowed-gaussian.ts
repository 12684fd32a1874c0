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
 * P(X > x) under the window's normal distribution, as NAB's reference implementation (nupic's
 * `normalProbability`) computes it: z rounded to a tenth and read from a Q table (0 beyond 7),
 * and 1 − P(X > mirror of x) below the mean. So low values score near 1 and high values near 0:
 * the published detector only ever flags drops, which is part of why it scores 39.6.
 */
function tailProbability(x: number, mean: number, sd: number): number {
  if (x < mean) return 1 - tailProbability(2 * mean - x, mean, sd);
  const tenths = Math.round((10 * (x - mean)) / sd);
  if (tenths > 70) return 0;
  return 0.5 * erfc(tenths / 10 / Math.SQRT2);
}

/** erfc by the Numerical Recipes Chebyshev fit (relative error below 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

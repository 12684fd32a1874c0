import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../random';
import {
  createLikelihood,
  LIKELIHOOD_DEFAULTS,
  type LikelihoodParams,
  logLikelihood,
  updateLikelihood,
} from './anomaly-likelihood';

const params: LikelihoodParams = { ...LIKELIHOOD_DEFAULTS, skip: 50, warmup: 200 };

function run(raws: readonly number[], p = params) {
  let state = createLikelihood();
  return raws.map((raw) => {
    const step = updateLikelihood(state, raw, p);
    state = step.state;
    return step.likelihood;
  });
}

/** Raw scores that hover around 0.1 with a little noise. */
function noisy(n: number, seed = 5) {
  const random = mulberry32(seed);
  return Array.from({ length: n }, () => Math.min(1, Math.max(0, 0.1 + 0.05 * gaussian(random))));
}

describe('anomaly likelihood', () => {
  it('says 0.5 until the warm-up is over', () => {
    expect(run(noisy(200)).every((l) => l === 0.5)).toBe(true);
  });

  it('is near 1 when the short-term average leaves the history, and damps the repeats of an extreme run', () => {
    const likelihoods = run([...noisy(1000), ...Array(15).fill(1)]);
    const tail = likelihoods.slice(1000);
    const first = tail.findIndex((l) => l >= 1 - 1e-5);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(first).toBeLessThan(5);
    expect(tail[first + 1]).toBe(1 - 1e-3);
    expect(Math.max(...likelihoods.slice(200, 1000))).toBeLessThan(1 - 1e-5);
  });

  it('fits a normal to the history of averages, as scipy does (fixture from scipy.stats.norm)', () => {
    // 700 slowly varying raw scores, then ten of 0.8. The fit at row 700 covers the averages of
    // rows 50..699 (the first 50 skipped); numpy mean/std and scipy.stats.norm.cdf of the z of
    // rows 700, 705 and 709 give these.
    const raws = [...Array.from({ length: 700 }, (_, i) => 0.3 + 0.2 * Math.sin(i * 0.05)), ...Array(10).fill(0.8)];
    const likelihoods = run(raws);
    expect(likelihoods[700]).toBeCloseTo(0.5394044106643407, 12);
    expect(likelihoods[705]).toBeCloseTo(0.9756205326825812, 12);
    expect(likelihoods[709]).toBeCloseTo(0.9998377677287159, 12);
  });

  it.each([
    [0.5, 0.030103],
    [0.99999, 0.5],
    [0.999, 0.3],
    [1, 1],
  ])('log-scales %s to %s', (likelihood, scaled) => {
    expect(logLikelihood(likelihood)).toBeCloseTo(scaled, 5);
  });
});

import { describe, expect, it } from 'vitest';
import { windowedGaussianScores } from './windowed-gaussian';

const base = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 9 : 11));

describe('windowed Gaussian (NAB baseline)', () => {
  it('scores the first value 0 and a value at the window mean 0.5, its lowest', () => {
    const scores = windowedGaussianScores([...base, 10]);
    expect(scores[0]).toBe(0);
    expect(scores.at(-1)).toBeCloseTo(0.5, 9);
  });

  it('is two-sided: a drop scores as high as a rise of the same size', () => {
    const up = windowedGaussianScores([...base, 13]).at(-1)!;
    const down = windowedGaussianScores([...base, 7]).at(-1)!;
    // mean 10, sd 1: 1 − Q(3) = 0.99865 (scipy.stats.norm.cdf(3)).
    expect(up).toBeCloseTo(0.998650101968, 11);
    expect(down).toBe(up);
  });

  it('prints to 12 significant digits as NAB result files do, so far-out values score exactly 1', () => {
    expect(windowedGaussianScores([...base, 17.5]).at(-1)).toBe(1);
    expect(windowedGaussianScores([...base, 16.5]).at(-1)).toBeLessThan(1);
  });
});

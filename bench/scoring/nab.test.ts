import { describe, expect, it } from 'vitest';
import { type NabFile, PROFILES, scaledSigmoid, scoreCorpus, scoreFilesAt } from './nab';

// 100 rows, one window over rows 50..59 (the probationary period is the first 15).
const timestamps = Array.from({ length: 100 }, (_, i) => i * 60_000);
const file = (scores: (i: number) => number): NabFile => ({
  name: 'f',
  timestamps,
  windows: [[timestamps[50]!, timestamps[59]!]],
  scores: timestamps.map((_, i) => scores(i)),
});

describe('NAB scoring', () => {
  it.each([
    [-1, 0.98661],
    [-0.5, 0.84828],
    [0, 0],
    [1, -0.98661],
    [3, -1],
  ])('scaled sigmoid at %s is %s', (x, y) => {
    expect(scaledSigmoid(x)).toBeCloseTo(y, 5);
  });

  it('gives the perfect detector 100 and the null detector 0 on every profile', () => {
    for (const profile of Object.values(PROFILES)) {
      expect(scoreCorpus([file((i) => (i === 50 ? 1 : 0))], profile).score).toBeCloseTo(100, 9);
      expect(scoreCorpus([file(() => 0.5)], profile).score).toBeCloseTo(0, 9);
    }
  });

  it('rewards an early detection more than a late one', () => {
    const early = scoreCorpus([file((i) => (i === 52 ? 1 : 0))], PROFILES.standard).score;
    const late = scoreCorpus([file((i) => (i === 58 ? 1 : 0))], PROFILES.standard).score;
    expect(early).toBeGreaterThan(late);
    expect(late).toBeGreaterThan(0);
  });

  it('charges false positives by the profile weight, less just after a window', () => {
    const far = scoreCorpus([file((i) => (i === 50 || i === 30 ? 1 : 0))], PROFILES.standard);
    const near = scoreCorpus([file((i) => (i === 50 || i === 61 ? 1 : 0))], PROFILES.standard);
    // Before any window, a false positive costs the full FP weight: (1 − 0.11 − (−1)) / 2.
    expect(far.score).toBeCloseTo(((1 - 0.11 + 1) / 2) * 100, 6);
    expect(near.score).toBeGreaterThan(far.score);
  });

  it('ignores detections in the probationary period', () => {
    expect(scoreCorpus([file((i) => (i === 5 || i === 50 ? 1 : 0))], PROFILES.standard).score).toBeCloseTo(100, 9);
  });
});

describe('NAB per-file scores', () => {
  it('scores each file at a given threshold as the corpus sweep does', () => {
    const files = [file((i) => (i === 50 ? 1 : 0)), { ...file((i) => (i === 30 ? 0.9 : 0)), name: 'g' }];
    expect(scoreFilesAt(files, PROFILES.standard, 0.9)).toEqual([
      { name: 'f', raw: 1 },
      { name: 'g', raw: -1 - 0.11 },
    ]);
  });
});

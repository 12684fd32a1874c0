import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../random';
import { type NoveltyState, nabLearningPeriod, noveltyDetector, noveltyScores } from './novelty-detector';

/** A daily-looking wave of 48 rows with noise, and `extra(i)` added at row i. */
function series(n: number, extra: (i: number) => number = () => 0, seed = 7): number[] {
  const random = mulberry32(seed);
  return Array.from(
    { length: n },
    (_, i) => 50 + 20 * Math.sin((2 * Math.PI * i) / 48) + 2 * gaussian(random) + extra(i),
  );
}

const pages = (values: readonly number[], learning: number) => {
  let state = noveltyDetector.create({ learning });
  const levels = values.map((value, at) => {
    const step = noveltyDetector.update(state, { at, value });
    state = step.state;
    return step.verdict.level;
  });
  return levels.flatMap((level, i) => (level === 'page' ? [i] : []));
};

describe('novelty detector', () => {
  it('scores 0 while learning and stays in [0, 1]', () => {
    const scores = noveltyScores(series(1500), { learning: 300 });
    expect(scores.slice(0, 300).every((s) => s === 0)).toBe(true);
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
  });

  it('pages on a level shift soon after it starts, once, then rests', () => {
    const found = pages(
      series(1500, (i) => (i >= 1000 ? 45 : 0)),
      300,
    );
    const after = found.filter((i) => i >= 1000);
    expect(after[0]).toBeLessThan(1010);
    // The rest period is a fifth of the learning period: no second page within 60 rows.
    expect(after.filter((i) => i < after[0]! + 60)).toHaveLength(1);
  });

  it('pages at once on a value far beyond anything seen (the spatial rule)', () => {
    const values = Array.from({ length: 1200 }, (_, i) => 50 + 20 * Math.sin((2 * Math.PI * i) / 48));
    values[1100] = 75;
    const scores = noveltyScores(values, { learning: 300 });
    expect(scores[1100]).toBe(1);
  });

  it('follows NAB: learns 15% of a series, at most 750 rows', () => {
    expect(nabLearningPeriod(1000)).toBe(150);
    expect(nabLearningPeriod(22695)).toBe(750);
  });

  it('gives identical scores when restored from a snapshot at any point', () => {
    const values = series(700, (i) => (i >= 500 ? 30 : 0), 3);
    const whole = noveltyScores(values, { learning: 200 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: values.length - 1 }), (cut) => {
        let state = noveltyDetector.create({ learning: 200 });
        const scores: number[] = [];
        values.forEach((value, at) => {
          if (at === cut) state = JSON.parse(JSON.stringify(state)) as NoveltyState;
          const step = noveltyDetector.update(state, { at, value });
          state = step.state;
          scores.push(step.verdict.score);
        });
        expect(scores).toEqual(whole);
      }),
      { numRuns: 25 },
    );
  });
});

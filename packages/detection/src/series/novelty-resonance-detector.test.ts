import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../random';
import { CHANGE_DEFAULTS } from './change-channel';
import {
  FUSED_PAGE,
  FUSION_DEFAULTS,
  fuse,
  type NoveltyResonanceState,
  noveltyResonanceDetector,
  noveltyResonanceScores,
} from './novelty-resonance-detector';
import { runSeries } from './run-series';

/** A wave of 96 rows with noise, and `extra(i)` added at row i. */
function series(n: number, extra: (i: number) => number = () => 0, seed = 7): number[] {
  const random = mulberry32(seed);
  return Array.from(
    { length: n },
    (_, i) => 50 + 20 * Math.sin((2 * Math.PI * i) / 96) + 2 * gaussian(random) + extra(i),
  );
}

const params = { rest: 100, ...FUSION_DEFAULTS };
const quiet = { lastStir: -1e12, restLeft: 0, changeRest: 0 };

describe('fusion of novelty and resonance', () => {
  it.each([
    ['novelty alone', quiet, 0.7, 0, 0.7],
    [
      'a resonance anomaly the novelty score confirmed within the rest',
      { lastStir: 950, restLeft: 0, changeRest: 0 },
      0.1,
      0.6,
      0.55,
    ],
    ['a resonance anomaly with no novelty to confirm it', quiet, 0.1, 0.6, 0.9 * 0.55],
    ['a resonance anomaly confirmed too long ago', { lastStir: 800, restLeft: 0, changeRest: 0 }, 0.1, 0.6, 0.9 * 0.55],
    ['anything during a rest, held below page level', { lastStir: 990, restLeft: 5, changeRest: 0 }, 1, 1, 0.3],
  ])('scores %s', (_, state, novelty, confidence, expected) => {
    expect(fuse(state, 1000, novelty, confidence, params).score).toBeCloseTo(expected, 6);
  });

  it('lets the change channel page through a rest, once per rest of its own, and restarts the rest', () => {
    const resting = { lastStir: 990, restLeft: 5, changeRest: 0 };
    const page = fuse(resting, 1000, 0.1, 0, params, 1.2);
    expect(page).toMatchObject({ score: 0.6, restLeft: 100, changeRest: 100 });
    expect(fuse(page, 1001, 0.1, 0, params, 1.5).score).toBeCloseTo(0.1, 6);
    expect(fuse(quiet, 1000, 0.1, 0, params, 0.9).score).toBeCloseTo(0.1, 6);
  });

  it('starts a rest at a page and counts it down', () => {
    const page = fuse(quiet, 1000, 1, 0, params);
    expect(page.score).toBe(1);
    expect(page.restLeft).toBe(100);
    const next = fuse(page, 1001, 1, 0, params);
    expect(next.score).toBeCloseTo(0.3, 6);
    expect(next.restLeft).toBe(99);
    expect(FUSED_PAGE).toBeCloseTo(0.5, 6);
  });
});

describe('novelty_resonance detector', () => {
  it('scores 0 while learning and stays in [0, 1]', () => {
    const scores = noveltyResonanceScores(series(1500), { learning: 400 });
    expect(scores.slice(0, 400).every((s) => s === 0)).toBe(true);
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
  });

  it('pages on a level shift soon after it starts, then rests', () => {
    let state = noveltyResonanceDetector.create({ learning: 400 });
    const levels = series(1500, (i) => (i >= 1000 ? 45 : 0)).map((value, at) => {
      const step = noveltyResonanceDetector.update(state, { at, value });
      state = step.state;
      return step.verdict.level;
    });
    const pages = levels.flatMap((level, i) => (level === 'page' && i >= 1000 ? [i] : []));
    expect(pages[0]).toBeLessThan(1010);
    expect(pages.filter((i) => i < pages[0]! + 80)).toHaveLength(1);
  });

  it('is what detect --series runs by default', () => {
    const values = series(900);
    const points = values.map((value, i) => ({
      timestamp: new Date(Date.UTC(2026, 0, 1) + i * 300_000).toISOString(),
      value,
    }));
    expect(runSeries(points).map((p) => p.score)).toEqual(
      noveltyResonanceScores(values, { learning: 135, change: CHANGE_DEFAULTS }),
    );
  });

  it.each([
    ['without', null],
    ['with', CHANGE_DEFAULTS],
  ])('gives identical scores when restored from a snapshot at any point, %s the change channel', (_, change) => {
    // 450 rows of learning make blocks of 4 rows, so cuts fall inside blocks too.
    const values = series(1100, (i) => (i >= 900 ? 30 : 0), 3);
    const whole = noveltyResonanceScores(values, { learning: 450, change });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: values.length - 1 }), (cut) => {
        let state = noveltyResonanceDetector.create({ learning: 450, change });
        const scores: number[] = [];
        values.forEach((value, at) => {
          if (at === cut) state = JSON.parse(JSON.stringify(state)) as NoveltyResonanceState;
          const step = noveltyResonanceDetector.update(state, { at, value });
          state = step.state;
          scores.push(step.verdict.score);
        });
        expect(scores).toEqual(whole);
      }),
      { numRuns: 20 },
    );
  });
});

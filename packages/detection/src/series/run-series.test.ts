import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../random';
import { FUSED_PAGE } from './novelty-resonance-detector';
import { DEFAULT_SERIES_DETECTOR, runSeries } from './run-series';

const ROWS = 2000;
const ONSET = 1500;
const SIGMA = 2.5;

/** Level 50, noise from `noise`, `extra(i)` added (a factor on the noise from `spread(i)`), as detect --series reads it. */
function series(
  seed: number,
  extra: (i: number) => number,
  spread: (i: number) => number = () => 1,
  noise: (random: () => number) => number = (random) => SIGMA * gaussian(random),
) {
  const random = mulberry32(seed);
  return Array.from({ length: ROWS }, (_, i) => ({
    timestamp: new Date(Date.UTC(2026, 0, 1) + i * 300_000).toISOString(),
    value: 50 + spread(i) * noise(random) + extra(i),
  }));
}

/** Rows, from `from` on, where the default detector's score reaches its page line. */
function pagedRows(points: ReturnType<typeof series>, from = 0): number[] {
  return runSeries(points).flatMap((p, i) => (i >= from && p.score >= FUSED_PAGE ? [i] : []));
}

const uniform = (random: () => number) => 5 * random() - 2.5;

describe(`the default series detector (${DEFAULT_SERIES_DETECTOR}) on plain anomalies`, () => {
  it.each([1, 2, 3, 4, 5])('pages at a +15 step on ±2.5 noise within 5 rows of it (seed %i)', (seed) => {
    const rows = pagedRows(
      series(seed, (i) => (i >= ONSET ? 15 : 0), undefined, uniform),
      ONSET,
    );
    expect(rows[0]).toBeLessThan(ONSET + 5);
  });

  // The stated signal-to-noise ratios (bench/series-suite.ts measures the rest).
  it.each([
    ['a spike of 8σ', (i: number) => (i === ONSET ? 8 * SIGMA : 0), undefined],
    ['a step of 5σ', (i: number) => (i >= ONSET ? -5 * SIGMA : 0), undefined],
    ['a level shift of 5σ for 60 rows', (i: number) => (i >= ONSET && i < ONSET + 60 ? 5 * SIGMA : 0), undefined],
    ['the noise ×2.5', () => 0, (i: number) => (i >= ONSET ? 2.5 : 1)],
    [
      'a trend break gaining 5σ every 25 rows',
      (i: number) => (i >= ONSET ? (5 * SIGMA * (i - ONSET + 1)) / 25 : 0),
      undefined,
    ],
  ])('pages on %s on white noise within 25 rows', (_, extra, spread) => {
    for (const seed of [11, 12, 13]) {
      const rows = pagedRows(series(seed, extra, spread), ONSET);
      expect(rows[0], `seed ${seed}`).toBeLessThan(ONSET + 25);
    }
  });

  it('pages on a 5σ step that comes while it rests after an earlier page (the previous default did not)', () => {
    for (const seed of [11, 12, 13]) {
      // A 10σ spike 30 rows before the step pages and starts a 60-row rest; it also stretches the
      // range seen upwards, so the upward step is no new extreme either.
      const points = series(seed, (i) => (i === ONSET - 30 ? 10 * SIGMA : 0) + (i >= ONSET ? 5 * SIGMA : 0));
      const rows = pagedRows(points, ONSET - 30);
      expect(rows[0], `seed ${seed}`).toBe(ONSET - 30);
      expect(rows[1], `seed ${seed}`).toBeLessThan(ONSET + 25);
      expect(
        runSeries(points, 'novelty_resonance')
          .slice(ONSET, ONSET + 25)
          .every((p) => p.score < FUSED_PAGE),
      ).toBe(true);
    }
  });

  it('stays under its page line on a flat series', () => {
    expect(
      pagedRows(
        series(
          1,
          () => 0,
          () => 0,
        ),
      ),
    ).toEqual([]);
  });
});

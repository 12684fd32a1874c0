import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changePoints, deployOnset, estimateOnset, estimateOnsetIndex } from './onset';

/** Seeded uniform noise in ±width/2, so the series below are fixed. */
function noiseFrom(seed: number, width: number): () => number {
  let a = seed;
  return () => ((a = (a * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * width;
}

function steps(levels: ReadonlyArray<readonly [level: number, length: number]>, seed = 7, width = 0.5): number[] {
  const noise = noiseFrom(seed, width);
  return levels.flatMap(([level, length]) => Array.from({ length }, () => level + noise()));
}

/**
 * The same penalised segmentation by brute force: every last-segment start for every prefix,
 * no pruning, the variance as R's scale() takes it. What PELT's pruning must not change.
 */
function exhaustive(values: readonly number[], minSegment: number): number[] {
  const n = values.length;
  const mean = values.reduce((sum, v) => sum + v, 0) / n;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1) || 1;
  const cost = (s: number, t: number) => {
    const part = values.slice(s, t);
    const m = part.reduce((sum, v) => sum + v, 0) / part.length;
    return part.reduce((sum, v) => sum + (v - m) ** 2, 0) / variance + Math.log(t - s);
  };
  const penalty = 3 * Math.log(n);
  const best = [-penalty];
  const last = [0];
  for (let t = 1; t <= n; t++) {
    best.push(Infinity);
    last.push(0);
    for (let s = 0; s <= t - minSegment; s++) {
      if (s > 0 && s < minSegment) continue;
      const total = best[s]! + cost(s, t) + penalty;
      if (total < best[t]!) [best[t], last[t]] = [total, s];
    }
  }
  const cuts: number[] = [];
  for (let t = n; t > 0; t = last[t]!) if (last[t]! > 0) cuts.push(last[t]!);
  return cuts.reverse();
}

describe('change points', () => {
  it.each([
    [
      'one step',
      [
        [0, 30],
        [4, 30],
      ],
      [30],
    ],
    [
      'two steps',
      [
        [0, 40],
        [3, 25],
        [-2, 35],
      ],
      [40, 65],
    ],
    [
      'a step of 2 noise widths, long enough',
      [
        [0, 60],
        [1, 60],
      ],
      [60],
    ],
    ['no step', [[5, 80]], []],
  ] as const)('finds %s where it is', (_, levels, expected) => {
    expect(changePoints(steps(levels))).toEqual(expected);
  });

  it('finds nothing in a constant series, nor in one too short to split', () => {
    expect(changePoints(Array.from({ length: 50 }, () => 3))).toEqual([]);
    expect(changePoints([1])).toEqual([]);
    expect(changePoints([])).toEqual([]);
  });

  it('does not cut segments shorter than the minimum', () => {
    const spike = steps([
      [0, 30],
      [9, 1],
      [0, 30],
    ]);
    expect(changePoints(spike)).toEqual([30, 31]);
    for (const minSegment of [2, 3, 5]) {
      const bounds = [0, ...changePoints(spike, { minSegment }), spike.length];
      expect(bounds.slice(1).every((end, i) => end - bounds[i]! >= minSegment)).toBe(true);
    }
  });

  it('prunes without changing the optimum (against an exhaustive search)', () => {
    const series = fc.array(fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: 1, max: 25 })), {
      minLength: 1,
      maxLength: 5,
    });
    fc.assert(
      fc.property(
        series,
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 4 }),
        (levels, seed, minSegment) => {
          const values = steps(levels, seed, 2);
          if (values.length < 2) return;
          expect(changePoints(values, { minSegment })).toEqual(exhaustive(values, minSegment));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reads a noise scale from first differences when asked, which sees small steps the global scale misses', () => {
    const values = steps(
      [
        [0, 100],
        [10, 100],
        [14, 12],
      ],
      11,
      1,
    );
    expect(changePoints(values)).toEqual([100]);
    expect(changePoints(values, { noise: 'differences' })).toEqual([100, 200]);
  });
});

describe('onset estimation', () => {
  it.each([
    [[1, 1, 1, 1, 1, 5, 5, 5], 7, 5],
    [[0.02, 0.021, 0.019, 0.02, 0.08, 0.09], 5, 4],
    [[10, 10, 10, 4, 4], 4, 3],
  ])('finds the shift in %j', (values, latest, expected) => {
    expect(estimateOnsetIndex(values, latest)).toBe(expected);
  });

  it('never places the onset after the first alerting window', () => {
    expect(estimateOnsetIndex([1, 1, 1, 1, 1, 1, 9, 9], 3)).toBe(3);
  });

  it('finds a large step within one window of where it is, in noise', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 60 }),
        fc.integer({ min: 5, max: 40 }),
        fc.integer({ min: 1, max: 1000 }),
        (before, after, seed) => {
          const values = steps(
            [
              [0, before],
              [5, after],
            ],
            seed,
          );
          expect(Math.abs(estimateOnsetIndex(values, values.length - 1) - before)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('is not pulled back to an older shift that the segmentation explains', () => {
    // The largest single split is at 100; the regime that alerted began at 200.
    const values = steps([
      [0, 100],
      [10, 100],
      [20, 30],
    ]);
    expect(changePoints(values)).toEqual([100, 200]);
    expect(estimateOnsetIndex(values, 201)).toBe(200);
  });

  it('agrees with the last change point of the segmentation when that is no later than the alert', () => {
    // The optimal segmentation's last cut c minimises best[s] + cost(s, n) over all s, so the
    // onset must be c whenever c is allowed.
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 60 }),
        fc.integer({ min: 10, max: 60 }),
        fc.integer({ min: 3, max: 30 }),
        fc.integer({ min: 1, max: 1000 }),
        (a, b, c, seed) => {
          const values = steps(
            [
              [0, a],
              [6, b],
              [-6, c],
            ],
            seed,
            3,
          );
          const last = changePoints(values).at(-1);
          const firstAlerting = a + b + 1;
          if (last !== undefined && last <= firstAlerting) expect(estimateOnsetIndex(values, firstAlerting)).toBe(last);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('dates a fresh jump near the jump, never hours back where a slow wander of the residuals began', () => {
    // A day of windows whose residuals wander slowly (AR(1), ρ = 0.98, as when the hour's
    // profile is a little off for hours at a time), then a jump of four wander-widths in the
    // last two windows. A step fitted over the whole day dated some of these jumps to wherever
    // the wander last crossed its mean, up to eleven hours back; the fit now looks back four
    // hours (48 windows), as the ramp does. A wander that climbs before the jump can still
    // pass for a ramp's start (2 of these 40 seeds, by 10 and 36 windows).
    const windowMs = 300_000;
    let near = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const noise = noiseFrom(seed, 2 * Math.sqrt(3));
      let wander = 0;
      const history = Array.from({ length: 288 }, (_, i) => {
        wander = 0.98 * wander + Math.sqrt(1 - 0.98 ** 2) * noise();
        const value = 100 + wander + (i >= 286 ? 4 : 0) + 0.1 * noise();
        return { at: i * windowMs, value, expected: 100 };
      });
      const { at } = estimateOnset(history, 286, windowMs);
      expect(at, `seed ${seed}`).toBeGreaterThanOrEqual((286 - 48) * windowMs);
      if (Math.abs(at - 286 * windowMs) <= windowMs) near++;
    }
    expect(near).toBeGreaterThanOrEqual(38);
  });
});

describe('deployOnset', () => {
  const MIN = 60_000;
  const deploy = Date.parse('2026-11-09T10:00:00Z');
  const at = (minutes: number) => deploy + minutes * MIN;
  const around = { windowMs: 5 * MIN, end: at(10) };
  const abrupt = (minutes: number) => ({ at: at(minutes), model: 'abrupt' as const });

  it('dates a change to the deploy its before/after comparison blamed, unless the history puts it well after', () => {
    expect(deployOnset(abrupt(-11), { detail: { deployAt: deploy } }, undefined, around)).toEqual(abrupt(0));
    expect(deployOnset(abrupt(25), { detail: { deployAt: deploy } }, undefined, { ...around, end: at(30) })).toEqual(
      abrupt(25),
    );
  });

  it('snaps a fitted step to the latest deploy between it and the alert, or just before it', () => {
    expect(deployOnset(abrupt(-11), {}, deploy, around)).toEqual(abrupt(0));
    expect(deployOnset(abrupt(8), {}, deploy, around)).toEqual(abrupt(0));
    // An hour and more before the deploy, or well after it: the fit stands.
    expect(deployOnset(abrupt(-70), {}, deploy, around)).toEqual(abrupt(-70));
    expect(deployOnset(abrupt(15), {}, deploy, { ...around, end: at(20) })).toEqual(abrupt(15));
    // A deploy after the alert's window explains nothing; nor does one for a gradual ramp.
    expect(deployOnset(abrupt(-5), {}, deploy, { ...around, end: at(-1) })).toEqual(abrupt(-5));
    expect(deployOnset({ at: at(-5), model: 'gradual' }, {}, deploy, around)).toEqual({ at: at(-5), model: 'gradual' });
  });
});

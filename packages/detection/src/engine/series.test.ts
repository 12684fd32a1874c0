import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../random';
import { SERIES_DETECTORS, scoreSeries } from './series';

describe('scoring a plain series (the NAB format)', () => {
  const random = mulberry32(5);
  const points = Array.from({ length: 400 }, (_, i) => ({
    timestamp: `t${i}`,
    value: 100 + gaussian(random) + (i >= 300 ? 6 : 0),
  }));

  it.each(SERIES_DETECTORS)('%s scores every row in [0, 1], quiet in the baseline, high after the step', (detector) => {
    const scored = scoreSeries(points, detector);
    expect(scored).toHaveLength(400);
    expect(scored.every((p) => p.score >= 0 && p.score <= 1)).toBe(true);
    expect(scored.slice(0, 60).every((p) => p.score === 0)).toBe(true);
    const before = Math.max(...scored.slice(60, 300).map((p) => p.score));
    const after = Math.max(...scored.slice(300, 310).map((p) => p.score));
    expect(after).toBeGreaterThan(before);
    expect(after).toBeGreaterThanOrEqual(0.5);
  });
});

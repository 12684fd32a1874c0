import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../random';
import { createResonance, updateResonance } from './resonance';

/** A wave of 96 rows with noise, and `extra(i)` added at row i. */
function series(n: number, extra: (i: number, base: number) => number = () => 0, seed = 3): number[] {
  const random = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => {
    const base = 50 + 20 * Math.sin((2 * Math.PI * i) / 96);
    return base + extra(i, base) + gaussian(random);
  });
}

function anomalies(values: readonly number[], learning = 600) {
  let state = createResonance(values.slice(0, learning), 0.35);
  const found: Array<[number, number]> = [];
  values.slice(learning).forEach((value, k) => {
    const step = updateResonance(state, value);
    state = step.state;
    if (step.confidence > 0) found.push([learning + k, step.confidence]);
  });
  return { found, state };
}

describe('resonance channel', () => {
  it('stays silent on a series that keeps the shapes it learnt', () => {
    expect(anomalies(series(2880)).found).toEqual([]);
  });

  it.each([
    ['a flat stretch', (i: number, base: number) => (i >= 2000 && i < 2100 ? 50 - base : 0)],
    [
      'a faster oscillation',
      (i: number, base: number) => (i >= 2000 && i < 2100 ? 20 * Math.sin((2 * Math.PI * i) / 12) + 50 - base : 0),
    ],
  ])('reports %s within a few blocks, with a confidence in (0, 1]', (_, extra) => {
    const { found } = anomalies(series(2880, extra));
    expect(found.length).toBeGreaterThan(0);
    const [at, confidence] = found[0]!;
    expect(at).toBeGreaterThanOrEqual(2000);
    expect(at).toBeLessThan(2040);
    expect(confidence).toBeGreaterThan(0);
    expect(confidence).toBeLessThanOrEqual(1);
  });

  it('widens its scale for a value far beyond the learnt range and still knows the old shapes after it', () => {
    const { found, state } = anomalies(series(2880, (i) => (i === 1500 ? 400 : 0)));
    expect(state.features.high).toBeGreaterThan(300);
    expect(found.filter(([at]) => at > 1700)).toEqual([]);
  });
});

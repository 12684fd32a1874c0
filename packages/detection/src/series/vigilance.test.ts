import { describe, expect, it } from 'vitest';
import { createMemory } from './fuzzy-art';
import { adaptVigilance, createVigilance, initialVigilance, observeMatch } from './vigilance';

function observed(matches: readonly number[], upper = 0.9) {
  return matches.reduce((v, m) => observeMatch(v, m, upper, false), createVigilance(20));
}

describe('vigilance', () => {
  it('creeps the lower vigilance 19% of the way up to the worst recent match while all is familiar', () => {
    const memory = { ...createMemory(0.5), upper: 0.9 };
    const { memory: next } = adaptVigilance(observed(Array(20).fill(0.8)), memory, 30, 20);
    expect(next.lower).toBeCloseTo(0.5 + 0.3 * 0.19, 12);
    expect(next.upper).toBeCloseTo(0.8, 12);
  });

  it('caps the upper vigilance at 0.97', () => {
    const { memory } = adaptVigilance(observed(Array(20).fill(1)), createMemory(0.5), 30, 20);
    expect(memory.upper).toBe(0.97);
  });

  it('backs off by half the mean shortfall when recent matches fell below it, not below past anomalies', () => {
    const matches = [...Array(19).fill(0.88), 0.4];
    const memory = { ...createMemory(0.6), upper: 0.9 };
    // Shortfalls (upper − match) above 0.05 count, capped at 0.37: only the 0.5 one, as 0.37.
    const { memory: next } = adaptVigilance(observed(matches), memory, 50, 20);
    expect(next.lower).toBeCloseTo(0.6 - 0.37 / 2, 12);
    const withAnomaly = { ...observed(matches), anomalies: { sum: 0.55, n: 1, last: 0.55 } };
    expect(adaptVigilance(withAnomaly, memory, 50, 20).memory.lower).toBe(0.55);
  });

  it('during an anomaly mask, lowers that anomaly to a worse match', () => {
    const v = { ...createVigilance(10), anomalies: { sum: 1.2, n: 2, last: 0.5 } };
    expect(observeMatch(v, 0.3, 0.9, true).anomalies).toEqual({ sum: 1, n: 2, last: 0.3 });
    expect(observeMatch(v, 0.3, 0.9, false).anomalies).toEqual(v.anomalies);
  });

  it('starts at the average best match of a pass over the learning windows', () => {
    // The first window meets an empty memory (0); the rest match it exactly (1).
    expect(initialVigilance(Array(12).fill([0.2, 0.4, 0.6]), 2)).toBeCloseTo(11 / 12, 12);
    expect(initialVigilance([], 12)).toBe(0.8);
  });
});

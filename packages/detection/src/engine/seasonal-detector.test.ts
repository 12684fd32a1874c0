import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../random';
import { learnCorrelation, longRunFactor, type SeasonalState, seasonalDetector } from './seasonal-detector';

// Scores as an AR(1) stream: s_t = φ s_{t−1} + √(1 − φ²) ε_t, unit variance for every φ.
function taught(phi: number, windows: number, seed = 11): SeasonalState {
  const random = mulberry32(seed);
  const state = seasonalDetector.create({} as never);
  let score = 0;
  for (let i = 0; i < windows; i++) {
    score = phi * score + Math.sqrt(1 - phi * phi) * gaussian(random);
    learnCorrelation(state, score);
  }
  return state;
}

// The Bartlett-weighted factor an AR(1) stream has in truth: 1 + 2 Σ (1 − k/(L+1)) φᵏ.
const truth = (phi: number, lags: number) => {
  let factor = 1;
  for (let k = 1; k <= lags; k++) factor += 2 * (1 - k / (lags + 1)) * phi ** k;
  return factor;
};

describe('long-run variance factor of quiet scores', () => {
  it('is 1 until half a day of quiet windows has taught it', () => {
    expect(longRunFactor(taught(0.7, 143), 24)).toBe(1);
    expect(longRunFactor(taught(0.7, 144), 24)).toBeGreaterThan(1);
  });

  it('stays near 1 for independent scores', () => {
    const state = taught(0, 5000);
    expect(longRunFactor(state, 24)).toBeLessThan(1.6);
    expect(longRunFactor(state, 2)).toBeLessThan(1.2);
  });

  it('finds the factor of correlated scores, larger over a longer span', () => {
    const state = taught(0.6, 20_000);
    const slow = longRunFactor(state, 24);
    const fast = longRunFactor(state, 2);
    expect(slow).toBeGreaterThan(truth(0.6, 24) * 0.8);
    expect(slow).toBeLessThan(truth(0.6, 24) * 1.2);
    expect(fast).toBeGreaterThan(truth(0.6, 2) * 0.85);
    expect(fast).toBeLessThan(truth(0.6, 2) * 1.15);
    expect(slow).toBeGreaterThan(fast);
  });

  it('never trusts a negatively correlated stream to be quieter than an independent one, and never goes past 16', () => {
    expect(longRunFactor(taught(-0.7, 5000), 24)).toBe(1);
    expect(longRunFactor(taught(0.99, 20_000), 24)).toBeLessThanOrEqual(16);
  });

  it('learns afresh from a snapshot written before it existed (lag-one sums only)', () => {
    const old = { ...seasonalDetector.create({} as never), lag: [0.3, 100, 200, 1000] } as SeasonalState;
    const restored = JSON.parse(JSON.stringify(old)) as SeasonalState;
    expect(longRunFactor(restored, 24)).toBe(1);
    learnCorrelation(restored, 0.5);
    expect(restored.memory?.windows).toBe(1);
  });
});

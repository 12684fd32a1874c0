import { describe, expect, it } from 'vitest';
import { calibrate, cusumArl, cusumLimit, ewmaArl, shewhartArl, shewhartRun } from './arl';

// Published in-control ARLs: Shewhart 3σ 370.4; two-sided CUSUM k=0.5 (Montgomery, Introduction
// to Statistical Quality Control, table 9.3); EWMA designs with ARL0 = 500 (Lucas & Saccucci 1990).
describe('average run lengths', () => {
  it('matches the 3-sigma Shewhart chart (370.4)', () => {
    expect(shewhartArl(3, 1)).toBeCloseTo(370.4, 0);
  });

  it.each([
    [0.5, 4, 168],
    [0.5, 5, 465],
  ])('matches the two-sided CUSUM k=%s h=%s (%s)', (k, h, published) => {
    expect(Math.abs(cusumArl(k, h) - published) / published).toBeLessThan(0.03);
  });

  it.each([
    [0.05, 2.615, 500],
    [0.1, 2.814, 500],
    [0.2, 2.962, 500],
    [0.25, 2.998, 500],
    [0.4, 3.054, 500],
  ])('matches EWMA λ=%s L=%s (%s)', (lambda, L, published) => {
    expect(Math.abs(ewmaArl(lambda, L) - published) / published).toBeLessThan(0.03);
  });

  it('confirms 1.5σ warnings and 2.5σ pages by consecutive windows to meet a day and a month of 5-minute windows', () => {
    expect(shewhartRun(1.5, 288)).toBe(3);
    expect(shewhartRun(2.5, 8640)).toBe(2);
    expect(shewhartArl(2.5, 2)).toBeGreaterThanOrEqual(8640);
  });

  it('calibrates textbook CUSUM (h=5, a false alarm every ~465 windows) up to a month of windows', () => {
    const h = calibrate((x) => cusumArl(0.5, x), 8640, 1, 20);
    expect(h).toBeGreaterThan(5);
    expect(cusumArl(0.5, h)).toBeCloseTo(8640, -1);
    // Still quick on a real shift: one sigma is caught in a few dozen windows at most.
    expect(cusumArl(0.5, h, 1)).toBeLessThan(30);
  });

  it.each([
    [168, 4],
    [465, 5],
  ])('finds the textbook CUSUM limit back from its ARL (k=0.5, %s windows → h≈%s)', (windows, h) => {
    expect(cusumLimit(windows)).toBeCloseTo(h, 1);
  });

  it.each([288, 8640, 1e6])('gives a limit whose ARL is the %s windows asked for, for both allowances', (windows) => {
    for (const k of [0.5, 1.5]) {
      const h = cusumLimit(windows, k);
      expect(Math.abs(cusumArl(k, h) - windows) / windows).toBeLessThan(0.01);
      // A limit a little lower would alarm sooner than asked.
      expect(cusumArl(k, h * 0.95)).toBeLessThan(windows);
    }
  });

  it('keeps the bits it had before the normal CDF was remembered per matrix (limits, hence alerts, unchanged)', () => {
    // Values from the version that called the CDF for every edge (1297a7f); 1,200 inputs were
    // compared bit for bit when the change was made.
    expect(ewmaArl(0.2, 2.86)).toBe(370.1905592161529);
    expect(ewmaArl(0.05, 3.1)).toBe(1806.8939739577552);
    expect(cusumArl(0.5, 4.77)).toBe(368.2730328960915);
    expect(cusumArl(0.5, 5, 1)).toBe(10.376495576672133);
    expect(cusumLimit(8640)).toBe(7.90699492858041);
  });
});

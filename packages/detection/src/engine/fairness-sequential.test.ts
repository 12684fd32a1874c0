import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random';
import { normalQuantile } from '../stats';
import {
  conditionalLlr,
  emptySequential,
  groupLimits,
  MAX_CHARTS,
  type SequentialOptions,
  type SequentialState,
  stepSequential,
} from './fairness-sequential';

const SHARES: Array<[string, number]> = [
  ['A', 0.45],
  ['B', 0.3],
  ['C', 0.15],
  ['D', 0.1],
];

/** One window of `decisions` decisions across the four groups, each selected at `rate(group)`. */
function window(random: () => number, decisions: number, rate: (group: string) => number) {
  const counts = new Map(SHARES.map(([name]) => [name, { name, selected: 0, total: 0 }]));
  for (let i = 0; i < decisions; i++) {
    let u = random();
    let group = SHARES.at(-1)![0];
    for (const [name, share] of SHARES) {
      if (u < share) {
        group = name;
        break;
      }
      u -= share;
    }
    const g = counts.get(group)!;
    g.total += 1;
    if (random() < rate(group)) g.selected += 1;
  }
  return [...counts.values()];
}

/** log C(n, k) by a sum of logs: a different route from the recursion the code takes. */
function logChoose(n: number, k: number): number {
  let sum = 0;
  for (let i = 1; i <= k; i++) sum += Math.log(n - k + i) - Math.log(i);
  return sum;
}

/** The group's selections under parity given the margins: hypergeometric. */
function hypergeometric(x: number, n: number, m: number, t: number): number {
  return Math.exp(logChoose(n, x) + logChoose(m, t - x) - logChoose(n + m, t));
}

const options = (alpha: number, minRun = 0): SequentialOptions => ({
  ratio: 0.5,
  minRun,
  alpha: { page: alpha, warn: alpha },
});

describe('the group-against-rest likelihood ratio', () => {
  it('is the odds of one selection out of two under psi against parity', () => {
    // One decision each side, one selected: the group holds it with probability psi/(1+psi), or ½.
    expect(conditionalLlr(1, 1, 1, 1, 0.5)).toBeCloseTo(Math.log((0.5 / 1.5) * 2), 12);
    expect(conditionalLlr(0, 1, 1, 1, 0.5)).toBeCloseTo(Math.log((1 / 1.5) * 2), 12);
  });

  it.each([
    [20, 80, 25, 0.5],
    [60, 240, 70, 0.45],
    [5, 400, 90, 0.3],
    [300, 300, 590, 0.7],
  ])('has an exponential of mean one and a negative mean under parity (n=%s, m=%s, t=%s, psi=%s)', (n, m, t, psi) => {
    let mean = 0;
    let expMean = 0;
    for (let x = Math.max(0, t - m); x <= Math.min(n, t); x++) {
      const p = hypergeometric(x, n, m, t);
      const llr = conditionalLlr(x, n, m, t, psi);
      mean += p * llr;
      expMean += p * Math.exp(llr);
    }
    expect(expMean).toBeCloseTo(1, 9);
    expect(mean).toBeLessThan(0);
  });

  it('is zero when the margins leave the group no choice', () => {
    expect(conditionalLlr(10, 10, 5, 15, 0.5)).toBe(0);
    expect(conditionalLlr(0, 10, 5, 0, 0.5)).toBe(0);
  });
});

describe('per-group CUSUM against the rest', () => {
  it('catches one group selected at 13% instead of 24%, names it and dates its run from the drop', () => {
    // 250 decisions a window, group C is 15% of them; the drop starts at window 100.
    const delays: number[] = [];
    for (let seed = 1; seed <= 30; seed++) {
      const random = mulberry32(seed);
      let state: SequentialState = emptySequential();
      for (let w = 0; w < 300; w++) {
        const counts = window(random, 250, (g) => (w >= 100 && g === 'C' ? 0.13 : 0.24));
        state = stepSequential(state, counts, w, options(1e-5, 400));
        if (state.alarm) {
          expect(w).toBeGreaterThanOrEqual(100);
          expect(state.alarm.group).toBe('C');
          // The run starts near the drop: a few windows of chance either side at most.
          expect(Math.abs(state.alarm.start - 100)).toBeLessThanOrEqual(6);
          const chart = state.charts.C!;
          expect(chart.total).toBeGreaterThanOrEqual(400);
          expect(chart.selected / chart.total).toBeLessThan(0.18);
          delays.push(w - 99);
          break;
        }
      }
    }
    expect(delays).toHaveLength(30);
    delays.sort((a, b) => a - b);
    // About 37 decisions of C a window: 400 of them take 11 windows, and the evidence is there by then.
    expect(delays[15]).toBeLessThanOrEqual(14);
  });

  it('keeps its false alarms on fair streams under its half of the budget, by a margin beyond chance', () => {
    // A budget generous enough to count alarms (a page every 25 windows for the series, half of
    // it for the charts), and no minimum run, so the limits alone are on trial.
    const alpha = 0.04;
    let episodes = 0;
    let windows = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const random = mulberry32(1000 + seed);
      let state: SequentialState = emptySequential();
      let was = false;
      for (let w = 0; w < 2500; w++) {
        state = stepSequential(
          state,
          window(random, 100, () => 0.24),
          w,
          options(alpha / 2),
        );
        if (state.alarm && !was) episodes += 1;
        was = state.alarm !== null;
        windows += 1;
      }
    }
    // At the budget's rate, alarms would be Poisson with mean λ; fewer than λ − 3√λ happens by
    // chance with probability about 0.1%, so passing says the rate is really below budget.
    const lambda = (alpha / 2) * windows;
    expect(episodes).toBeLessThan(lambda - normalQuantile(0.999) * Math.sqrt(lambda));
  });

  it('says nothing until the run holds the minimum on each side', () => {
    const random = mulberry32(5);
    let state: SequentialState = emptySequential();
    // Group C selects nobody at all: overwhelming evidence, but only 30 decisions a window.
    for (let w = 0; w < 20; w++) {
      state = stepSequential(
        state,
        window(random, 200, (g) => (g === 'C' ? 0 : 0.24)),
        w,
        options(1e-5, 400),
      );
      if (state.charts.C!.total < 400) expect(state.alarm).toBeNull();
    }
    expect(state.alarm?.group).toBe('C');
  });

  it('stops climbing at one and a half page limits, so it drains soon after the group recovers', () => {
    const random = mulberry32(7);
    let state: SequentialState = emptySequential();
    const alpha = 1e-5;
    const limit = groupLimits({ page: alpha, warn: alpha }, 4).page;
    for (let w = 0; w < 200; w++)
      state = stepSequential(
        state,
        window(random, 250, (g) => (g === 'C' ? 0.13 : 0.24)),
        w,
        options(alpha),
      );
    // Four hours of the drop would have piled up about 20 limits' worth without the cap.
    expect(state.charts.C!.cusum).toBeGreaterThan(limit);
    expect(state.charts.C!.cusum).toBeLessThanOrEqual(1.5 * limit);
    let quiet = 0;
    while (state.alarm && quiet < 100) {
      state = stepSequential(
        state,
        window(random, 250, () => 0.24),
        200 + quiet,
        options(alpha),
      );
      quiet += 1;
    }
    expect(quiet).toBeLessThan(40);
  });

  it('charts at most MAX_CHARTS groups and keeps only charts above zero, so memory stays bounded', () => {
    let state: SequentialState = emptySequential();
    // Sixty groups, every other one never selected: each of those would climb if charted.
    const groups = Array.from({ length: 60 }, (_, i) => ({ name: `g${i}`, selected: i % 2 === 0 ? 0 : 10, total: 20 }));
    for (let w = 0; w < 3; w++) state = stepSequential(state, groups, w, options(1e-3));
    const kept = Object.keys(state.charts);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThanOrEqual(MAX_CHARTS);
    expect(kept.every((name) => Number(name.slice(1)) % 2 === 0)).toBe(true);
  });

  it('splits half the budget across its groups, so more groups each get a higher limit', () => {
    const one = groupLimits({ page: 1e-5, warn: 1e-3 }, 1);
    const four = groupLimits({ page: 1e-5, warn: 1e-3 }, 4);
    expect(four.page).toBeGreaterThan(one.page);
    expect(four.warn).toBeGreaterThan(one.warn);
    expect(one.page).toBeGreaterThan(one.warn);
  });
});

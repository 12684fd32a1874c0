import { canary, mulberry32 } from '@firebreak/detection';
import { describe, expect, it } from 'vitest';
import { type RunSettings, runCanary } from './run';
import { SYSTEMS, seriesOf, Traffic } from './traffic';

const settings: RunSettings = {
  plan: canary.DEFAULT_CANARY_PLAN,
  alpha: 1e-4,
  beta: 0.01,
  horizonMinutes: 600,
  gateSegments: false,
};
const copilot = SYSTEMS[0]!;

describe('the canary benchmark runs', () => {
  it('lists each signal overall and per segment value', () => {
    expect(seriesOf(copilot)).toHaveLength(2 * (1 + copilot.segments.length));
  });

  it('are deterministic for a seed', () => {
    expect(runCanary(copilot, 7, 'sequential', settings)).toEqual(runCanary(copilot, 7, 'sequential', settings));
  });

  it('abort a candidate whose refusals tripled, on that signal, before 25%', () => {
    const outcome = runCanary(copilot, 11, 'sequential', settings, { signal: 'refusal', ratio: 3 });
    expect(outcome.result).toBe('abort');
    expect(outcome.step).toBeLessThan(2);
    expect(outcome.abortedBy).toContain('refusal');
  });

  it('complete a healthy canary by the fixed-horizon test at the plan minimums', () => {
    const outcome = runCanary(copilot, 12, 'fixed', settings);
    expect([outcome.result, outcome.minute]).toEqual(['complete', 70]);
  });
});

describe('sticky assignment to users who differ', () => {
  const sticky = { users: 20_000, activitySpread: 1.5, rateSpread: 0.8 };
  /** The candidate's refusal rate over the baseline's, over 300 minutes at 5%, for one seed. */
  const ratio = (seed: number, withUsers: boolean) => {
    const traffic = new Traffic(copilot, mulberry32(seed), undefined, withUsers ? sticky : undefined);
    let [n0, x0, n1, x1] = [0, 0, 0, 0];
    for (let minute = 0; minute < 300; minute++) {
      const overall = traffic.minute(minute, 0.05).series[2 + copilot.segments.length]!; // refusal, overall
      n0 += overall.n0;
      x0 += overall.x0;
      n1 += overall.n1;
      x1 += overall.x1;
    }
    return { share: n1 / (n0 + n1), ratio: x1 / n1 / (x0 / n0) };
  };
  const sd = (values: number[]) => {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
  };

  it('gives the candidate a cohort whose rate differs from the baseline’s for the whole run', () => {
    const seeds = Array.from({ length: 30 }, (_, i) => 100 + i);
    const independent = seeds.map((seed) => Math.log(ratio(seed, false).ratio));
    const cohorts = seeds.map((seed) => ratio(seed, true));
    // Binomial noise alone is a spread of a few percent here; a cohort of a thousand users of uneven
    // weight adds a bias that lasts the whole run, several times that.
    expect(sd(cohorts.map((c) => Math.log(c.ratio)))).toBeGreaterThan(2 * sd(independent));
    // The candidate's share of traffic is its users' share of activity: around 5%, not exactly.
    const shares = cohorts.map((c) => c.share);
    expect(Math.min(...shares)).toBeLessThan(0.045);
    expect(Math.max(...shares)).toBeGreaterThan(0.055);
    expect(cohorts[0]).toEqual(ratio(seeds[0]!, true));
  }, 60_000);
});

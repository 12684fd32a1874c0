import { canary } from '@firebreak/detection';
import { describe, expect, it } from 'vitest';
import { type RunSettings, runCanary } from './run';
import { SYSTEMS, seriesOf } from './traffic';

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

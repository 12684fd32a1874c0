import { describe, expect, it } from 'vitest';
import type { MonitorSpec } from './monitor';
import { alarmBudget, numberParam } from './significance';

const spec: MonitorSpec = {
  id: 'm',
  system: 's',
  signal: 'confidence',
  detector: 'drift',
  params: {},
  windowMs: 5 * 60_000,
  baselineWindows: 12,
  owner: 'o',
};

describe('alarm budget', () => {
  it('runs each window at α = window / budget: a page per 30 days, a warning per day by default', () => {
    expect(alarmBudget(spec)).toEqual({
      page: 300 / (30 * 86_400),
      warn: 300 / 86_400,
      pageEvery: '30d',
      warnEvery: '1d',
    });
  });

  it('takes the budget from the monitor, and never tests above 0.5', () => {
    expect(alarmBudget({ ...spec, params: { pageEvery: '7d', warnEvery: '1h' } })).toMatchObject({
      page: 300 / (7 * 86_400),
      warn: 300 / 3600,
    });
    expect(alarmBudget({ ...spec, params: { warnEvery: '1m' } }).warn).toBe(0.5);
  });

  it('reads numeric parameters, falling back on anything else', () => {
    const withParams = { ...spec, params: { psiPage: 0.3, psiWarn: 'high', minCount: Number.NaN } };
    expect([
      numberParam(withParams, 'psiPage', 0.25),
      numberParam(withParams, 'psiWarn', 0.1),
      numberParam(withParams, 'minCount', 30),
    ]).toEqual([0.3, 0.1, 30]);
  });
});

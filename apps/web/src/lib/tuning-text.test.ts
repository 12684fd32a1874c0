import type { AlertHygiene, AlertTuning } from '@firebreak/contract';
import { describe, expect, it } from 'vitest';
import { dismissLesson, hygieneLines, percentText, stepsText, tuningState } from './tuning-text';

describe('what dismissing teaches, in words', () => {
  it.each([
    [
      { monitor: 'toxicity', detector: 'rate', segment: { tenant: 'globex' } },
      'Dismissing this as a false positive makes toxicity ten times less sensitive for this series (tenant=globex); it re-learns its level.',
    ],
    [
      { monitor: 'latency', detector: 'seasonal', segment: null },
      'Dismissing this as a false positive makes latency ten times less sensitive for this series; it re-learns its level.',
    ],
    [
      { monitor: 'pii', detector: 'zero_tolerance', segment: null },
      'pii is zero-tolerance: any hit is the incident, so dismissing this does not make it less sensitive.',
    ],
  ])('for %j', (alert, text) => {
    expect(dismissLesson(alert)).toBe(text);
  });

  it.each([
    [0, 'not tuned'],
    [1, '1 step: 10 times less sensitive'],
    [6, '6 steps: 1,000,000 times less sensitive'],
  ])('writes %i steps as “%s”', (steps, text) => {
    expect(stepsText(steps)).toBe(text);
  });

  const tuning = (overrides: Partial<AlertTuning>): AlertTuning => ({
    alertId: 'ALR-3',
    fingerprint: 'f',
    monitor: 'toxicity',
    tunable: true,
    steps: 1,
    thisAlert: 'teaching',
    history: [],
    ...overrides,
  });
  it.each([
    [{}, 'This dismissal teaches toxicity: the series is tuned 1 step: 10 times less sensitive.'],
    [{ thisAlert: 'reverted', steps: 0 }, 'The tuning from this dismissal was taken back; the series is not tuned.'],
    [{ thisAlert: 'none', steps: 0 }, 'No dismissal has tuned this series.'],
    [{ tunable: false, thisAlert: 'none', steps: 0 }, 'Zero-tolerance monitors are not tuned by dismissals.'],
  ] as const)('says where an alert’s dismissal stands (%j)', (overrides, text) => {
    expect(tuningState(tuning(overrides))).toBe(text);
  });

  it.each([
    [0, '0%'],
    [0.004, '0.40%'],
    [0.75, '75%'],
    [1, '100%'],
  ])('writes %f as %s', (fraction, text) => {
    expect(percentText(fraction)).toBe(text);
  });
});

describe('the alert hygiene page’s rows', () => {
  it('keeps the server’s order and says the rate, the tuning and which alerts teach', () => {
    const hygiene: AlertHygiene = {
      since: '2026-10-25T10:00:00.000Z',
      monitors: [
        {
          system: 'support-copilot',
          monitor: 'toxicity',
          signal: 'flag:toxicity',
          owner: 'support-ai',
          alerts: 4,
          dismissed: 3,
          falsePositiveRate: 0.75,
          tuning: 2,
          state: 'watching',
          teaching: [
            {
              seq: 1,
              fingerprint: 'f',
              system: 'support-copilot',
              monitor: 'toxicity',
              alertId: 'ALR-3',
              action: 'dismissed',
              steps: 1,
              at: '',
              by: 'dana',
              reason: 'r',
            },
          ],
        },
        {
          system: 'fraud-model',
          monitor: 'latency',
          signal: 'latency_ms',
          owner: '',
          alerts: 0,
          dismissed: 0,
          falsePositiveRate: 0,
          tuning: 1,
          state: null,
          teaching: [],
        },
      ],
    };
    expect(hygieneLines(hygiene)).toEqual([
      {
        key: 'support-copilot/toxicity',
        system: 'support-copilot',
        monitor: 'toxicity',
        state: 'watching',
        owner: 'support-ai',
        alerts: 4,
        dismissed: 3,
        rate: '75%',
        tuning: '2 steps: 100 times less sensitive',
        teaching: ['ALR-3'],
      },
      {
        key: 'fraud-model/latency',
        system: 'fraud-model',
        monitor: 'latency',
        state: null,
        owner: 'unknown',
        alerts: 0,
        dismissed: 0,
        rate: 'no alerts in 30 days',
        tuning: '1 step: 10 times less sensitive',
        teaching: [],
      },
    ]);
  });
});

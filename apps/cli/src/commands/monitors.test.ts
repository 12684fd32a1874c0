import type { AlertHygiene, SystemMonitors } from '@firebreak/contract';
import { describe, expect, it } from 'vitest';
import { LEARNING_NOTE, renderHygiene, renderMonitors, tuningText } from './monitors';

const status = (overrides: Partial<SystemMonitors['monitors'][number]> = {}): SystemMonitors['monitors'][number] => ({
  monitor: 'toxicity',
  signal: 'flag:toxicity',
  detector: 'rate',
  state: 'watching',
  series: 1,
  learning: 0,
  firing: 0,
  tuning: 0,
  share: 0.5,
  alerts: 0,
  dismissed: 0,
  ...overrides,
});

describe('system monitors, as the CLI prints them', () => {
  it('states the budget, then one row per monitor with its state, tuning and share, then what learning means', () => {
    const lines = renderMonitors({
      system: 'support-copilot',
      budget: { page: '30d', warn: '7d' },
      live: true,
      since: '2026-10-25T10:00:00.000Z',
      monitors: [
        status({ state: 'learning', learning: 1 }),
        status({
          monitor: 'neg-feedback',
          signal: 'feedback:negative',
          segmentBy: 'tenant',
          series: 6,
          tuning: 2,
          share: 0.005,
          alerts: 4,
          dismissed: 3,
        }),
      ],
    });
    expect(lines[0]).toBe(
      'support-copilot: budget one false page per 30d, one false warning per 7d, for all its monitors together',
    );
    expect(lines[2]!.split('\n')).toEqual([
      'MONITOR       SIGNAL                        STATE     SERIES  TUNING    BUDGET  ALERTS 30D  FALSE POS',
      'toxicity      flag:toxicity                 learning  1       -         50.0%   0           0',
      'neg-feedback  feedback:negative per tenant  watching  6       2 (÷100)  0.50%   4           3',
    ]);
    expect(lines.at(-1)).toBe(LEARNING_NOTE);
  });

  it('says a zero-tolerance monitor spends no budget: any hit pages', () => {
    const [, , table] = renderMonitors({
      system: 'rag-search',
      budget: { page: '30d', warn: '7d' },
      live: true,
      since: '2026-10-25T10:00:00.000Z',
      monitors: [status({ monitor: 'pii', signal: 'flag:pii', detector: 'zero_tolerance', share: 0 })],
    });
    expect(table!.split('\n')[1]).toMatch(/^pii\s+flag:pii\s+watching\s+1\s+-\s+none\s+0\s+0$/);
  });

  it('says where monitors come from when there are none, and when it read a snapshot', () => {
    const empty = { system: 'a', budget: { page: '30d', warn: '7d' }, live: false, since: '', monitors: [] };
    expect(renderMonitors(empty).at(-1)).toMatch(/^No monitors yet/);
    expect(renderMonitors({ ...empty, monitors: [status()] }).at(-1)).toMatch(/last saved snapshot/);
  });

  it.each([
    [0, '-'],
    [1, '1 (÷10)'],
    [6, '6 (÷1000000)'],
  ])('writes %i tuning steps as %s', (steps, text) => {
    expect(tuningText(steps)).toBe(text);
  });
});

describe('alert hygiene, as the CLI prints it', () => {
  it('lists monitors noisiest first with the alerts that taught them, and how to take a tuning back', () => {
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
            {
              seq: 2,
              fingerprint: 'f',
              system: 'support-copilot',
              monitor: 'toxicity',
              alertId: 'ALR-5',
              action: 'dismissed',
              steps: 2,
              at: '',
              by: 'dana',
              reason: 'r',
            },
          ],
        },
      ],
    };
    const [tableText, , hint] = renderHygiene(hygiene);
    expect(tableText!.split('\n')[1]).toBe(
      'support-copilot/toxicity  watching  support-ai  4       3          75.0%      2 (÷100)  ALR-3 ALR-5',
    );
    expect(hint).toMatch(/^Take a tuning back: firebreak alert revert-tuning/);
  });

  it('says what it will show when nothing alerted', () => {
    expect(renderHygiene({ since: '', monitors: [] })[0]).toMatch(
      /^No alerts in the last 30 days\. Monitors will be listed here/,
    );
  });
});

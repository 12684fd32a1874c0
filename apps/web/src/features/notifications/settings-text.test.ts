import type { NotificationSettings } from '@firebreak/contract';
import { describe, expect, it } from 'vitest';
import { cadenceLines, matrixLines, missingChannels, readiness } from './settings-text';

const entry = (fields: Partial<NotificationSettings['matrix']['SEV1'][number]>) => ({
  audience: 'on_call' as const,
  channels: ['email' as const],
  within: '0m',
  page: false,
  ...fields,
});

const settings: Pick<NotificationSettings, 'matrix' | 'channels'> = {
  matrix: {
    SEV1: [
      entry({ channels: ['pagerduty', 'slack'], page: true }),
      entry({ audience: 'legal', channels: ['email'], within: '15m', types: ['privacy_leak', 'model_extraction'] }),
    ],
    SEV2: [entry({ channels: ['slack'] })],
    SEV3: [],
    SEV4: [entry({ channels: ['digest'] })],
    near_miss: [],
    alert_page: [entry({ audience: 'on_call', channels: ['email'], page: true })],
    alert_warn: [],
  },
  channels: [
    { kind: 'email', configured: true, describe: 'smtp.example.com' },
    { kind: 'slack', configured: false, describe: null },
    { kind: 'pagerduty', configured: true, describe: 'PagerDuty Events API v2' },
    { kind: 'teams', configured: false, describe: null },
    { kind: 'webhook', configured: false, describe: null },
  ],
};

describe('the notification matrix as a table', () => {
  it('lists the rows in order with their audience, channels, deadline, paging and types', () => {
    expect(matrixLines(settings)).toEqual([
      {
        path: 'SEV1[0]',
        row: 'SEV1',
        audience: 'on call',
        channels: [
          { channel: 'pagerduty', readiness: 'configured' },
          { channel: 'slack', readiness: 'not_configured' },
        ],
        within: 'at once',
        pages: true,
        types: 'every type',
      },
      {
        path: 'SEV1[1]',
        row: 'SEV1',
        audience: 'legal',
        channels: [{ channel: 'email', readiness: 'configured' }],
        within: 'within 15m',
        pages: false,
        types: 'privacy leak, model extraction',
      },
      expect.objectContaining({ row: 'SEV2', channels: [{ channel: 'slack', readiness: 'not_configured' }] }),
      expect.objectContaining({ row: 'SEV4', channels: [{ channel: 'digest', readiness: 'batched' }] }),
      expect.objectContaining({ row: 'alert_page', pages: true }),
    ]);
  });

  it('names every channel the matrix uses that cannot deliver, with the rows that use it', () => {
    expect(missingChannels(settings)).toEqual([{ channel: 'slack', rows: ['SEV1', 'SEV2'] }]);
  });

  it('reports nothing missing when every channel used is configured', () => {
    const ready = { ...settings, channels: settings.channels.map((c) => ({ ...c, configured: true })) };
    expect(missingChannels(ready)).toEqual([]);
  });

  it('treats a channel the server does not list as not configured, and the digest as batched', () => {
    expect(readiness({ channels: [] }, 'email')).toBe('not_configured');
    expect(readiness({ channels: [] }, 'digest')).toBe('batched');
  });
});

describe('cadenceLines', () => {
  it('says how often each severity owes an update, then the reminder', () => {
    expect(cadenceLines({ SEV1: '30m', SEV2: '1h', SEV3: '4h', SEV4: '1d', remindBefore: '5m' })).toEqual([
      'SEV1: every 30m',
      'SEV2: every 1h',
      'SEV3: every 4h',
      'SEV4: every 1d',
      'Reminder 5m before each is due',
    ]);
  });
});

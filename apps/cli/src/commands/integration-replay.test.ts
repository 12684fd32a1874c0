import { describe, expect, it } from 'vitest';
import { render } from './integration-replay';

const alert = {
  fingerprint: 'INT-2|7f3c9a2b10d4e5f6',
  sourceFingerprint: '7f3c9a2b10d4e5f6',
  system: 'support-copilot',
  monitor: 'prom-prod/ToxicityRateHigh',
  signal: 'external:alertmanager',
  level: 'page' as const,
  status: 'firing' as const,
  startsAt: '2026-11-24T09:50:00.000Z',
  endsAt: null,
  summary: 'Toxic answers above 2% for 10m',
  labels: {},
  rule: { id: 'external-page', declares: true, type: 'model_degradation', severity: 'SEV2' },
};

describe('integration replay output', () => {
  it('shows each alert with its fingerprint and rule, the warnings, and that nothing was stored', () => {
    const text = render({
      format: 'alertmanager',
      produces: 'alerts',
      alerts: [alert, { ...alert, level: 'warn', status: 'resolved', rule: null }],
      events: [],
      rejected: [],
      truncatedAlerts: 2,
      warnings: ['truncatedAlerts: the source left 2 alert(s) out'],
    }).join('\n');
    expect(text).toContain('INT-2|7f3c9a2b10d4e5f6');
    expect(text).toContain('external-page (declares model_degradation SEV2)');
    expect(text).toContain('none: a person looks');
    expect(text).toContain('warning: truncatedAlerts: the source left 2 alert(s) out');
    expect(text).toMatch(/2 mapped; nothing was stored\.$/);
  });

  it('lists telemetry events and refusals for a format that maps to events', () => {
    const text = render({
      format: 'alertmanager',
      produces: 'events',
      alerts: [],
      events: [{ system: 'support-bot', ts: '2026-05-01T12:00:00.000Z' }],
      rejected: [{ path: 'resourceLogs[0].scopeLogs[0].logRecords[1].timeUnixNano', message: 'expected a number' }],
      truncatedAlerts: 0,
      warnings: [],
    }).join('\n');
    expect(text).toContain('1 telemetry event(s)');
    expect(text).toContain('rejected resourceLogs[0].scopeLogs[0].logRecords[1].timeUnixNano: expected a number');
  });
});

import type { Alert } from '@firebreak/contract';
import { describe, expect, it } from 'vitest';
import { monitorRows } from './monitor-rows';

const alert = (id: string, monitor: string, minute: number, extra: Partial<Alert> = {}): Alert =>
  ({
    id,
    monitor,
    signal: 'flag:pii',
    detector: 'zero_tolerance',
    owner: 'privacy',
    runbook: null,
    openedAt: new Date(Date.UTC(2026, 10, 24, 10, minute)).toISOString(),
    ...extra,
  }) as Alert;

describe('a system’s monitors with their alerts', () => {
  it('lists configured monitors in card order, each with its alerts latest first', () => {
    const rows = monitorRows(
      {
        owner: 'support-ai',
        monitors: [
          {
            id: 'pii',
            signal: 'flag:pii',
            detector: 'zero_tolerance',
            params: {},
            runbook: 'https://runbooks.example.com/pii',
          },
          { id: 'refusals', signal: 'flag:refusal', params: {}, owner: 'safety', segmentBy: 'region' },
        ],
      },
      [alert('ALR-1', 'pii', 0), alert('ALR-4', 'pii', 30), alert('ALR-2', 'old-monitor', 10)],
    );
    expect(rows.map((row) => [row.id, row.owner, row.alerts.map((a) => a.id), row.note])).toEqual([
      ['pii', 'support-ai', ['ALR-4', 'ALR-1'], undefined],
      ['refusals', 'safety', [], undefined],
      ['old-monitor', 'privacy', ['ALR-2'], 'no longer in the card; its alerts remain'],
    ]);
    expect(rows[0]).toMatchObject({
      detector: 'zero_tolerance',
      window: '5m',
      runbook: 'https://runbooks.example.com/pii',
    });
    expect(rows[1]).toMatchObject({ detector: 'the usual detector for the signal', segmentBy: 'region' });
  });

  it('reads a card stored without monitors as one with none', () => {
    expect(monitorRows({ owner: 'risk' } as never, [])).toEqual([]);
  });

  it('shows the default monitors that raised alerts when none are configured', () => {
    const rows = monitorRows({ owner: 'risk', monitors: [] }, [
      alert('ALR-7', 'default:confidence', 5, {
        signal: 'confidence',
        detector: 'drift',
        runbook: 'https://r.example.com',
      }),
    ]);
    expect(rows).toEqual([
      {
        id: 'default:confidence',
        signal: 'confidence',
        detector: 'drift',
        owner: 'privacy',
        runbook: 'https://r.example.com',
        note: 'default monitor, chosen from the telemetry',
        alerts: [expect.objectContaining({ id: 'ALR-7' })],
      },
    ]);
  });
});

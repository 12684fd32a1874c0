import type { Approval, Control } from '@firebreak/contract';
import { describe, expect, it } from 'vitest';
import { buildIncident } from '../../lib/test-fixtures';
import { incidentSummary } from './summary';

const now = new Date('2026-11-24T10:15:00.000Z');

function control(key: string, state: Control['state'], expiresAt: string | null = null): Control {
  const [system = '', name = ''] = key.split('.');
  return {
    key,
    system,
    exercise: null,
    name,
    kind: state.kind,
    description: null,
    failMode: state.kind === 'kill_switch' ? 'closed' : null,
    target: null,
    versions: null,
    state,
    seq: 1,
    updatedAt: '2026-11-24T10:00:00.000Z',
    updatedBy: 'dana',
    expiresAt,
    incidentId: null,
  };
}

function approval(key: string, status: Approval['status'] = 'pending'): Approval {
  return {
    id: 'APR-1',
    key,
    status,
    why: 'open SEV1',
    change: {},
    requestedBy: 'sam',
    requestedAt: '2026-11-24T10:05:00.000Z',
    decidedBy: null,
    decidedAt: null,
    decisionReason: null,
  };
}

const update = {
  id: 'UPD-1',
  incidentId: 'INC-7',
  audience: 'internal' as const,
  whatHappened: 'x',
  impact: 'y',
  currentStatus: 'z',
  nextSteps: 'w',
  asks: null,
  incidentStatus: 'active' as const,
  severity: 'SEV2' as const,
  postedBy: 'lee',
};

describe('the incident summary strip', () => {
  it('names the commander, what is held back and until when, approvals waiting and firing alerts', () => {
    const summary = incidentSummary({
      incident: buildIncident(),
      controls: [
        control('support-copilot.auto-send', { kind: 'kill_switch', enabled: false }, '2026-11-24T14:00:00.000Z'),
        control('support-copilot.rate', { kind: 'throttle', limit: null }),
        control('fraud-model.enabled', { kind: 'kill_switch', enabled: false }),
      ],
      approvals: [
        approval('support-copilot.auto-send'),
        approval('fraud-model.enabled'),
        approval('support-copilot.x', 'approved'),
      ],
      alerts: [{ status: 'firing' }, { status: 'resolved' }],
      now,
    });
    expect(summary.commander).toBe('Dana Reyes');
    expect(summary.holding).toEqual([
      { key: 'support-copilot.auto-send', state: 'off (killed)', until: '2026-11-24T14:00:00.000Z' },
    ]);
    expect(summary.pendingApprovals).toBe(1);
    expect(summary.alerts).toEqual({ total: 2, firing: 1 });
    expect(summary.elapsed).toBe('open 30m');
    expect(summary.contain?.text).toBe('in 3h 30m');
  });

  it('counts the next update down from the latest one posted, and says when it is overdue', () => {
    const incident = buildIncident({
      statusUpdates: [
        { ...update, postedAt: '2026-11-24T09:50:00.000Z', nextUpdateAt: '2026-11-24T10:20:00.000Z' },
        { ...update, id: 'UPD-2', postedAt: '2026-11-24T09:40:00.000Z', nextUpdateAt: '2026-11-24T11:00:00.000Z' },
      ],
    });
    expect(incidentSummary({ incident, controls: [], approvals: [], alerts: [], now })?.nextUpdate).toEqual({
      at: '2026-11-24T10:20:00.000Z',
      text: 'in 5m',
      overdue: false,
      posted: true,
    });
    const late = incidentSummary({
      incident,
      controls: [],
      approvals: [],
      alerts: [],
      now: new Date('2026-11-24T10:30:00Z'),
    });
    expect(late.nextUpdate?.overdue).toBe(true);
  });

  it('counts down to the cadence clock when it comes before the promise, or when nothing was posted', () => {
    const promisedLate = buildIncident({
      statusUpdates: [{ ...update, postedAt: '2026-11-24T09:50:00.000Z', nextUpdateAt: '2026-11-24T11:30:00.000Z' }],
    });
    expect(
      incidentSummary({ incident: promisedLate, controls: [], approvals: [], alerts: [], now }).nextUpdate,
    ).toEqual({
      at: '2026-11-24T10:45:00.000Z',
      text: 'in 30m',
      overdue: false,
      posted: true,
    });
    const silent = buildIncident({ statusUpdates: [] });
    expect(
      incidentSummary({ incident: silent, controls: [], approvals: [], alerts: [], now }).nextUpdate,
    ).toMatchObject({
      at: '2026-11-24T10:45:00.000Z',
      posted: false,
    });
  });

  it.each(['resolved', 'closed', 'dismissed'] as const)(
    'runs no clocks and expects no update on a %s incident',
    (status) => {
      const incident = buildIncident({
        status,
        response: { ...buildIncident().response, acknowledgedAt: null, acknowledgedBy: null },
        metrics: { ...buildIncident().metrics, resolvedAt: '2026-11-24T10:05:00.000Z' },
        statusUpdates: [{ ...update, postedAt: '2026-11-24T09:50:00.000Z', nextUpdateAt: '2026-11-24T10:50:00.000Z' }],
      });
      const summary = incidentSummary({ incident, controls: [], approvals: [], alerts: [], now });
      expect(summary.finished).toBe(true);
      expect(summary.ack).toBeNull();
      expect(summary.contain).toBeNull();
      expect(summary.nextUpdate).toBeNull();
      expect(summary.elapsed).toBe('took 20m');
    },
  );
});

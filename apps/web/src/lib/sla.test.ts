import { describe, expect, it } from 'vitest';
import { ackClock, containClock, updateClock } from './sla';
import { buildIncident } from './test-fixtures';

const unacked = (overrides: Partial<ReturnType<typeof buildIncident>['response']> = {}) =>
  buildIncident({
    response: { ...buildIncident().response, acknowledgedAt: null, acknowledgedBy: null, ...overrides },
  });
const at = (iso: string) => new Date(iso);

describe('ackClock', () => {
  it('counts down while the acknowledgement is due', () => {
    expect(ackClock(unacked(), at('2026-11-24T10:00:00Z'))).toEqual({
      tone: 'neutral',
      text: 'in 45m',
      at: '2026-11-24T10:45:00.000Z',
    });
  });

  it('turns amber in the last quarter of the SLA', () => {
    expect(ackClock(unacked(), at('2026-11-24T10:35:00Z')).tone).toBe('warn');
  });

  it('turns red and says how late once overdue', () => {
    expect(ackClock(unacked(), at('2026-11-24T10:48:30Z'))).toMatchObject({ tone: 'bad', text: 'overdue by 3m 30s' });
  });

  it('trusts the server when it says overdue before the local clock does', () => {
    expect(ackClock(unacked({ overdue: true }), at('2026-11-24T10:00:00Z'))).toMatchObject({
      tone: 'bad',
      text: 'overdue',
    });
  });

  it('says when it was acknowledged, and whether late', () => {
    expect(ackClock(buildIncident(), at('2026-11-24T12:00:00Z'))).toEqual({
      tone: 'ok',
      text: 'acknowledged',
      at: '2026-11-24T09:48:00.000Z',
    });
    const late = buildIncident({ response: { ...buildIncident().response, late: true } });
    expect(ackClock(late, at('2026-11-24T12:00:00Z')).text).toBe('acknowledged late');
  });

  it('stops for an incident no longer open', () => {
    expect(ackClock({ ...unacked(), status: 'dismissed' }, at('2026-11-25T00:00:00Z'))).toEqual({
      tone: 'muted',
      text: 'never acknowledged',
      at: null,
    });
  });
});

describe('containClock', () => {
  it('counts down to the containment target', () => {
    expect(containClock(buildIncident(), at('2026-11-24T12:45:00Z'))).toEqual({
      tone: 'neutral',
      text: 'in 1h',
      at: '2026-11-24T13:45:00.000Z',
    });
  });

  it('says contained late when containment came after the target', () => {
    const incident = buildIncident({
      metrics: { ...buildIncident().metrics, containedAt: '2026-11-24T14:00:00.000Z' },
    });
    expect(containClock(incident, at('2026-11-24T15:00:00Z'))).toEqual({
      tone: 'warn',
      text: 'contained late',
      at: '2026-11-24T14:00:00.000Z',
    });
  });

  it('is overdue past the target while not contained', () => {
    expect(containClock(buildIncident(), at('2026-11-24T14:00:00Z'))).toMatchObject({
      tone: 'bad',
      text: 'overdue by 15m',
    });
  });
});

describe('updateClock', () => {
  const updates = buildIncident().updates!;
  const owing = (overrides: Partial<typeof updates> = {}) => buildIncident({ updates: { ...updates, ...overrides } });

  it('says in whole minutes when the next update is due, and counts to the second beside it', () => {
    expect(updateClock(owing(), at('2026-11-24T10:32:30Z'))).toEqual({
      tone: 'neutral',
      text: 'in 12m 30s',
      at: '2026-11-24T10:45:00.000Z',
      badge: 'update due in 12m',
    });
  });

  it('turns amber from the reminder on', () => {
    expect(updateClock(owing(), at('2026-11-24T10:41:00Z'))).toMatchObject({ tone: 'warn', badge: 'update due in 4m' });
  });

  it('shows seconds in the last minute', () => {
    expect(updateClock(owing(), at('2026-11-24T10:44:15Z'))?.badge).toBe('update due in 45s');
  });

  it('turns red and says how late once overdue', () => {
    expect(updateClock(owing(), at('2026-11-24T10:53:20Z'))).toMatchObject({
      tone: 'bad',
      text: 'overdue by 8m 20s',
      badge: 'update overdue 8m',
    });
  });

  it('trusts the server when it says overdue before the local clock does', () => {
    expect(updateClock(owing({ overdue: true, overdueBy: 120 }), at('2026-11-24T10:30:00Z'))).toMatchObject({
      tone: 'bad',
      text: 'overdue by 2m',
      badge: 'update overdue 2m',
    });
  });

  it('owes nothing on a finished incident or one the server keeps no clock for', () => {
    expect(updateClock(buildIncident({ status: 'resolved' }), at('2026-11-24T12:00:00Z'))).toBeNull();
    expect(updateClock(buildIncident({ updates: null }), at('2026-11-24T12:00:00Z'))).toBeNull();
  });
});

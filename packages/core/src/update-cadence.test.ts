import { describe, expect, it } from 'vitest';
import type { Status } from './lifecycle';
import { SEVERITIES, type Severity } from './severity';
import { type CadenceSubject, DEFAULT_UPDATE_CADENCE, updateDue } from './update-cadence';

const START = Date.UTC(2026, 10, 24, 10, 0);
const at = (minute: number) => new Date(START + minute * 60_000).toISOString();

const incident = (overrides: Partial<CadenceSubject> = {}): CadenceSubject => ({
  id: 'INC-7',
  severity: 'SEV1',
  status: 'active',
  declaredAt: at(0),
  severitySetAt: at(0),
  ...overrides,
});

describe('updateDue', () => {
  it.each([
    ['SEV1', at(30)],
    ['SEV2', at(60)],
    ['SEV3', at(240)],
    ['SEV4', at(1440)],
  ] as const)('asks a %s for its first update by %s', (severity, dueAt) => {
    expect(updateDue(incident({ severity }), null, at(0))?.dueAt).toBe(dueAt);
  });

  it('counts from the last update, reminds the comms lead five minutes before, and says how late it is', () => {
    expect(updateDue(incident(), at(20), at(62))).toEqual({
      dueAt: at(50),
      remindAt: at(45),
      overdueBy: 12 * 60,
      overdue: true,
      reminderKey: `INC-7:update_reminder:${encodeURIComponent(at(50))}`,
    });
  });

  it('is not overdue up to the moment it is due', () => {
    const due = updateDue(incident(), null, at(30));
    expect([due?.overdue, due?.overdueBy]).toEqual([false, 0]);
  });

  it('gives a raised severity one new interval from the change, not an update already late', () => {
    const raised = incident({ severity: 'SEV1', severitySetAt: at(200) });
    expect(updateDue(raised, at(10), at(201))?.dueAt).toBe(at(230));
  });

  it('follows a configured cadence, and never reminds before the clock started', () => {
    const cadence = { ...DEFAULT_UPDATE_CADENCE, SEV2: '10m', remindBefore: '15m' };
    const due = updateDue(incident({ severity: 'SEV2' }), at(5), at(6), cadence);
    expect([due?.dueAt, due?.remindAt]).toEqual([at(15), at(5)]);
  });

  it.each(['resolved', 'closed', 'dismissed'] as Status[])('owes nothing once %s', (status) => {
    expect(updateDue(incident({ status }), null, at(999))).toBeNull();
  });

  it('has one reminder key per update owed', () => {
    const keys = SEVERITIES.map((severity: Severity) => updateDue(incident({ severity }), null, at(0))?.reminderKey);
    expect(new Set(keys).size).toBe(SEVERITIES.length);
    expect(updateDue(incident(), null, at(1))?.reminderKey).toBe(updateDue(incident(), null, at(29))?.reminderKey);
  });
});

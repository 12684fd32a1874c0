import type { Incident } from '@firebreak/contract';
import { describe, expect, it } from 'vitest';
import { buildIncident } from '../../lib/test-fixtures';
import { byUrgency, commanderOf } from './urgency';

function incident(
  id: string,
  status: Incident['status'],
  severity: Incident['severity'],
  declaredAt: string,
  overdue = false,
): Incident {
  const base = buildIncident();
  return { ...base, id, status, severity, declaredAt, response: { ...base.response, overdue, containOverdue: false } };
}

describe('the incident list by urgency', () => {
  it('puts open and overdue first, then open by severity and age, then finished newest first', () => {
    const list = [
      incident('INC-1', 'resolved', 'SEV1', '2026-11-24T08:00:00Z'),
      incident('INC-2', 'active', 'SEV3', '2026-11-24T07:00:00Z'),
      incident('INC-3', 'triage', 'SEV3', '2026-11-24T09:00:00Z', true),
      incident('INC-4', 'contained', 'SEV1', '2026-11-24T09:30:00Z'),
      incident('INC-5', 'active', 'SEV3', '2026-11-24T06:00:00Z'),
      incident('INC-6', 'closed', 'SEV2', '2026-11-24T09:45:00Z'),
      incident('INC-7', 'dismissed', 'SEV2', '2026-11-24T10:00:00Z'),
    ];
    expect(byUrgency(list).map((item) => item.id)).toEqual([
      'INC-3',
      'INC-4',
      'INC-5',
      'INC-2',
      'INC-1',
      'INC-7',
      'INC-6',
    ]);
  });

  it('treats an overdue containment clock as overdue too', () => {
    const late = { ...incident('INC-8', 'active', 'SEV4', '2026-11-24T09:00:00Z') };
    late.response = { ...late.response, containOverdue: true };
    const list = [incident('INC-9', 'active', 'SEV1', '2026-11-24T09:00:00Z'), late];
    expect(byUrgency(list)[0]?.id).toBe('INC-8');
  });

  it('names the commander, or nobody', () => {
    expect(commanderOf(buildIncident())).toBe('Dana Reyes');
    expect(commanderOf({ roles: [] })).toBeUndefined();
  });
});

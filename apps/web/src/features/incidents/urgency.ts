import type { Incident } from '@firebreak/contract';
import { isOpen, SEVERITIES } from '@firebreak/core';

type Sortable = Pick<Incident, 'status' | 'severity' | 'declaredAt' | 'response'>;

function rank(incident: Sortable): number {
  if (!isOpen(incident.status)) return 2;
  return incident.response.overdue || incident.response.containOverdue ? 0 : 1;
}

/**
 * Incidents in the order someone on call should look at them: open ones with an overdue clock,
 * then the other open ones, then the finished; within each, the more severe first, and then the
 * open ones oldest first (they have burned longest) and the finished newest first.
 *
 * @example
 * byUrgency(list).map((incident) => incident.id); // ['INC-3' (SEV2, overdue), 'INC-5' (SEV1), 'INC-1' (resolved)]
 */
export function byUrgency<T extends Sortable>(incidents: readonly T[]): T[] {
  return [...incidents].sort((a, b) => {
    const byRank = rank(a) - rank(b);
    if (byRank !== 0) return byRank;
    const bySeverity = SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity);
    if (bySeverity !== 0) return bySeverity;
    const age = Date.parse(a.declaredAt) - Date.parse(b.declaredAt);
    return rank(a) === 2 ? -age : age;
  });
}

/** Who commands the incident now, if anyone. */
export function commanderOf(incident: Pick<Incident, 'roles'>): string | undefined {
  return incident.roles.find((holder) => holder.role === 'incident_commander')?.person;
}

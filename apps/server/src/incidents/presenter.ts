import type { Incident, RoleAssignment } from '@firebreak/contract';
import {
  containDeadline,
  deriveResponseMetrics,
  type MetricEvent,
  responseDeadline,
  type Severity,
  type Status,
  type UpdateCadence,
  updateDue,
} from '@firebreak/core';
import type { IncidentRow, PendingObligation, RoleRow } from './store';

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

/** Shapes an incident row, its role holders and its timeline into the API's Incident. */
export function presentIncident(
  row: IncidentRow,
  roles: readonly RoleRow[],
  metricEvents: readonly MetricEvent[],
  now: Date,
  updates: { lastUpdateAt: Date | null; cadence: UpdateCadence },
  obligations: readonly PendingObligation[] = [],
): Incident {
  const deadline = responseDeadline(row.severity as Severity, row.severitySetAt.toISOString());
  const acknowledgedAt = iso(row.acknowledgedAt);
  const containBy = containDeadline(row.severity as Severity, row.severitySetAt.toISOString());
  const metrics = deriveResponseMetrics(metricEvents);
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    type: row.type as Incident['type'],
    category: row.category as Incident['category'],
    driver: row.driver as Incident['driver'],
    severity: row.severity as Incident['severity'],
    severitySetAt: row.severitySetAt.toISOString(),
    status: row.status as Incident['status'],
    nearMiss: row.nearMiss,
    exercise: row.exerciseId,
    systems: row.systems,
    declaredAt: row.declaredAt.toISOString(),
    declaredBy: row.declaredBy,
    updatedAt: row.updatedAt.toISOString(),
    roles: roles.map((role) => ({
      role: role.role as RoleAssignment['role'],
      person: role.person,
      since: role.since.toISOString(),
      assignedBy: role.assignedBy,
    })),
    response: {
      deadline,
      acknowledgedAt,
      acknowledgedBy: row.acknowledgedBy,
      overdue: acknowledgedAt === null && now.toISOString() > deadline && isWorked(row.status),
      late: acknowledgedAt !== null && acknowledgedAt > deadline,
      containDeadline: containBy,
      containOverdue: metrics.containedAt === null && now.toISOString() > containBy && isWorked(row.status),
    },
    metrics,
    updates: updateClock(row, updates.lastUpdateAt, now, updates.cadence),
    regulatory: {
      pending: obligations.length,
      overdue: obligations.filter((o) => o.due.getTime() < now.getTime()).length,
      nextDue: obligations[0] ? obligations[0].due.toISOString() : null,
      next: obligations[0] ? `${obligations[0].id} ${obligations[0].regime} ${obligations[0].article}` : null,
    },
    timeline: { length: row.timelineLength, headHash: row.timelineHead },
  };
}

/** When the next status update is owed; null when the incident is no longer worked. */
function updateClock(row: IncidentRow, lastUpdateAt: Date | null, now: Date, cadence: UpdateCadence) {
  const subject = {
    id: row.id,
    severity: row.severity as Severity,
    status: row.status as Status,
    declaredAt: row.declaredAt.toISOString(),
    severitySetAt: row.severitySetAt.toISOString(),
  };
  const due = updateDue(subject, iso(lastUpdateAt), now.toISOString(), cadence);
  if (!due) return null;
  return {
    lastUpdateAt: iso(lastUpdateAt),
    dueAt: due.dueAt,
    remindAt: due.remindAt,
    overdue: due.overdue,
    overdueBy: due.overdueBy,
  };
}

// A dismissed or finished incident no longer waits for an acknowledgement.
function isWorked(status: string): boolean {
  return status !== 'dismissed' && status !== 'resolved' && status !== 'closed';
}

export function presentRoleAssignment(row: RoleRow): RoleAssignment {
  return {
    role: row.role as RoleAssignment['role'],
    person: row.person,
    since: row.since.toISOString(),
    assignedBy: row.assignedBy,
    until: iso(row.until),
    relievedBy: row.relievedBy,
  };
}

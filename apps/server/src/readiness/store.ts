import type { MonitorConfig } from '@firebreak/contract';
import { and, asc, eq, gte, inArray, isNull, lt } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { actions, actionVerifications, alerts, exercises, incidents, postmortems, systems } from '../db/schema';

// Readiness reads across domains and writes nothing. Every query leaves the exercise space out
// (`exercise_id is null`): a drill's incidents, alerts and actions never count (ADR 37, ADR 38).

export interface Period {
  from: Date;
  to: Date;
}

/** Real incidents declared in the period. */
export async function periodIncidents(tx: Tx, { from, to }: Period) {
  return tx
    .select({
      id: incidents.id,
      number: incidents.number,
      type: incidents.type,
      severity: incidents.severity,
      systems: incidents.systems,
      status: incidents.status,
      nearMiss: incidents.nearMiss,
      declaredAt: incidents.declaredAt,
    })
    .from(incidents)
    .where(and(isNull(incidents.exerciseId), gte(incidents.declaredAt, from), lt(incidents.declaredAt, to)))
    .orderBy(asc(incidents.declaredAt), asc(incidents.number));
}

/** The postmortems of these incidents. */
export async function postmortemsOf(tx: Tx, incidentIds: readonly string[]) {
  if (incidentIds.length === 0) return [];
  return tx
    .select({ incidentId: postmortems.incidentId, status: postmortems.status, publishedAt: postmortems.publishedAt })
    .from(postmortems)
    .where(inArray(postmortems.incidentId, [...incidentIds]));
}

/** The actions of these incidents, each with whether its latest verification passed. */
export async function actionsOf(tx: Tx, incidentIds: readonly string[]) {
  if (incidentIds.length === 0) return [];
  const rows = await tx
    .select({
      id: actions.id,
      incidentId: actions.incidentId,
      status: actions.status,
      dueAt: actions.dueAt,
      closedAt: actions.closedAt,
    })
    .from(actions)
    .where(inArray(actions.incidentId, [...incidentIds]))
    .orderBy(asc(actions.number));
  const latest = new Map<string, boolean>();
  if (rows.length > 0) {
    const runs = await tx
      .select({ actionId: actionVerifications.actionId, passed: actionVerifications.passed })
      .from(actionVerifications)
      .where(
        inArray(
          actionVerifications.actionId,
          rows.map((r) => r.id),
        ),
      )
      .orderBy(asc(actionVerifications.number));
    for (const run of runs) latest.set(run.actionId, run.passed);
  }
  return rows.map((row) => ({ ...row, verified: latest.get(row.id) === true }));
}

/** Real alerts opened in the period. */
export async function periodAlerts(tx: Tx, { from, to }: Period) {
  return tx
    .select({
      system: alerts.system,
      monitor: alerts.monitor,
      signal: alerts.signal,
      status: alerts.status,
      incidentId: alerts.incidentId,
      acknowledgedAt: alerts.acknowledgedAt,
    })
    .from(alerts)
    .where(and(isNull(alerts.exerciseId), gte(alerts.openedAt, from), lt(alerts.openedAt, to)));
}

/** Real systems (no drill's copy) with the monitors their cards configure. */
export async function realSystems(tx: Tx): Promise<Array<{ id: string; monitors: MonitorConfig[] }>> {
  const rows = await tx
    .select({ id: systems.id, card: systems.card })
    .from(systems)
    .where(isNull(systems.exerciseId))
    .orderBy(asc(systems.id));
  return rows.map((row) => ({ id: row.id, monitors: row.card.monitors ?? [] }));
}

/** Drills that ended in the period: their team and whether they passed. */
export async function endedDrills(tx: Tx, { from, to }: Period) {
  return tx
    .select({ id: exercises.id, team: exercises.team, passed: exercises.passed })
    .from(exercises)
    .where(and(eq(exercises.status, 'ended'), gte(exercises.endedAt, from), lt(exercises.endedAt, to)))
    .orderBy(asc(exercises.number));
}

import { and, arrayContains, asc, count, desc, eq, inArray, isNull, lt, notInArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { actions, controls, externalReports, incidents, postmortems, systems } from '../db/schema';

// What a response plan reads besides the directory and the rules: the real system (never a
// drill's copy), its controls as they stand, its incident history and the reports naming it.

export type PlanSystemRow = typeof systems.$inferSelect;
export type PlanControlRow = typeof controls.$inferSelect;

/** The real system with this id (a drill's copy of it is no system a plan is for). */
export async function realSystem(tx: Tx, id: string): Promise<PlanSystemRow | undefined> {
  const [row] = await tx
    .select()
    .from(systems)
    .where(and(eq(systems.id, id), isNull(systems.exerciseId)));
  return row;
}

/** The system's real controls, by key. */
export async function realControls(tx: Tx, system: string): Promise<PlanControlRow[]> {
  return tx
    .select()
    .from(controls)
    .where(and(eq(controls.system, system), isNull(controls.exerciseId)))
    .orderBy(asc(controls.key));
}

/** The system's last real incidents (newest first), each with its postmortem's status. */
export async function recentIncidents(tx: Tx, system: string, limit: number) {
  return tx
    .select({
      id: incidents.id,
      title: incidents.title,
      type: incidents.type,
      severity: incidents.severity,
      status: incidents.status,
      declaredAt: incidents.declaredAt,
      postmortem: postmortems.status,
    })
    .from(incidents)
    .leftJoin(postmortems, eq(postmortems.incidentId, incidents.id))
    .where(and(arrayContains(incidents.systems, [system]), isNull(incidents.exerciseId)))
    .orderBy(desc(incidents.declaredAt))
    .limit(limit);
}

const UNFINISHED_ACTIONS = ['open', 'in_progress', 'blocked'];

/** Open corrective actions on the system, and how many of them are past due at `now`. */
export async function actionCounts(tx: Tx, system: string, now: Date): Promise<{ open: number; overdue: number }> {
  // A drill's hotwash actions hang off exercise incidents: they are no debt of the real system.
  const real = tx.select({ id: incidents.id }).from(incidents).where(isNull(incidents.exerciseId));
  const onSystem = and(
    arrayContains(actions.systems, [system]),
    inArray(actions.status, UNFINISHED_ACTIONS),
    inArray(actions.incidentId, real),
  );
  const [open] = await tx.select({ n: count() }).from(actions).where(onSystem);
  const [overdue] = await tx
    .select({ n: count() })
    .from(actions)
    .where(and(onSystem, lt(actions.dueAt, now)));
  return { open: open?.n ?? 0, overdue: overdue?.n ?? 0 };
}

/** External reports still open that name the system (as the reporter typed it, any case). */
export async function openReportsNaming(tx: Tx, system: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(externalReports)
    .where(
      and(
        eq(sql`lower(${externalReports.system})`, system.toLowerCase()),
        notInArray(externalReports.status, ['closed', 'dismissed']),
      ),
    );
  return row?.n ?? 0;
}

import { and, asc, desc, eq, gte, inArray, isNull, max, sql } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import {
  incidents,
  maintenanceNumbers,
  statusComponents,
  statusMaintenance,
  statusPublications,
  statusUpdates,
  timelineEvents,
} from '../db/schema';
import { nextval } from '../db/sequence';

export type ComponentRow = typeof statusComponents.$inferSelect;
export type MaintenanceRow = typeof statusMaintenance.$inferSelect;
export type PublicationRow = typeof statusPublications.$inferSelect;
export type StatusUpdateRow = typeof statusUpdates.$inferSelect;

/** Every component a responder has set, by component id. */
export async function componentStates(tx: Tx): Promise<Map<string, ComponentRow>> {
  const rows = await tx.select().from(statusComponents);
  return new Map(rows.map((row) => [row.component, row]));
}

/** Replaces what a component shows. */
export async function putComponentState(tx: Tx, row: ComponentRow): Promise<void> {
  await tx
    .insert(statusComponents)
    .values(row)
    .onConflictDoUpdate({
      target: statusComponents.component,
      set: { state: row.state, reason: row.reason, incidentId: row.incidentId, setAt: row.setAt, setBy: row.setBy },
    });
}

export async function nextMaintenanceId(tx: Tx): Promise<string> {
  return `MNT-${await nextval(tx, maintenanceNumbers)}`;
}

export async function insertMaintenance(tx: Tx, row: MaintenanceRow): Promise<void> {
  await tx.insert(statusMaintenance).values(row);
}

/** Locks a window for a change, or undefined when there is none by that id. */
export async function lockMaintenance(tx: Tx, id: string): Promise<MaintenanceRow | undefined> {
  const [row] = await tx.select().from(statusMaintenance).where(eq(statusMaintenance.id, id)).for('update');
  return row;
}

export async function cancelMaintenanceRow(
  tx: Tx,
  id: string,
  cancel: { cancelledAt: Date; cancelledBy: string; cancelReason: string },
): Promise<MaintenanceRow> {
  const [row] = await tx.update(statusMaintenance).set(cancel).where(eq(statusMaintenance.id, id)).returning();
  return row!;
}

/** Windows not cancelled that end at or after `since`, soonest first. */
export async function maintenanceSince(tx: Tx, since: Date): Promise<MaintenanceRow[]> {
  return tx
    .select()
    .from(statusMaintenance)
    .where(and(isNull(statusMaintenance.cancelledAt), gte(statusMaintenance.endsAt, since)))
    .orderBy(asc(statusMaintenance.startsAt), asc(statusMaintenance.id));
}

/** The newest windows, cancelled ones included, for responders. */
export async function recentMaintenance(tx: Tx, limit: number): Promise<MaintenanceRow[]> {
  return tx.select().from(statusMaintenance).orderBy(desc(statusMaintenance.startsAt)).limit(limit);
}

export async function insertPublication(tx: Tx, row: PublicationRow): Promise<void> {
  await tx.insert(statusPublications).values(row);
}

export async function findPublication(tx: Tx, updateId: string): Promise<PublicationRow | undefined> {
  const [row] = await tx.select().from(statusPublications).where(eq(statusPublications.updateId, updateId));
  return row;
}

/** The status update by id on an incident, or undefined. */
export async function findStatusUpdate(tx: Tx, incidentId: string, id: string): Promise<StatusUpdateRow | undefined> {
  const [row] = await tx
    .select()
    .from(statusUpdates)
    .where(and(eq(statusUpdates.id, id), eq(statusUpdates.incidentId, incidentId)));
  return row;
}

/** Publications of an incident, oldest first. */
export async function publicationsOf(tx: Tx, incidentId: string): Promise<PublicationRow[]> {
  return tx
    .select()
    .from(statusPublications)
    .where(eq(statusPublications.incidentId, incidentId))
    .orderBy(asc(statusPublications.publishedAt), asc(statusPublications.updateId));
}

export async function recentPublications(tx: Tx, limit: number): Promise<PublicationRow[]> {
  return tx.select().from(statusPublications).orderBy(desc(statusPublications.publishedAt)).limit(limit);
}

/**
 * What the public page is made of: every published update with its update's public fields and
 * its incident's lifecycle (status and when it was finished), for incidents with a publication
 * at or after `since` or still open. Nothing else of the incident is read.
 */
export async function publishedSince(tx: Tx, since: Date) {
  const touched = await tx
    .selectDistinct({ incidentId: statusPublications.incidentId })
    .from(statusPublications)
    .innerJoin(incidents, eq(incidents.id, statusPublications.incidentId))
    .where(gte(statusPublications.publishedAt, since));
  const open = await tx
    .selectDistinct({ incidentId: statusPublications.incidentId })
    .from(statusPublications)
    .innerJoin(incidents, eq(incidents.id, statusPublications.incidentId))
    .where(inArray(incidents.status, ['triage', 'active', 'contained', 'recovering']));
  const ids = [...new Set([...touched, ...open].map((row) => row.incidentId))];
  if (ids.length === 0) return [];
  return tx
    .select({
      publication: statusPublications,
      update: {
        id: statusUpdates.id,
        whatHappened: statusUpdates.whatHappened,
        impact: statusUpdates.impact,
        currentStatus: statusUpdates.currentStatus,
        nextSteps: statusUpdates.nextSteps,
        asks: statusUpdates.asks,
        nextUpdateAt: statusUpdates.nextUpdateAt,
        incidentStatus: statusUpdates.incidentStatus,
        severity: statusUpdates.severity,
      },
      incident: { status: incidents.status, declaredAt: incidents.declaredAt },
    })
    .from(statusPublications)
    .innerJoin(statusUpdates, eq(statusUpdates.id, statusPublications.updateId))
    .innerJoin(incidents, eq(incidents.id, statusPublications.incidentId))
    .where(inArray(statusPublications.incidentId, ids))
    .orderBy(asc(statusPublications.publishedAt), asc(statusPublications.updateId));
}

/** When each finished incident last moved to resolved, closed or dismissed. */
export async function finishedAt(tx: Tx, incidentIds: readonly string[]): Promise<Map<string, Date>> {
  const result = new Map<string, Date>();
  if (incidentIds.length === 0) return result;
  const rows = await tx
    .select({ incidentId: timelineEvents.incidentId, at: max(timelineEvents.at) })
    .from(timelineEvents)
    .where(
      and(
        inArray(timelineEvents.incidentId, [...incidentIds]),
        eq(timelineEvents.kind, 'status_changed'),
        sql`${timelineEvents.payload}->>'to' in ('resolved', 'closed', 'dismissed')`,
      ),
    )
    .groupBy(timelineEvents.incidentId);
  for (const row of rows) if (row.at) result.set(row.incidentId, new Date(row.at));
  return result;
}

import type { IncidentListQuery } from '@firebreak/contract';
import { DomainError, invalid, OPEN_STATUSES } from '@firebreak/core';
import {
  and,
  arrayContains,
  asc,
  count,
  desc,
  eq,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { incidentNumbers, incidents, obligations, roleAssignments, timelineEvents } from '../db/schema';
import { nextval } from '../db/sequence';

export type IncidentRow = typeof incidents.$inferSelect;
export type RoleRow = typeof roleAssignments.$inferSelect;

/** Reserves the next incident number; ids are `INC-<number>`. */
export async function nextIncidentNumber(tx: Tx): Promise<number> {
  return nextval(tx, incidentNumbers);
}

export async function insertIncident(tx: Tx, row: typeof incidents.$inferInsert): Promise<void> {
  await tx.insert(incidents).values(row);
}

/**
 * Reads an incident and locks its row for the rest of the transaction, so concurrent changes to
 * one incident apply one after another and its timeline chain never forks.
 */
export async function lockIncident(tx: Tx, id: string): Promise<IncidentRow> {
  const [row] = await tx.select().from(incidents).where(eq(incidents.id, id)).for('update');
  if (!row) throw notFound(id);
  return row;
}

export async function findIncident(tx: Tx, id: string): Promise<IncidentRow> {
  const [row] = await tx.select().from(incidents).where(eq(incidents.id, id));
  if (!row) throw notFound(id);
  return row;
}

/** Several incidents by id, in one query (those that exist). */
export async function findIncidents(tx: Tx, ids: readonly string[]): Promise<Map<string, IncidentRow>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select()
    .from(incidents)
    .where(inArray(incidents.id, [...ids]));
  return new Map(rows.map((row) => [row.id, row]));
}

/** An incident a request names in a body field: absent is that field's error (400), not a 404. */
export async function findCitedIncident(tx: Tx, id: string, field = 'incident'): Promise<IncidentRow> {
  const [row] = await tx.select().from(incidents).where(eq(incidents.id, id));
  if (!row) throw invalid(field, `${id} not found`);
  return row;
}

export function notFound(id: string): DomainError {
  return new DomainError('not_found', `incident ${id} not found`, { details: { id } });
}

export async function updateIncident(tx: Tx, id: string, patch: Partial<typeof incidents.$inferInsert>): Promise<void> {
  await tx.update(incidents).set(patch).where(eq(incidents.id, id));
}

export async function listIncidents(tx: Tx, query: IncidentListQuery): Promise<{ rows: IncidentRow[]; total: number }> {
  const where = and(...listConditions(query));
  const [totalRow] = await tx.select({ total: count() }).from(incidents).where(where);
  const rows = await tx
    .select()
    .from(incidents)
    .where(where)
    .orderBy(desc(incidents.declaredAt), desc(incidents.number))
    .limit(query.limit)
    .offset(query.offset);
  return { rows, total: Number(totalRow?.total ?? 0) };
}

function listConditions(query: IncidentListQuery): SQL[] {
  const conditions: SQL[] = [];
  if (query.status) conditions.push(eq(incidents.status, query.status));
  if (query.severity) conditions.push(eq(incidents.severity, query.severity));
  if (query.type) conditions.push(eq(incidents.type, query.type));
  if (query.system) conditions.push(arrayContains(incidents.systems, [query.system]));
  if (query.open === true) conditions.push(inArray(incidents.status, [...OPEN_STATUSES]));
  if (query.open === false) conditions.push(sql`not (${inArray(incidents.status, [...OPEN_STATUSES])})`);
  if (query.nearMiss !== undefined) conditions.push(eq(incidents.nearMiss, query.nearMiss));
  if (query.exercise === 'exclude') conditions.push(isNull(incidents.exerciseId));
  if (query.exercise === 'only') conditions.push(isNotNull(incidents.exerciseId));
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const match = or(ilike(incidents.title, pattern), ilike(incidents.summary, pattern));
    if (match) conditions.push(match);
  }
  return conditions;
}

/** The people holding roles now, for several incidents at once. */
export async function currentRoles(tx: Tx, incidentIds: readonly string[]): Promise<Map<string, RoleRow[]>> {
  const byIncident = new Map<string, RoleRow[]>();
  if (incidentIds.length === 0) return byIncident;
  const rows = await tx
    .select()
    .from(roleAssignments)
    .where(and(inArray(roleAssignments.incidentId, [...incidentIds]), isNull(roleAssignments.until)))
    .orderBy(asc(roleAssignments.since), asc(roleAssignments.id));
  for (const row of rows) byIncident.set(row.incidentId, [...(byIncident.get(row.incidentId) ?? []), row]);
  return byIncident;
}

export async function roleHistory(tx: Tx, incidentId: string): Promise<RoleRow[]> {
  return tx
    .select()
    .from(roleAssignments)
    .where(eq(roleAssignments.incidentId, incidentId))
    .orderBy(asc(roleAssignments.since), asc(roleAssignments.id));
}

/** Ends the current holder's time in a role, if there is one, and returns who it was. */
export async function relieveRole(
  tx: Tx,
  incidentId: string,
  role: string,
  at: Date,
  by: string,
): Promise<RoleRow | undefined> {
  const [relieved] = await tx
    .update(roleAssignments)
    .set({ until: at, relievedBy: by })
    .where(
      and(eq(roleAssignments.incidentId, incidentId), eq(roleAssignments.role, role), isNull(roleAssignments.until)),
    )
    .returning();
  return relieved;
}

export async function insertRole(tx: Tx, row: typeof roleAssignments.$inferInsert): Promise<void> {
  await tx.insert(roleAssignments).values(row);
}

/**
 * An open incident on the system that `declaredBy` declared, or else the open incident that took
 * over one it declared when that was merged as a duplicate (the newest such survivor).
 */
export async function openIncidentDeclaredBy(tx: Tx, declaredBy: string, system: string): Promise<string | undefined> {
  const declared = and(eq(incidents.declaredBy, declaredBy), arrayContains(incidents.systems, [system]));
  const open = inArray(incidents.status, [...OPEN_STATUSES]);
  const [own] = await tx.select({ id: incidents.id }).from(incidents).where(and(declared, open)).limit(1);
  if (own) return own.id;
  const [survivor] = await tx
    .select({ id: incidents.id })
    .from(incidents)
    .innerJoin(timelineEvents, eq(timelineEvents.incidentId, incidents.id))
    .where(
      and(
        open,
        eq(timelineEvents.kind, 'duplicate_merged'),
        inArray(
          sql`${timelineEvents.payload}->>'from'`,
          tx.select({ id: incidents.id }).from(incidents).where(declared),
        ),
      ),
    )
    .orderBy(desc(incidents.number))
    .limit(1);
  return survivor?.id;
}

/** Incidents on any of these systems declared before `before`, newest first (at most 50). */
export async function incidentsOnSystems(tx: Tx, systems: readonly string[], before: Date): Promise<IncidentRow[]> {
  if (systems.length === 0) return [];
  return tx
    .select()
    .from(incidents)
    .where(
      and(or(...systems.map((system) => arrayContains(incidents.systems, [system]))), lt(incidents.declaredAt, before)),
    )
    .orderBy(desc(incidents.declaredAt))
    .limit(50);
}

/**
 * The open incidents on a system, oldest first; only those of `severities` when given. What
 * holds a system's controls back: approvals during a SEV1/SEV2, recovery gates, timelines a
 * change goes on.
 */
export async function openIncidentsOnSystem(
  tx: Tx,
  system: string,
  severities?: readonly string[],
): Promise<Array<{ id: string; severity: string; type: string }>> {
  if (severities?.length === 0) return [];
  return tx
    .select({ id: incidents.id, severity: incidents.severity, type: incidents.type })
    .from(incidents)
    .where(
      and(
        arrayContains(incidents.systems, [system]),
        inArray(incidents.status, [...OPEN_STATUSES]),
        ...(severities ? [inArray(incidents.severity, [...severities])] : []),
      ),
    )
    .orderBy(asc(incidents.number));
}

export type PendingObligation = { incidentId: string; id: string; regime: string; article: string; due: Date };

/** Pending regulatory obligations of these incidents, soonest due first (the clocks an incident shows). */
export async function pendingObligations(
  tx: Tx,
  incidentIds: readonly string[],
): Promise<Map<string, PendingObligation[]>> {
  const byIncident = new Map<string, PendingObligation[]>();
  if (incidentIds.length === 0) return byIncident;
  const rows = await tx
    .select({
      incidentId: obligations.incidentId,
      id: obligations.id,
      regime: obligations.regime,
      article: obligations.article,
      due: obligations.due,
    })
    .from(obligations)
    .where(and(inArray(obligations.incidentId, [...incidentIds]), eq(obligations.state, 'pending')))
    .orderBy(asc(obligations.due));
  for (const row of rows) {
    const list = byIncident.get(row.incidentId) ?? [];
    list.push(row);
    byIncident.set(row.incidentId, list);
  }
  return byIncident;
}

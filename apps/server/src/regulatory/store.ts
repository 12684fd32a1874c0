import { and, asc, eq, lte, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { obligationNumbers, obligations, timelineEvents } from '../db/schema';
import { nextval } from '../db/sequence';

export type ObligationRow = typeof obligations.$inferSelect;

/** An incident's facts as they went on its timeline, oldest first (the latest of each holds). */
export async function factEntries(
  tx: Tx,
  incidentId: string,
): Promise<Array<{ at: Date; actor: string; payload: Record<string, unknown> }>> {
  return tx
    .select({ at: timelineEvents.at, actor: timelineEvents.actor, payload: timelineEvents.payload })
    .from(timelineEvents)
    .where(and(eq(timelineEvents.incidentId, incidentId), eq(timelineEvents.kind, 'fact_set')))
    .orderBy(asc(timelineEvents.seq));
}

/** An incident's obligations, oldest first. */
export async function obligationsOf(tx: Tx, incidentId: string): Promise<ObligationRow[]> {
  return tx
    .select()
    .from(obligations)
    .where(eq(obligations.incidentId, incidentId))
    .orderBy(asc(obligations.openedAt), asc(obligations.due), asc(obligations.id));
}

export async function newObligationId(tx: Tx): Promise<string> {
  return `OB-${await nextval(tx, obligationNumbers)}`;
}

export async function insertObligation(tx: Tx, row: ObligationRow): Promise<void> {
  await tx.insert(obligations).values(row);
}

export async function updateObligation(tx: Tx, id: string, patch: Partial<ObligationRow>): Promise<void> {
  await tx.update(obligations).set(patch).where(eq(obligations.id, id));
}

/** Obligations across incidents, soonest due first: the compliance view. */
export async function listObligationRows(
  tx: Tx,
  query: { state?: string; dueBefore?: Date; limit: number },
): Promise<ObligationRow[]> {
  const where: SQL[] = [];
  if (query.state) where.push(eq(obligations.state, query.state));
  if (query.dueBefore) where.push(lte(obligations.due, query.dueBefore));
  return tx
    .select()
    .from(obligations)
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(asc(obligations.due), asc(obligations.id))
    .limit(query.limit);
}

import { DomainError } from '@firebreak/core';
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { reviewItems, reviewNumbers } from '../db/schema';
import { nextval } from '../db/sequence';

export type ReviewRow = typeof reviewItems.$inferSelect;

export interface ReviewFilter {
  status?: string | undefined;
  system?: string | undefined;
  incident?: string | undefined;
}

function conditions(filter: ReviewFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.status) where.push(eq(reviewItems.status, filter.status));
  if (filter.system) where.push(eq(reviewItems.system, filter.system));
  if (filter.incident) where.push(eq(reviewItems.incidentId, filter.incident));
  return where;
}

export async function insertReviewItem(tx: Tx, row: Omit<typeof reviewItems.$inferInsert, 'id'>): Promise<ReviewRow> {
  const [inserted] = await tx
    .insert(reviewItems)
    .values({ ...row, id: `REV-${await nextval(tx, reviewNumbers)}` })
    .returning();
  return inserted!;
}

export async function findByEvent(tx: Tx, system: string, eventId: string): Promise<ReviewRow | undefined> {
  const [row] = await tx
    .select()
    .from(reviewItems)
    .where(and(eq(reviewItems.system, system), eq(reviewItems.eventId, eventId)));
  return row;
}

export async function lockReviewItem(tx: Tx, id: string): Promise<ReviewRow> {
  const [row] = await tx.select().from(reviewItems).where(eq(reviewItems.id, id)).for('update');
  if (!row) throw new DomainError('not_found', `review item ${id} not found`, { details: { id } });
  return row;
}

export async function findReviewItem(tx: Tx, id: string): Promise<ReviewRow> {
  const [row] = await tx.select().from(reviewItems).where(eq(reviewItems.id, id));
  if (!row) throw new DomainError('not_found', `review item ${id} not found`, { details: { id } });
  return row;
}

export async function updateReviewItem(
  tx: Tx,
  id: string,
  patch: Partial<typeof reviewItems.$inferInsert>,
): Promise<ReviewRow> {
  const [row] = await tx.update(reviewItems).set(patch).where(eq(reviewItems.id, id)).returning();
  return row!;
}

/** Oldest first among pending items (a queue), newest first otherwise. */
export async function listReviewItems(tx: Tx, filter: ReviewFilter, limit: number): Promise<ReviewRow[]> {
  const query = tx
    .select()
    .from(reviewItems)
    .where(and(...conditions(filter)));
  return (
    filter.status === 'pending' ? query.orderBy(reviewItems.createdAt) : query.orderBy(desc(reviewItems.createdAt))
  ).limit(limit);
}

export async function countByStatus(tx: Tx, filter: ReviewFilter): Promise<Map<string, number>> {
  const rows = await tx
    .select({ status: reviewItems.status, n: count() })
    .from(reviewItems)
    .where(and(...conditions(filter)))
    .groupBy(reviewItems.status);
  return new Map(rows.map((row) => [row.status, Number(row.n)]));
}

import { DomainError } from '@firebreak/core';
import { and, count, desc, eq, gte, lt, min, type SQL } from 'drizzle-orm';
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

/**
 * How the queue moves for a filter: its oldest waiting item, the items waiting since before
 * `slaStart` (past their SLA), and how many arrived and were decided since `since`.
 */
export async function queueFigures(
  tx: Tx,
  filter: ReviewFilter,
  since: Date,
  slaStart: Date,
): Promise<{ oldestPendingAt: Date | null; overSla: number; arrivals: number; decisions: number }> {
  const scope = conditions({ ...filter, status: undefined });
  const pending = and(...scope, eq(reviewItems.status, 'pending'));
  const [oldest] = await tx
    .select({ at: min(reviewItems.createdAt) })
    .from(reviewItems)
    .where(pending);
  const [late] = await tx
    .select({ n: count() })
    .from(reviewItems)
    .where(and(pending, lt(reviewItems.createdAt, slaStart)));
  const [arrived] = await tx
    .select({ n: count() })
    .from(reviewItems)
    .where(and(...scope, gte(reviewItems.createdAt, since)));
  const [decided] = await tx
    .select({ n: count() })
    .from(reviewItems)
    .where(and(...scope, gte(reviewItems.decidedAt, since)));
  const at = oldest?.at;
  return {
    oldestPendingAt: at ? new Date(at) : null,
    overSla: Number(late?.n ?? 0),
    arrivals: Number(arrived?.n ?? 0),
    decisions: Number(decided?.n ?? 0),
  };
}

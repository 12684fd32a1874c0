import { DomainError } from '@firebreak/core';
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { postmortems } from '../db/schema';

export type PostmortemRow = typeof postmortems.$inferSelect;

export async function insertPostmortem(tx: Tx, row: PostmortemRow): Promise<void> {
  await tx.insert(postmortems).values(row);
}

export async function findPostmortem(tx: Tx, incidentId: string): Promise<PostmortemRow | undefined> {
  const [row] = await tx.select().from(postmortems).where(eq(postmortems.incidentId, incidentId));
  return row;
}

export async function requirePostmortem(tx: Tx, incidentId: string): Promise<PostmortemRow> {
  const row = await findPostmortem(tx, incidentId);
  if (!row)
    throw new DomainError('not_found', `${incidentId} has no postmortem yet; draft one first`, {
      details: { id: incidentId },
    });
  return row;
}

/**
 * Writes a change over the version it was read at; a change made meanwhile by someone else
 * answers 409 instead of being overwritten.
 */
export async function updatePostmortem(
  tx: Tx,
  incidentId: string,
  readVersion: number,
  patch: Partial<Omit<PostmortemRow, 'incidentId' | 'version'>>,
): Promise<void> {
  const updated = await tx
    .update(postmortems)
    .set({ ...patch, version: readVersion + 1 })
    .where(and(eq(postmortems.incidentId, incidentId), eq(postmortems.version, readVersion)))
    .returning({ version: postmortems.version });
  if (updated.length === 0)
    throw new DomainError('conflict', `version: ${incidentId}'s postmortem changed meanwhile; reload and edit again`, {
      details: { issues: [{ path: 'version', message: 'stale: someone else edited the postmortem' }] },
    });
}

export async function listPostmortems(tx: Tx, filter: { status?: string | undefined }): Promise<PostmortemRow[]> {
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(postmortems.status, filter.status));
  return tx
    .select()
    .from(postmortems)
    .where(and(...conditions))
    .orderBy(asc(postmortems.dueAt), asc(postmortems.incidentId))
    .limit(1000);
}

export async function postmortemsOf(tx: Tx, incidentIds: readonly string[]): Promise<PostmortemRow[]> {
  if (incidentIds.length === 0) return [];
  return tx
    .select()
    .from(postmortems)
    .where(inArray(postmortems.incidentId, [...incidentIds]));
}

import { asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { systems } from '../db/schema';

export type SystemRow = typeof systems.$inferSelect;

export async function listSystems(tx: Tx): Promise<SystemRow[]> {
  return tx.select().from(systems).orderBy(asc(systems.id));
}

export async function findSystem(tx: Tx, id: string): Promise<SystemRow | undefined> {
  const [row] = await tx.select().from(systems).where(eq(systems.id, id)).for('update');
  return row;
}

/** The ids among these that have no system card. */
export async function missingSystems(tx: Tx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .select({ id: systems.id })
    .from(systems)
    .where(inArray(systems.id, [...ids]));
  const known = new Set(rows.map((row) => row.id));
  return ids.filter((id) => !known.has(id));
}

/** The drill each of these systems belongs to (only drill copies are listed). */
export async function exercisesOfSystems(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (ids.length === 0) return found;
  const rows = await tx
    .select({ id: systems.id, exerciseId: systems.exerciseId })
    .from(systems)
    .where(inArray(systems.id, [...ids]));
  for (const row of rows) if (row.exerciseId) found.set(row.id, row.exerciseId);
  return found;
}

export async function insertSystem(tx: Tx, row: typeof systems.$inferInsert): Promise<void> {
  await tx.insert(systems).values(row);
}

export async function updateSystem(tx: Tx, id: string, patch: Partial<SystemRow>): Promise<void> {
  await tx.update(systems).set(patch).where(eq(systems.id, id));
}

/** The owner a system's card names (a team's id or free text), without locking the row. */
export async function ownerOf(tx: Tx, id: string): Promise<string | undefined> {
  const [row] = await tx.select({ owner: systems.owner }).from(systems).where(eq(systems.id, id));
  return row?.owner;
}

/** A system's card, without locking the row. */
export async function cardOf(tx: Tx, id: string): Promise<SystemRow['card'] | undefined> {
  const [row] = await tx.select({ card: systems.card }).from(systems).where(eq(systems.id, id));
  return row?.card;
}

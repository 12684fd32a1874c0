import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { shadowNumbers, shadowRuns } from '../db/schema';
import { nextval } from '../db/sequence';

export type ShadowRunRow = typeof shadowRuns.$inferSelect;

export async function insertShadowRun(tx: Tx, row: Omit<ShadowRunRow, 'id'>): Promise<ShadowRunRow> {
  const [inserted] = await tx
    .insert(shadowRuns)
    .values({ ...row, id: `SHD-${await nextval(tx, shadowNumbers)}` })
    .returning();
  return inserted!;
}

/** The shadow run in progress on a control, locked for update when asked. */
export async function runningShadow(tx: Tx, key: string, lock = false): Promise<ShadowRunRow | undefined> {
  const query = tx
    .select()
    .from(shadowRuns)
    .where(and(eq(shadowRuns.key, key), eq(shadowRuns.state, 'running')));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** The shadow run in progress on a control, or else its latest. */
export async function latestShadow(tx: Tx, key: string): Promise<ShadowRunRow | undefined> {
  const running = await runningShadow(tx, key);
  if (running) return running;
  const [row] = await tx
    .select()
    .from(shadowRuns)
    .where(eq(shadowRuns.key, key))
    .orderBy(desc(shadowRuns.startedAt), desc(shadowRuns.id))
    .limit(1);
  return row;
}

/** The controls with a shadow run in progress, for the runner. */
export async function runningShadowKeys(tx: Tx): Promise<string[]> {
  const rows = await tx.select({ key: shadowRuns.key }).from(shadowRuns).where(eq(shadowRuns.state, 'running'));
  return rows.map((row) => row.key);
}

export async function updateShadowRun(tx: Tx, id: string, patch: Partial<Omit<ShadowRunRow, 'id'>>): Promise<void> {
  await tx.update(shadowRuns).set(patch).where(eq(shadowRuns.id, id));
}

import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { canaryNumbers, canaryRuns } from '../db/schema';
import { nextval } from '../db/sequence';

export type CanaryRunRow = typeof canaryRuns.$inferSelect;

export async function insertCanaryRun(tx: Tx, row: Omit<CanaryRunRow, 'id'>): Promise<CanaryRunRow> {
  const [inserted] = await tx
    .insert(canaryRuns)
    .values({ ...row, id: `CAN-${await nextval(tx, canaryNumbers)}` })
    .returning();
  return inserted!;
}

/** The run in progress on a control, locked for update when asked. */
export async function runningCanary(tx: Tx, key: string, lock = false): Promise<CanaryRunRow | undefined> {
  const query = tx
    .select()
    .from(canaryRuns)
    .where(and(eq(canaryRuns.key, key), eq(canaryRuns.state, 'running')));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function canaryRunById(tx: Tx, id: string): Promise<CanaryRunRow | undefined> {
  const [row] = await tx.select().from(canaryRuns).where(eq(canaryRuns.id, id));
  return row;
}

/** The run in progress on a control, or else its latest. */
export async function latestCanary(tx: Tx, key: string): Promise<CanaryRunRow | undefined> {
  const running = await runningCanary(tx, key);
  if (running) return running;
  const [row] = await tx
    .select()
    .from(canaryRuns)
    .where(eq(canaryRuns.key, key))
    .orderBy(desc(canaryRuns.startedAt), desc(canaryRuns.id))
    .limit(1);
  return row;
}

/** The controls with a canary in progress, for the runner. */
export async function runningCanaryKeys(tx: Tx): Promise<string[]> {
  const rows = await tx.select({ key: canaryRuns.key }).from(canaryRuns).where(eq(canaryRuns.state, 'running'));
  return rows.map((row) => row.key);
}

export async function updateCanaryRun(tx: Tx, id: string, patch: Partial<Omit<CanaryRunRow, 'id'>>): Promise<void> {
  await tx.update(canaryRuns).set(patch).where(eq(canaryRuns.id, id));
}

import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { controlBundles } from '../db/schema';

export type BundleRow = typeof controlBundles.$inferSelect;

/** Every bundle a route has known, live and retired, in the order they became known. */
export async function listBundleRows(tx: Tx, key: string): Promise<BundleRow[]> {
  return tx.select().from(controlBundles).where(eq(controlBundles.key, key)).orderBy(asc(controlBundles.position));
}

export async function findBundle(tx: Tx, key: string, version: string): Promise<BundleRow | undefined> {
  const [row] = await tx
    .select()
    .from(controlBundles)
    .where(and(eq(controlBundles.key, key), eq(controlBundles.version, version)));
  return row;
}

export async function insertBundle(
  tx: Tx,
  row: Omit<typeof controlBundles.$inferInsert, 'position'>,
): Promise<BundleRow> {
  const [inserted] = await tx.insert(controlBundles).values(row).returning();
  return inserted!;
}

/** Retires live bundles (deleted or pruned); the rows stay so their versions keep their contents. */
export async function retireBundles(
  tx: Tx,
  key: string,
  versions: readonly string[],
  values: { retiredAt: Date; retiredBy: string; retireReason: string },
): Promise<void> {
  if (versions.length === 0) return;
  await tx
    .update(controlBundles)
    .set(values)
    .where(
      and(
        eq(controlBundles.key, key),
        inArray(controlBundles.version, [...versions]),
        isNull(controlBundles.retiredAt),
      ),
    );
}

/** Makes a retired bundle live again (registered anew with the very same contents). */
export async function restoreBundle(tx: Tx, key: string, version: string): Promise<BundleRow> {
  const [row] = await tx
    .update(controlBundles)
    .set({ retiredAt: null, retiredBy: null, retireReason: null })
    .where(and(eq(controlBundles.key, key), eq(controlBundles.version, version)))
    .returning();
  return row!;
}

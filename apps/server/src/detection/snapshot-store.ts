import type { EngineState } from '@firebreak/detection';
import { eq } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { detectionSnapshots } from '../db/schema';

const ID = 'engine';

export async function loadSnapshot(tx: Tx): Promise<{ state: EngineState; offset: number } | undefined> {
  const [row] = await tx.select().from(detectionSnapshots).where(eq(detectionSnapshots.id, ID));
  return row ? { state: row.state, offset: row.offset } : undefined;
}

export async function saveSnapshot(tx: Tx, state: EngineState, offset: number, at: Date): Promise<void> {
  const values = { id: ID, offset, state, savedAt: at };
  await tx
    .insert(detectionSnapshots)
    .values(values)
    .onConflictDoUpdate({ target: detectionSnapshots.id, set: { offset, state: values.state, savedAt: at } });
}

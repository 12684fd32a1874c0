import type { EngineState } from '@firebreak/detection';
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { detectionSnapshots } from '../db/schema';

const ID = 'engine';

export async function loadSnapshot(tx: Tx): Promise<{ state: EngineState; offset: number; savedAt: Date } | undefined> {
  const [row] = await tx.select().from(detectionSnapshots).where(eq(detectionSnapshots.id, ID));
  return row ? { state: row.state, offset: row.offset, savedAt: row.savedAt } : undefined;
}

/**
 * Saves the engine's state and the log offset it covers, replacing the last snapshot. The
 * state (megabytes of JSON with many monitors) is sent once: the update takes the row the
 * insert proposed (`excluded`) instead of a second copy of the parameter.
 */
export async function saveSnapshot(tx: Tx, state: EngineState, offset: number, at: Date): Promise<void> {
  await tx
    .insert(detectionSnapshots)
    .values({ id: ID, offset, state, savedAt: at })
    .onConflictDoUpdate({
      target: detectionSnapshots.id,
      set: {
        offset: sql`excluded.${sql.identifier(detectionSnapshots.offset.name)}`,
        state: sql`excluded.${sql.identifier(detectionSnapshots.state.name)}`,
        savedAt: sql`excluded.${sql.identifier(detectionSnapshots.savedAt.name)}`,
      },
    });
}

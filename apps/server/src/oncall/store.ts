import type { OnCallDirectory } from '@firebreak/contract';
import { desc } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { directoryRevisions } from '../db/schema';

export type DirectoryRow = typeof directoryRevisions.$inferSelect;

/** The directory in force: the highest revision, or undefined before any was applied. */
export async function latestDirectory(tx: Tx): Promise<DirectoryRow | undefined> {
  const [row] = await tx.select().from(directoryRevisions).orderBy(desc(directoryRevisions.revision)).limit(1);
  return row;
}

/** Appends a new revision of the directory and returns its number. */
export async function insertDirectory(tx: Tx, document: OnCallDirectory, at: Date, actor: string): Promise<number> {
  const [row] = await tx
    .insert(directoryRevisions)
    .values({ at, actor, document })
    .returning({ revision: directoryRevisions.revision });
  return row!.revision;
}

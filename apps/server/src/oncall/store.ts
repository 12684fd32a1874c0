import type { OnCallDirectory } from '@firebreak/contract';
import { OnCallDirectory as DirectorySchema } from '@firebreak/contract';
import { desc, sql } from 'drizzle-orm';
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

/** The directory in force, parsed, with its revision; revision 0 (empty) before any was applied. */
export interface CurrentDirectory {
  revision: number;
  at: Date | null;
  actor: string | null;
  directory: OnCallDirectory;
}

const EMPTY: CurrentDirectory = { revision: 0, at: null, actor: null, directory: DirectorySchema.parse({}) };
let cached: { digest: string; value: CurrentDirectory } | undefined;

/**
 * The directory in force, read through a cache keyed by revision: one cheap query for the
 * highest revision, and the document read and parsed only when it changed. Parsing again fills
 * in fields later versions added (their defaults), so an old revision reads like a new one.
 */
export async function currentDirectory(tx: Tx): Promise<CurrentDirectory> {
  // The digest covers the document as well as the number, so two databases in one process (tests,
  // a restored backup) never share a cached revision.
  const [head] = await tx
    .select({
      digest: sql<string>`${directoryRevisions.revision}::text || ':' || md5(${directoryRevisions.document}::text)`,
    })
    .from(directoryRevisions)
    .orderBy(desc(directoryRevisions.revision))
    .limit(1);
  if (!head) return EMPTY;
  if (cached?.digest === head.digest) return cached.value;
  const row = await latestDirectory(tx);
  if (!row) return EMPTY;
  const parsed = DirectorySchema.safeParse(row.document);
  // A revision that no longer parses (a schema tightened since) is used as stored.
  const directory = parsed.success ? parsed.data : (row.document as OnCallDirectory);
  const value = { revision: row.revision, at: row.at, actor: row.actor, directory };
  cached = { digest: head.digest, value };
  return value;
}

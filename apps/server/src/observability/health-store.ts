import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { type Db, migrationsFolder } from '../db/connect';

/** One readiness check: fine, or what is wrong in a line an operator can act on. */
export type CheckResult = { ok: true } | { ok: false; reason: string };

let latestShipped: number | undefined;

/** When the newest migration this build ships was made (drizzle's `folderMillis`), read once. */
function newestMigration(): number {
  latestShipped ??= Math.max(0, ...readMigrationFiles({ migrationsFolder }).map((file) => file.folderMillis));
  return latestShipped;
}

/** The database answers a trivial query. */
export async function databaseReachable(db: Db): Promise<CheckResult> {
  try {
    await db.execute(sql`select 1`);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `database unreachable: ${(error as Error).message}` };
  }
}

/**
 * Every migration this build ships is applied: drizzle's own journal in the database has one at
 * least as new as the newest in apps/server/drizzle (a newer one, from a newer replica, is fine).
 */
export async function migrationsApplied(db: Db): Promise<CheckResult> {
  try {
    const [row] = await db
      .select({ last: sql<string | number | null>`max(created_at)` })
      .from(sql`drizzle.__drizzle_migrations`);
    const last = Number(row?.last ?? 0);
    const wanted = newestMigration();
    if (last >= wanted) return { ok: true };
    return { ok: false, reason: `migrations pending: the newest applied is older than this build's (${wanted})` };
  } catch (error) {
    return { ok: false, reason: `migrations unknown: ${(error as Error).message}` };
  }
}

import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { LOCKS } from './locks';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A database handle or an open transaction on it: stores accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export interface Store {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Where the data is: the PGlite folder, or the server URL without its password. */
  location: string;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** A PostgreSQL URL; without one the store is embedded PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite's data folder; without one (and no URL) the store lives in memory. */
  dataDir?: string | undefined;
  /**
   * A PGlite data folder to start from (a `dumpDataDir()` tarball) instead of an empty one; the
   * migrations still run, so a dump that is behind is brought up to date. The tests start each
   * store from one migrated dump rather than migrating from nothing every time.
   */
  loadDataDir?: Blob | undefined;
  /** Told when the PostgreSQL server drops an idle connection (logged by the server). */
  onIdleError?: (error: Error) => void;
}

export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));
// Any fixed number: replicas starting together take turns migrating.

/**
 * Opens the store and brings its schema up to date. PostgreSQL when given a URL, else PGlite,
 * with the same schema and migrations either way.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle connection the server drops (restart, failover, admin) must not crash the process:
    // the pool discards it and the next query opens a new one.
    pool.on('error', (error) => options.onIdleError?.(error));
    const db: Db = drizzlePg(pool, { schema });
    try {
      // Advisory locks belong to a session, so lock, migrate and unlock on one connection.
      const session = await pool.connect();
      try {
        await session.query('select pg_advisory_lock($1)', [LOCKS.migration]);
        await migratePg(drizzlePg(session, { schema }), { migrationsFolder });
      } finally {
        await session.query('select pg_advisory_unlock($1)', [LOCKS.migration]).catch(() => undefined);
        session.release();
      }
    } catch (error) {
      await pool.end();
      throw error;
    }
    return { db, kind: 'postgres', location: redact(options.databaseUrl), close: () => pool.end() };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = new PGlite({ dataDir: options.dataDir, loadDataDir: options.loadDataDir });
  const pgliteDb = drizzlePglite(client, { schema });
  await migratePglite(pgliteDb, { migrationsFolder });
  return {
    db: pgliteDb,
    kind: 'pglite',
    location: options.dataDir ?? 'memory',
    close: () => client.close(),
  };
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres';
  }
}

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Store } from '../db/connect';

/** The real PostgreSQL server the store suite also runs against (see README, Configuration). */
export const TEST_POSTGRES_URL = process.env.FIREBREAK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface StoreTarget {
  name: 'pglite' | 'postgres';
  open(): Promise<Store & { url?: string }>;
}

/**
 * Where store tests run: embedded PGlite, and a fresh database on the PostgreSQL server.
 * FIREBREAK_TEST_SKIP_POSTGRES=1 leaves PostgreSQL out (CI never sets it).
 */
export const STORE_TARGETS: StoreTarget[] = [
  { name: 'pglite', open: () => openStore({}) },
  ...(process.env.FIREBREAK_TEST_SKIP_POSTGRES === '1' ? [] : [{ name: 'postgres' as const, open: openPostgres }]),
];

async function openPostgres(): Promise<Store & { url: string }> {
  const name = `firebreak_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `store tests need PostgreSQL at ${TEST_POSTGRES_URL} (start it, set FIREBREAK_TEST_POSTGRES_URL, or FIREBREAK_TEST_SKIP_POSTGRES=1 to leave it out): ${(error as Error).message}`,
    );
  }
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  const store = await openStore({ databaseUrl: url.toString() });
  return {
    ...store,
    url: url.toString(),
    close: async () => {
      await store.close();
      const dropper = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { openStore, type Store } from '../db/connect';

/** The real PostgreSQL server the store suite also runs against (see README, Configuration). */
export const TEST_POSTGRES_URL = process.env.FIREBREAK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** What the server project's global setup (test/global-setup.ts) provides: one migrated store of each kind. */
export const TEMPLATE_KEYS = {
  pglite: 'firebreakPgliteTemplate',
  postgres: 'firebreakPostgresTemplate',
} as const;

/** TEST_POSTGRES_URL with another database name. */
export function withDatabase(name: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface StoreTarget {
  name: 'pglite' | 'postgres';
  open(): Promise<Store & { url?: string }>;
}

/**
 * Where store tests run: embedded PGlite, and a fresh database on the PostgreSQL server.
 * FIREBREAK_TEST_SKIP_POSTGRES=1 leaves PostgreSQL out (CI never sets it).
 */
export const STORE_TARGETS: StoreTarget[] = [
  { name: 'pglite', open: openPglite },
  ...(process.env.FIREBREAK_TEST_SKIP_POSTGRES === '1' ? [] : [{ name: 'postgres' as const, open: openPostgres }]),
];

let pgliteTemplate: Promise<Blob | undefined> | undefined;

/** A fresh in-memory PGlite: a copy of the migrated dump when the global setup made one, else empty. */
async function openPglite(): Promise<Store> {
  pgliteTemplate ??= (async () => {
    const file = inject(TEMPLATE_KEYS.pglite);
    return file ? new Blob([await readFile(file)]) : undefined;
  })();
  return openStore({ loadDataDir: await pgliteTemplate });
}

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
  const template = inject(TEMPLATE_KEYS.postgres);
  await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
  await admin.end();
  const url = withDatabase(name);
  const store = await openStore({ databaseUrl: url });
  return {
    ...store,
    url,
    close: async () => {
      await store.close();
      const dropper = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

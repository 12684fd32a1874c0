import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openStore } from '../db/connect';
import { migratedPgliteDir, PGLITE_DIR_KEY } from './pglite-dir';
import { TEMPLATE_KEYS, TEST_POSTGRES_URL, withDatabase } from './stores';

declare module 'vitest' {
  export interface ProvidedContext {
    [TEMPLATE_KEYS.pglite]: string | undefined;
    [TEMPLATE_KEYS.postgres]: string | undefined;
  }
}

/**
 * Migrates one store of each kind before the server tests start, so each test's fresh store is a
 * copy of it (a PGlite dump loaded in memory, a PostgreSQL `CREATE DATABASE … TEMPLATE`) rather
 * than an empty database migrated from nothing, once per test file and store. Every store is
 * still its own: nothing a test writes reaches the template or another test.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'firebreak-test-template-'));
  // Migrated on disk (the folder the other projects' global setups migrate too, made once), then
  // dumped: the store's own path does the migrating.
  const pglite = await migratedPgliteDir();
  const client = new PGlite(pglite.dir);
  try {
    // dumpDataDir does not wait for the database to start, and never settles if it has not.
    await client.waitReady;
    const dump = await client.dumpDataDir('none');
    const file = join(dir, 'pglite.tar');
    await writeFile(file, new Uint8Array(await dump.arrayBuffer()));
    project.provide(TEMPLATE_KEYS.pglite, file);
  } finally {
    await client.close();
  }
  // The same folder, closed, for tests that start a whole server on disk (freshDataDir).
  project.provide(PGLITE_DIR_KEY, pglite.dir);

  let template: string | undefined;
  if (process.env.FIREBREAK_TEST_SKIP_POSTGRES !== '1') {
    template = `firebreak_template_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    try {
      await admin.connect();
      await admin.query(`create database ${template}`);
      const store = await openStore({ databaseUrl: withDatabase(template) });
      // A template must have no open connection when it is copied: close the pool now.
      await store.close();
      project.provide(TEMPLATE_KEYS.postgres, template);
    } catch {
      // No server (or no right to create one): each test migrates its own, and says why it failed.
      template = undefined;
    } finally {
      await admin.end().catch(() => undefined);
    }
  }

  return async () => {
    await rm(dir, { recursive: true, force: true });
    await pglite.remove();
    if (!template) return;
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${template} with (force)`);
    await admin.end();
  };
}

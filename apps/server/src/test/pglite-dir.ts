import { constants } from 'node:fs';
import { access, cp, mkdtemp, rm, statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { openStore } from '../db/connect';
import { seedDemo } from '../demo/seed';
import { bootstrapAdminToken } from '../tokens/service';

/** The key a global setup provides a migrated PGlite data folder under. */
export const PGLITE_DIR_KEY = 'firebreakPgliteDir';

declare module 'vitest' {
  export interface ProvidedContext {
    [PGLITE_DIR_KEY]: string | undefined;
  }
}

/** The folder being migrated or made, and how many global setups hold it. */
interface Shared {
  made: Promise<{ parent: string; dir: string }>;
  holders: number;
}

/**
 * Where the one migrated folder of this process is kept: on globalThis, since the global setups of
 * the server, CLI and web e2e projects each load this module afresh in the same process.
 */
const SHARED = Symbol.for('firebreak.test.migratedPgliteDir');

async function migrate(): Promise<{ parent: string; dir: string }> {
  const parent = await mkdtemp(join(tmpdir(), 'firebreak-test-pglite-'));
  const dir = join(parent, 'data');
  const store = await openStore({ dataDir: dir });
  await store.close();
  return { parent, dir };
}

/**
 * A PGlite data folder migrated to the current schema and closed, for a global setup to provide
 * under PGLITE_DIR_KEY; `remove` lets it go at teardown. The global setups run one after the other
 * before any test, so they share one folder (migrating took 4 to 5 seconds each), deleted when
 * the last lets it go; tests only copy it.
 */
export async function migratedPgliteDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const registry = globalThis as { [SHARED]?: Shared };
  let shared = registry[SHARED];
  if (!shared) {
    shared = { made: migrate(), holders: 0 };
    registry[SHARED] = shared;
  }
  const held = shared;
  held.holders += 1;
  let made: { parent: string; dir: string };
  try {
    made = await held.made;
  } catch (error) {
    held.holders -= 1;
    if (registry[SHARED] === held) delete registry[SHARED];
    throw error;
  }
  let removed = false;
  return {
    dir: made.dir,
    async remove() {
      if (removed) return;
      removed = true;
      held.holders -= 1;
      if (held.holders > 0) return;
      if (registry[SHARED] === held) delete registry[SHARED];
      await rm(made.parent, { recursive: true, force: true });
    },
  };
}

/**
 * A new data folder for a server a test starts: a copy of the migrated folder the project's
 * global setup provided, so the server opens a migrated store instead of migrating from nothing
 * (about 3.5 of a demo server's 8 seconds), or an empty folder when none was provided; in memory
 * when it can be (storesTmpDir). Each copy is the test's own.
 */
export async function freshDataDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(await storesTmpDir(), prefix));
  await copyMigratedStore(dir);
  return dir;
}

/** Copies the provided migrated PGlite folder to `dir` (created if missing); nothing when none was provided. */
export async function copyMigratedStore(dir: string): Promise<void> {
  const template = inject(PGLITE_DIR_KEY);
  if (template) await cp(template, dir, { recursive: true });
}

/**
 * Writes into the migrated folder `dir` what a server's first start with `demo` writes before it
 * serves (the admin token `adminToken`, then the demo, with its history when `history`), and
 * closes it: a server started on a copy finds both and seeds nothing.
 */
export async function seedDemoStore(
  dir: string,
  { adminToken, history, now = new Date() }: { adminToken: string; history: boolean; now?: Date },
): Promise<void> {
  const store = await openStore({ dataDir: dir });
  try {
    await bootstrapAdminToken(store.db, now, adminToken);
    await seedDemo(store.db, now, { history });
  } finally {
    await store.close();
  }
}

/** statfs's type of a memory file system (tmpfs). */
const TMPFS = 0x01021994;

/**
 * Where a test keeps the data folders it copies: /dev/shm when it is a memory file system with
 * room to spare (a migrated folder is 41 MB in 1,264 files, copied there in a fifth of a second
 * against one to two seconds on disk), else the system's temporary folder.
 */
export async function storesTmpDir(): Promise<string> {
  try {
    const shm = await statfs('/dev/shm');
    await access('/dev/shm', constants.W_OK);
    if (shm.type === TMPFS && shm.bavail * shm.bsize >= 2 ** 31) return '/dev/shm';
  } catch {
    // No /dev/shm here, or not ours to write: the disk it is.
  }
  return tmpdir();
}

import { cp, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { inject } from 'vitest';
import { copyMigratedStore, seedDemoStore, storesTmpDir } from '../../server/src/test/pglite-dir';

/** The key the global setup provides a folder under, where each worker keeps its seeded stores. */
export const DEMO_STORES_KEY = 'firebreakE2eDemoStores';

declare module 'vitest' {
  export interface ProvidedContext {
    [DEMO_STORES_KEY]: string | undefined;
  }
}

interface Seeded {
  dir: string;
  adminToken: string;
  /** The UTC day it was seeded: the demo's dates are days before it. */
  day: string;
}

/** This worker's seeded stores, without and with the demo's history. */
const seeded = new Map<boolean, Promise<Seeded>>();

async function seed(parent: string, history: boolean, day: string): Promise<Seeded> {
  const dir = join(parent, `${process.pid}-${history ? 'history' : 'demo'}-${day}`);
  await copyMigratedStore(dir);
  const adminToken = `fbk_e2e_${Math.random().toString(36).slice(2)}`;
  await seedDemoStore(dir, { adminToken, history });
  return { dir, adminToken, day };
}

/**
 * A new data folder for a demo server, and its admin token: a copy of a store this worker seeded
 * with the demo (and its history when `history`) as the server's first start would, so the server
 * seeds nothing (about a second and a half of each start). The seeded store is made again on a
 * new UTC day, since the demo is dated from the day it is seeded. Without the global setup's
 * folder, a migrated store the server seeds itself.
 */
export async function demoDataDir(history: boolean): Promise<{ dataDir: string; adminToken?: string }> {
  const dataDir = await mkdtemp(join(await storesTmpDir(), 'firebreak-web-e2e-'));
  const parent = inject(DEMO_STORES_KEY);
  if (!parent) {
    await copyMigratedStore(dataDir);
    return { dataDir };
  }
  const day = new Date().toISOString().slice(0, 10);
  let store = seeded.get(history);
  if (!store || (await store.catch(() => undefined))?.day !== day) {
    store = seed(parent, history, day);
    seeded.set(history, store);
  }
  const { dir, adminToken } = await store;
  await cp(dir, dataDir, { recursive: true });
  return { dataDir, adminToken };
}

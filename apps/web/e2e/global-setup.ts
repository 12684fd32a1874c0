import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migratedPgliteDir, PGLITE_DIR_KEY, storesTmpDir } from '../../server/src/test/pglite-dir';
import { ensureBuilt } from '../scripts/ensure-built';
import { DEMO_STORES_KEY } from './demo-store';

/**
 * Builds apps/web/dist when it is missing or older than its sources, once per test run, migrates
 * the PGlite folder each worker's seeded demo store starts from a copy of, and gives the workers a
 * folder for those stores, removed at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensureBuilt();
  const pglite = await migratedPgliteDir();
  project.provide(PGLITE_DIR_KEY, pglite.dir);
  const stores = await mkdtemp(join(await storesTmpDir(), 'firebreak-e2e-demo-'));
  project.provide(DEMO_STORES_KEY, stores);
  return async () => {
    await pglite.remove();
    await rm(stores, { recursive: true, force: true });
  };
}

import type { TestProject } from 'vitest/node';
import { migratedPgliteDir, PGLITE_DIR_KEY } from '../../server/src/test/pglite-dir';
import { ensureBuilt } from '../scripts/ensure-built';

/**
 * Builds apps/web/dist when it is missing or older than its sources, once per test run, and
 * migrates the PGlite folder each test's server starts from a copy of.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensureBuilt();
  const pglite = await migratedPgliteDir();
  project.provide(PGLITE_DIR_KEY, pglite.dir);
  return pglite.remove;
}

import type { TestProject } from 'vitest/node';
import { buildCli, cliIsStale } from '../../../../scripts/build-cli';
import { migratedPgliteDir, PGLITE_DIR_KEY } from '../../../server/src/test/pglite-dir';

/**
 * Builds the CLI bundle (apps/cli/dist) once, before the CLI tests, when it is missing or older
 * than its sources: the tests then run the bin as `npx firebreak` does, each call loading the
 * bundle instead of compiling the TypeScript source through tsx, and no two test files race to
 * build it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (cliIsStale()) await buildCli();
  // The servers the e2e tests start open a copy of this instead of migrating from nothing.
  const pglite = await migratedPgliteDir();
  project.provide(PGLITE_DIR_KEY, pglite.dir);
  return pglite.remove;
}

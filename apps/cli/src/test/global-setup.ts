import { buildCli, cliIsStale } from '../../../../scripts/build-cli';

/**
 * Builds the CLI bundle (apps/cli/dist) once, before the CLI tests, when it is missing or older
 * than its sources: the tests then run the bin as `npx firebreak` does, each call loading the
 * bundle instead of compiling the TypeScript source through tsx, and no two test files race to
 * build it.
 */
export default async function setup(): Promise<void> {
  if (cliIsStale()) await buildCli();
}

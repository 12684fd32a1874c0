/**
 * Builds what runs from built files (ADR 12): the CLI bundle (apps/cli/dist, which also serves
 * the API), the war-room UI (apps/web/dist) and the publishable packages (packages/<name>/dist).
 * With --stale, builds only the CLI and the UI, and each only when a source is newer than it:
 * what `npm start` runs first, so a fresh clone and an edited tree both start on current code.
 * Run: node --import tsx scripts/build.ts [--stale]
 */
import { ensureBuilt } from '../apps/web/scripts/ensure-built';
import { buildCli, cliIsStale } from './build-cli';
import { buildPackages } from './build-packages';

const log = (line: string) => process.stdout.write(`${line}\n`);
const staleOnly = process.argv.includes('--stale');

try {
  if (!staleOnly || cliIsStale()) await buildCli(log);
  ensureBuilt(log);
  if (!staleOnly) await buildPackages(log);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}

/**
 * Builds the war-room UI (apps/web/dist) when it is missing or older than its sources, so
 * `npm start` serves the UI on a fresh clone and the e2e tests test what is in the tree.
 * Run: node --import tsx apps/web/scripts/ensure-built.ts
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = fileURLToPath(new URL('..', import.meta.url));
const ROOT = join(WEB, '..', '..');
/** What the built UI is made from: its own sources and the workspace packages it bundles. */
const SOURCES = [
  join(WEB, 'src'),
  join(WEB, 'index.html'),
  join(WEB, 'vite.config.ts'),
  join(WEB, 'package.json'),
  join(ROOT, 'packages/core/src'),
  join(ROOT, 'packages/sdk/src'),
];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

/** True when it built; throws with the build's output when the build fails. */
export function ensureBuilt(log: (line: string) => void = () => {}): boolean {
  const built = join(WEB, 'dist', 'index.html');
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  if (builtAt > Math.max(...SOURCES.map(newest))) return false;
  log('Building the web UI (apps/web/dist)…');
  // Called from vitest (NODE_ENV=test) it would otherwise build React's development bundle, and
  // `npm start` would go on serving that.
  const result = spawnSync('npm', ['run', 'build', '-w', '@firebreak/web'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`web UI build failed:\n${result.stdout}\n${result.stderr}`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    ensureBuilt((line) => process.stdout.write(`${line}\n`));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}

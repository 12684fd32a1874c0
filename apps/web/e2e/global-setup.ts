import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = fileURLToPath(new URL('..', import.meta.url));
const ROOT = join(WEB, '..', '..');
/** What the built UI is made from: its own sources and the workspace packages it bundles. */
const SOURCES = [join(WEB, 'src'), join(WEB, 'index.html'), join(WEB, 'vite.config.ts'), join(WEB, 'package.json'), join(ROOT, 'packages/core/src'), join(ROOT, 'packages/sdk/src')];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

/** Builds apps/web/dist when it is missing or older than its sources, once per test run. */
export default function setup(): void {
  const built = join(WEB, 'dist', 'index.html');
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  if (builtAt > Math.max(...SOURCES.map(newest))) return;
  const result = spawnSync('npm', ['run', 'build', '-w', '@firebreak/web'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`web UI build failed:\n${result.stdout}\n${result.stderr}`);
}

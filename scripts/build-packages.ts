/**
 * Builds the packages an app installs (@firebreak/core, @firebreak/contract, @firebreak/sdk) into
 * publishable folders, packages/<name>/dist: ESM JavaScript bundled by esbuild with source maps,
 * .d.ts declarations emitted by tsc, the README, and a package.json written from the source one
 * with `exports` pointing at the built files. Inside the repository every package still resolves
 * to its src/index.ts; the built folder is what `npm pack` / `npm publish` take (ADR 12).
 * Run: node --import tsx scripts/build-packages.ts        (then: npm pack ./packages/sdk/dist)
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** In dependency order. */
export const PUBLISHED = ['core', 'contract', 'sdk'] as const;
export type PublishedPackage = (typeof PUBLISHED)[number];
const TYPES_OUT = join(ROOT, 'node_modules/.cache/firebreak-types');

interface Manifest {
  name: string;
  version: string;
  description?: string;
  license?: string;
  keywords?: string[];
  repository?: unknown;
  engines?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, unknown>;
}

export function distOf(name: PublishedPackage): string {
  return join(ROOT, 'packages', name, 'dist');
}

/** Builds every published package; returns their dist folders. */
export async function buildPackages(log: (line: string) => void = () => {}): Promise<string[]> {
  log('Type declarations (tsc -p tsconfig.packages.json)…');
  rmSync(TYPES_OUT, { recursive: true, force: true });
  const tsc = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.packages.json'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  if (tsc.status !== 0) throw new Error(`declarations failed:\n${tsc.stdout}${tsc.stderr}`);
  const dists: string[] = [];
  for (const name of PUBLISHED) {
    log(`@firebreak/${name} → packages/${name}/dist`);
    dists.push(await buildPackage(name));
  }
  return dists;
}

async function buildPackage(name: PublishedPackage): Promise<string> {
  const dir = join(ROOT, 'packages', name);
  const dist = distOf(name);
  rmSync(dist, { recursive: true, force: true });
  await build({
    entryPoints: [join(dir, 'src/index.ts')],
    outfile: join(dist, 'index.js'),
    bundle: true,
    format: 'esm',
    // Runs in Node and in browsers: the packages import no node built-ins (biome enforces it).
    platform: 'neutral',
    target: 'es2022',
    // Every npm package (and every other workspace package) stays an import, declared below.
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  copyDeclarations(join(TYPES_OUT, name, 'src'), dist);
  copyFileSync(join(dir, 'README.md'), join(dist, 'README.md'));
  copyAssets(join(dir, 'src'), dist);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
  writeFileSync(join(dist, 'package.json'), `${JSON.stringify(publishedManifest(manifest), null, 2)}\n`);
  return dist;
}

/** The manifest an app installs: built entry points, no private flag, runtime dependencies only. */
export function publishedManifest(source: Manifest): Record<string, unknown> {
  const dependencies = source.dependencies ?? {};
  return {
    name: source.name,
    version: source.version,
    description: source.description,
    license: source.license,
    keywords: source.keywords,
    repository: source.repository,
    type: 'module',
    sideEffects: false,
    exports: { '.': { types: './index.d.ts', import: './index.js' }, './package.json': './package.json' },
    types: './index.d.ts',
    files: ['**/*.js', '**/*.js.map', '**/*.d.ts', '**/*.yaml', 'README.md'],
    engines: source.engines,
    ...(Object.keys(dependencies).length > 0 ? { dependencies } : {}),
    ...(source.peerDependencies ? { peerDependencies: source.peerDependencies } : {}),
    ...(source.peerDependenciesMeta ? { peerDependenciesMeta: source.peerDependenciesMeta } : {}),
  };
}

/**
 * Copies the data files a package reads beside its code to where the bundled `index.js` resolves
 * them: core's built-in rule pack (`regulatory/packs/builtin.yaml`, found through
 * `new URL('./packs/builtin.yaml', import.meta.url)`) to `dist/packs/`, and its drill scenarios
 * (`drills/library/*.yaml`, found through `new URL('./library/<id>.yaml', import.meta.url)`) to
 * `dist/library/`.
 */
function copyAssets(src: string, dist: string): void {
  const folders = [
    [join(src, 'regulatory', 'packs'), join(dist, 'packs')],
    [join(src, 'drills', 'library'), join(dist, 'library')],
  ] as const;
  for (const [from, to] of folders) {
    if (!existsSync(from)) continue;
    mkdirSync(to, { recursive: true });
    for (const file of readdirSync(from)) if (file.endsWith('.yaml')) copyFileSync(join(from, file), join(to, file));
  }
}

/**
 * Copies tsc's declarations, giving relative imports the `.js` a Node ESM consumer's TypeScript
 * (moduleResolution node16 / nodenext) needs: `./client` → `./client.js`, `./controls` → `./controls/index.js`.
 */
function copyDeclarations(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      copyDeclarations(source, target);
      continue;
    }
    if (!entry.name.endsWith('.d.ts') || entry.name.endsWith('.test.d.ts')) continue;
    const text = readFileSync(source, 'utf8').replace(
      /(from\s+|import\s*\(\s*)(['"])(\.{1,2}\/[^'"]*)\2/g,
      (_match, lead: string, quote: string, specifier: string) =>
        `${lead}${quote}${withExtension(dirname(source), specifier)}${quote}`,
    );
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
}

function withExtension(dir: string, specifier: string): string {
  if (specifier.endsWith('.js')) return specifier;
  const isFile = statSync(join(dir, `${specifier}.d.ts`), { throwIfNoEntry: false })?.isFile();
  return isFile ? `${specifier}.js` : `${specifier}/index.js`;
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const dists = await buildPackages((line) => process.stdout.write(`${line}\n`));
  process.stdout.write(`Built ${dists.map((dist) => relative(ROOT, dist)).join(', ')}\n`);
}

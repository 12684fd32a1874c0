/**
 * Bundles the `firebreak` CLI (and through it the server and the workspace packages it imports)
 * into apps/cli/dist with esbuild: ESM, code-split so `serve` and `detect` load the server and
 * the detection engine only when run, npm dependencies left external (PGlite keeps its wasm
 * next to its own code), linked source maps. apps/cli/dist/build.json lists the files the bundle
 * was made from, so the bin can tell in a millisecond whether it is stale (ADR 12).
 * Run: node --import tsx scripts/build-cli.ts
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'apps/cli');
export const CLI_DIST = join(CLI, 'dist');
/** Files that shape the bundle without being in it: a change to one makes the bundle stale. */
const BUILD_INPUTS = [
  'scripts/build-cli.ts',
  'package-lock.json',
  ...['apps/cli', 'apps/server', 'packages/core', 'packages/contract', 'packages/detection', 'packages/sdk'].map(
    (dir) => `${dir}/package.json`,
  ),
];
/** Files left from an earlier build are removed once this old: a running `serve` may still load one. */
const KEEP_OLD_MS = 60 * 60 * 1000;

/** What the bin reads to decide whether to rebuild. Paths are relative to the repository root. */
export interface BuildInfo {
  builtAt: number;
  entry: string;
  inputs: string[];
}

/**
 * Keeps npm packages external: they stay in node_modules with their assets, so `import.meta.url`
 * inside them (PGlite's wasm) still points at their own files.
 */
const externalDependencies: Plugin = {
  name: 'external-dependencies',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@firebreak/')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/**
 * Source files that find their neighbours through `import.meta.url` (the drizzle migrations, the
 * built web UI) keep doing so from the bundle: the URL is rewritten to the source file's own
 * location, relative to the output file, so a moved checkout still works.
 */
const sourceRelativeImportMeta: Plugin = {
  name: 'source-relative-import-meta',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url') || args.path.includes('node_modules')) return undefined;
      const fromDist = relative(CLI_DIST, args.path).split('\\').join('/');
      const replaced = text.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromDist)}, import.meta.url).href`);
      return { contents: replaced, loader: 'ts' };
    });
  },
};

/** True when apps/cli/dist is missing or a file it was made from is newer (the bin checks the same way). */
export function cliIsStale(): boolean {
  let info: BuildInfo;
  try {
    info = JSON.parse(readFileSync(join(CLI_DIST, 'build.json'), 'utf8')) as BuildInfo;
  } catch {
    return true;
  }
  return info.inputs.some((input) => {
    const stat = statSync(join(ROOT, input), { throwIfNoEntry: false });
    return !stat || stat.mtimeMs > info.builtAt;
  });
}

/** Bundles the CLI in memory (nothing written), with the metafile that says which chunk imports what. */
export function bundleCli() {
  return build({
    absWorkingDir: ROOT,
    entryPoints: { main: join(CLI, 'src/main.ts') },
    outdir: CLI_DIST,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    // Every output file sits in dist/ itself: the rewritten import.meta.url below is relative to it.
    chunkNames: '[name]-[hash]',
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    write: false,
    logLevel: 'warning',
    plugins: [externalDependencies, sourceRelativeImportMeta],
  });
}

/** Builds apps/cli/dist; returns what it wrote to build.json. */
export async function buildCli(log: (line: string) => void = () => {}): Promise<BuildInfo> {
  const builtAt = Date.now();
  log('Building the firebreak CLI (apps/cli/dist)…');
  const result = await bundleCli();
  const written = new Set<string>();
  for (const file of result.outputFiles) {
    writeAtomically(file.path, file.contents);
    written.add(file.path);
  }
  const inputs = Object.keys(result.metafile.inputs).filter((path) => !path.includes('node_modules'));
  const info: BuildInfo = { builtAt, entry: 'main.js', inputs: [...new Set([...inputs, ...BUILD_INPUTS])].sort() };
  const infoPath = join(CLI_DIST, 'build.json');
  writeAtomically(infoPath, JSON.stringify(info, null, 1));
  written.add(infoPath);
  removeOld(CLI_DIST, written);
  return info;
}

/** Readers never see a half-written file: two builds may run at once (two stale commands). */
function writeAtomically(path: string, contents: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

function removeOld(dir: string, keep: Set<string>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) removeOld(path, keep);
    else if (!keep.has(path) && Date.now() - statSync(path).mtimeMs > KEEP_OLD_MS) rmSync(path, { force: true });
  }
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const info = await buildCli((line) => process.stdout.write(`${line}\n`));
  process.stdout.write(`${info.inputs.length} source files → ${relative(ROOT, CLI_DIST)}/${info.entry}\n`);
}

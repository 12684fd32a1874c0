#!/usr/bin/env node
// Runs the bundled CLI (apps/cli/dist, ADR 12). In a checkout the bundle is rebuilt first when it
// is missing or older than any file it was made from (a stat per source file, about a
// millisecond), so a fresh clone and an edited tree both just work.
// FIREBREAK_CLI_SOURCE=1 runs the TypeScript source through tsx instead.
import { readFileSync, statSync } from 'node:fs';

process.setSourceMapsEnabled(true);

// `firebreak … | head` closes the pipe early: that is the reader being done, not a failure.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const ROOT = new URL('../../../', import.meta.url);
const DIST = new URL('../dist/', import.meta.url);

/** The bundle's entry when it is newer than everything it was made from, else undefined. */
function freshEntry() {
  let info;
  try {
    info = JSON.parse(readFileSync(new URL('build.json', DIST), 'utf8'));
  } catch {
    return undefined;
  }
  for (const input of info.inputs) {
    const stat = statSync(new URL(input, ROOT), { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs > info.builtAt) return undefined;
  }
  return new URL(info.entry, DIST).href;
}

async function loadMain() {
  const source = process.env.FIREBREAK_CLI_SOURCE === '1';
  const entry = source ? undefined : freshEntry();
  if (entry) return import(entry);
  // tsx is loaded only off the fast path: to run the source, or to run the build script.
  const { tsImport } = await import('tsx/esm/api');
  if (source) return tsImport('../src/main.ts', import.meta.url);
  const { buildCli } = await tsImport('../../../scripts/build-cli.ts', import.meta.url);
  const info = await buildCli((line) => process.stderr.write(`${line}\n`));
  return import(new URL(info.entry, DIST).href);
}

const { run } = await loadMain();
process.exitCode = await run(process.argv.slice(2));

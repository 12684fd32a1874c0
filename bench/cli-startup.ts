/**
 * CLI start-up: wall time of whole `firebreak` processes, beside `node -e 0` (the floor: starting
 * Node itself) in the same run. Commands run round-robin, so a busy moment on the machine hits
 * them all alike. `incident list` asks a server this script starts on a free port with a
 * temporary data folder; the source rows run the TypeScript through tsx as the bin did before
 * the bundle (ADR 12), for comparison.
 * Prints one JSON object: median, p90 and mean in ms per command, and the median over the floor's.
 *
 * Run: npx tsx bench/cli-startup.ts [--runs 20] [--source-runs 5]
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '20' }, 'source-runs': { type: 'string', default: '5' } },
});
const RUNS = Number(values.runs);
const SOURCE_RUNS = Number(values['source-runs']);
const BIN = fileURLToPath(new URL('../apps/cli/bin/firebreak.js', import.meta.url));
const TOKEN = 'fbk_bench_cli_startup';

interface Case {
  name: string;
  args: string[];
  env?: Record<string, string>;
  runs: number;
}

/** Starts `firebreak serve` (the bundle) in a child on a free port; resolves with its URL. */
function startServer(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir], {
    env: { ...process.env, FIREBREAK_ADMIN_TOKEN: TOKEN, FIREBREAK_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(seen);
      if (match) resolve({ url: match[1]!, child });
    });
    child.on('exit', (code) => reject(new Error(`firebreak serve exited ${code}: ${seen}`)));
  });
}

function timeOnce(item: Case): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, item.args, {
    env: { ...process.env, ...item.env },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${item.name} exited ${result.status}: ${result.stderr}`);
  // A source edited during the run made the bin rebuild first: that run timed the build, not a start.
  if (result.stderr.includes('Building the firebreak CLI')) return timeOnce(item);
  return ms;
}

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const round = (ms: number) => Math.round(ms * 10) / 10;
  const mean = samples.reduce((sum, ms) => sum + ms, 0) / samples.length;
  return { runs: samples.length, medianMs: round(at(0.5)), p90Ms: round(at(0.9)), meanMs: round(mean) };
}

const dataDir = await mkdtemp(join(tmpdir(), 'firebreak-bench-cli-'));
// The first bin run builds the bundle if a source changed: not part of what is measured.
spawnSync(process.execPath, [BIN, '--version'], { stdio: 'ignore' });
const server = await startServer(join(dataDir, 'data'));
try {
  const api = { FIREBREAK_URL: server.url, FIREBREAK_TOKEN: TOKEN };
  const source = { FIREBREAK_CLI_SOURCE: '1' };
  const cases: Case[] = [
    { name: 'node -e 0', args: ['-e', '0'], runs: RUNS },
    { name: 'firebreak --version', args: [BIN, '--version'], runs: RUNS },
    { name: 'firebreak incident list', args: [BIN, 'incident', 'list'], env: api, runs: RUNS },
    { name: 'tsx source: firebreak --version', args: [BIN, '--version'], env: source, runs: SOURCE_RUNS },
    {
      name: 'tsx source: firebreak incident list',
      args: [BIN, 'incident', 'list'],
      env: { ...api, ...source },
      runs: SOURCE_RUNS,
    },
  ];
  for (const item of cases) timeOnce(item); // warm the file cache
  const samples = new Map(cases.map((item) => [item.name, [] as number[]]));
  for (let round = 0; round < RUNS; round++) {
    for (const item of cases) if (round < item.runs) samples.get(item.name)!.push(timeOnce(item));
  }
  const floor = summary(samples.get('node -e 0')!).medianMs;
  const results = Object.fromEntries(
    cases.map((item) => {
      const stats = summary(samples.get(item.name)!);
      return [item.name, { ...stats, overNodeMedian: Math.round((stats.medianMs / floor) * 100) / 100 }];
    }),
  );
  process.stdout.write(`${JSON.stringify({ benchmark: 'cli-startup', node: process.version, results }, null, 2)}\n`);
} finally {
  server.child.kill('SIGTERM');
  await new Promise((resolve) => server.child.once('exit', resolve));
  await rm(dataDir, { recursive: true, force: true });
}

/**
 * Production telemetry suite (issue 10): generates a seeded multi-system week of telemetry with
 * injected failures (bench/production/generate.ts), replays it through the real CLI
 * (`firebreak detect --input`, default monitors unless --config names a detector setting),
 * scores the alerts against the manifest (bench/production/score.ts) and prints JSON: one row
 * per failure, totals, false pages and warnings per clean day per system, and the replay's wall
 * time and events/s. With --nab it also replays NAB's daily-cycle series (bench/production/nab-cycles.ts).
 *
 * Run: npx tsx bench/production-suite.ts [--seed 1] [--days 10] [--scale 1] [--dir DIR] [--config firebreak.yaml] [--no-nab]
 * With --dir, telemetry already there (manifest.json, telemetry.ndjson) is reused, else generated there.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { detect } from './production/detect-cli';
import { generate } from './production/generate';
import type { Manifest } from './production/model';
import { nabCycles } from './production/nab-cycles';
import { oracle } from './production/oracle';
import { parseAlerts, scoreAlerts } from './production/score';

export interface SuiteOptions {
  seed: number;
  days: number;
  scale: number;
  dir?: string;
  config?: string;
}

/** Generates (or reuses) the telemetry, replays it through the CLI and scores it. */
export async function runProductionSuite(options: SuiteOptions) {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'firebreak-production-'));
  try {
    const input = join(dir, 'telemetry.ndjson');
    const manifestFile = join(dir, 'manifest.json');
    let generateSeconds: number | null = null;
    let manifest: Manifest;
    if (options.dir && existsSync(input) && existsSync(manifestFile)) {
      manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    } else {
      const started = performance.now();
      manifest = generate({ seed: options.seed, days: options.days, scale: options.scale }, dir);
      generateSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
    }
    const alertsFile = join(dir, 'alerts.ndjson');
    const replay = await detect(input, alertsFile, options.config);
    const alerts = parseAlerts(readFileSync(alertsFile, 'utf8'));
    const score = scoreAlerts(alerts, manifest);
    // What an oracle could see within each deadline at the default budget (oracle.ts): the
    // misses it cannot see are the generator's, not the detector's.
    const seen = await oracle(dir);
    const detectable = seen.filter((row) => row.detectable).map((row) => row.id);
    const beyond = seen.filter((row) => !row.detectable).map((row) => row.id);
    return {
      bench: 'production-suite',
      seed: manifest.seed,
      days: manifest.days,
      cleanDays: manifest.cleanDays,
      scale: manifest.scale,
      config: options.config ?? null,
      events: manifest.total,
      alerts: alerts.length,
      totals: score.totals,
      failures: score.failures,
      oracle: {
        rows: seen,
        beyondAnyDetectorInDeadline: beyond,
        detectableDetected: `${
          score.failures.filter((f) => detectable.includes(f.id) && f.detected).length
        } of ${detectable.length}`,
      },
      falseAlerts: score.falseAlerts,
      replay: {
        seconds: Number(replay.seconds.toFixed(1)),
        eventsPerSecond: Math.round(replay.events / replay.seconds),
        cli: replay.summary,
      },
      generateSeconds,
    };
  } finally {
    if (!options.dir) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      days: { type: 'string', default: '10' },
      scale: { type: 'string', default: '1' },
      dir: { type: 'string' },
      config: { type: 'string' },
      'no-nab': { type: 'boolean', default: false },
    },
  });
  const result = await runProductionSuite({
    seed: Number(values.seed),
    days: Number(values.days),
    scale: Number(values.scale),
    ...(values.dir ? { dir: values.dir } : {}),
    ...(values.config ? { config: values.config } : {}),
  });
  const nab = values['no-nab'] ? null : await nabCycles(values.config);
  console.log(JSON.stringify({ ...result, ...(nab ? { nabCycles: nab } : {}) }, null, 2));
}

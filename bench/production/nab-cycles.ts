/**
 * NAB series that follow the day (issue 10), replayed as telemetry through `firebreak detect
 * --input` with default monitors: each row becomes one metric event
 * (`{"system":"nab-nyc-taxi","kind":"metric","metric":"value",…}`). A check against tuning to
 * our own generator alone: real daily cycles, someone else's labels. Reports, per series, the
 * alerts outside NAB's labelled anomaly windows (per day outside them) and which windows got an
 * alert. The anomaly-free artificial daily series count every alert as false.
 *
 * Run: npx tsx bench/production/nab-cycles.ts [--config firebreak.yaml]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { detect } from './detect-cli';
import { parseAlerts } from './score';

const ROOT = fileURLToPath(new URL('../../../shared/bench-data/nab/', import.meta.url));
const DAY = 86_400_000;

/** NAB files with a daily cycle, and the system name each replays as. */
export const CYCLE_SERIES: Array<[file: string, system: string]> = [
  ['realKnownCause/nyc_taxi.csv', 'nab-nyc-taxi'],
  ['realKnownCause/machine_temperature_system_failure.csv', 'nab-machine-temperature'],
  ['artificialNoAnomaly/art_daily_small_noise.csv', 'nab-art-daily-small-noise'],
  ['artificialNoAnomaly/art_daily_no_noise.csv', 'nab-art-daily-no-noise'],
];

const parseTime = (t: string) => Date.parse(`${t.slice(0, 19).replace(' ', 'T')}Z`);

/** One NAB CSV as metric events, in NDJSON. */
export function toTelemetry(csv: string, system: string): { ndjson: string; first: number; last: number } {
  const rows = csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
  const lines = rows.map(([t, v]) =>
    JSON.stringify({
      system,
      ts: new Date(parseTime(t!)).toISOString(),
      kind: 'metric',
      metric: 'value',
      value: Number(v),
    }),
  );
  return { ndjson: `${lines.join('\n')}\n`, first: parseTime(rows[0]![0]!), last: parseTime(rows.at(-1)![0]!) };
}

/** Replays every series through the CLI and reports false alerts and windows hit. */
export async function nabCycles(config?: string) {
  const labels = JSON.parse(readFileSync(join(ROOT, 'labels/combined_windows.json'), 'utf8')) as Record<
    string,
    Array<[string, string]>
  >;
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-nab-cycles-'));
  try {
    const series = [];
    for (const [file, system] of CYCLE_SERIES) {
      const { ndjson, first, last } = toTelemetry(readFileSync(join(ROOT, 'data', file), 'utf8'), system);
      const input = join(dir, `${system}.ndjson`);
      const out = join(dir, `${system}.alerts.ndjson`);
      writeFileSync(input, ndjson);
      await detect(input, out, config);
      const alerts = parseAlerts(readFileSync(out, 'utf8'));
      const windows = (labels[file] ?? []).map(([a, b]) => [parseTime(a), parseTime(b)] as const);
      const inWindow = (ms: number) => windows.some(([a, b]) => ms >= a && ms <= b);
      const outside = alerts.filter((a) => !inWindow(Date.parse(a.at)));
      const pages = outside.filter((a) => a.level === 'page' || a.transition === 'escalated').length;
      const windowDays = windows.reduce((sum, [a, b]) => sum + Math.min(b, last) - Math.max(a, first), 0) / DAY;
      const cleanDays = (last - first) / DAY - windowDays;
      series.push({
        file,
        system,
        days: Number(((last - first) / DAY).toFixed(1)),
        alerts: alerts.length,
        falsePages: pages,
        falseWarnings: outside.length - pages,
        falsePerCleanDay: Number((outside.length / cleanDays).toFixed(2)),
        falsePagesPerCleanDay: Number((pages / cleanDays).toFixed(2)),
        windowsWithAnAlert: `${windows.filter(([a, b]) => alerts.some((x) => Date.parse(x.at) >= a && Date.parse(x.at) <= b)).length} of ${windows.length}`,
      });
    }
    return { config: config ?? null, series };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { config: { type: 'string' } } });
  console.log(JSON.stringify({ bench: 'nab-cycles', ...(await nabCycles(values.config)) }, null, 2));
}

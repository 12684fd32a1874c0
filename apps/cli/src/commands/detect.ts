import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import {
  DEFAULT_SERIES_DETECTOR,
  runSeries,
  SERIES_DETECTOR_NAMES,
  type SeriesDetectorName,
} from '@firebreak/detection';
import type { Command } from 'commander';
import { requireConfig } from '../config';
import { CliError, UsageError } from '../errors';
import type { CliIo } from '../io';
import { replay } from '../replay';
import * as parse from '../validate';

interface DetectOptions {
  config?: string;
  input?: string;
  series?: string;
  detector: SeriesDetectorName;
}

/** `firebreak detect`: replays a telemetry file through the monitors and rules, printing alerts as NDJSON. */
export function registerDetect(program: Command, io: CliIo): void {
  program
    .command('detect')
    .description('Replay telemetry through the monitors and triage rules, offline; print alerts as NDJSON')
    .option('-c, --config <file>', 'firebreak.yaml with systems, monitors and rules (default monitors without it)')
    .option('-i, --input <file>', 'telemetry as NDJSON, one event per line ("-" for stdin)')
    .option(
      '--series <file>',
      'instead: one timestamp,value CSV series; prints timestamp,value,anomaly_score per row (the NAB format)',
    )
    .option(
      '--detector <name>',
      `detector for --series: ${SERIES_DETECTOR_NAMES.join(', ')}`,
      parse.oneOf(SERIES_DETECTOR_NAMES),
      DEFAULT_SERIES_DETECTOR,
    )
    .addHelpText(
      'after',
      `
Runs on the simulated clock of the events' own timestamps, with the same engine the server
runs, so a file replays in seconds what took days. Systems without monitors in the config
(or with no config) are watched with default monitors on every standard signal.

Each alert line has at least: system, monitor, signal, level (warn|page), at, onset, value,
threshold; plus owner, runbook, score, evidence, and "triage" when a rule would take it.
Invalid lines are reported on stderr with their line number and field, and skipped.

With --series, the default detector is "novelty_resonance", the one docs/benchmarks.md scores
on NAB: it learns from the first 15% of the rows (at most 750), scoring them 0, then fuses two
views: how new each value's sequence is, judged against the series' own history ("novelty",
also available alone), and whether the shape of the last few dozen rows fits any shape it
remembers ("resonance"); 0.5 and above is a page. windowed_gaussian is NAB's own baseline;
shewhart, ewma and cusum are the control charts.

Examples:
  $ firebreak detect --config firebreak.yaml --input telemetry.ndjson
  $ firebreak detect --input telemetry.ndjson | jq 'select(.level == "page")'
  $ zcat day.ndjson.gz | firebreak detect -c firebreak.yaml -i -
  $ firebreak detect --series nyc_taxi.csv > scores.csv
  $ firebreak detect --series nyc_taxi.csv --detector ewma`,
    )
    .action(async (options: DetectOptions) => {
      if (options.series) return scoreCsv(io, options.series, options.detector);
      if (!options.input)
        throw new UsageError('--input is required: a telemetry NDJSON file, or - for stdin (or --series file.csv)');
      const config = options.config ? await requireConfig(options.config) : undefined;
      const source = options.input === '-' ? process.stdin : createReadStream(options.input, 'utf8');
      const opened = new Promise<void>((resolve, reject) => {
        source.once('error', reject);
        source.once('readable', resolve);
        source.once('end', resolve);
      });
      try {
        await opened;
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
        throw new CliError(`cannot read ${options.input}: ${reason}`, { exitCode: 2 });
      }
      const name = options.input === '-' ? 'stdin' : options.input;
      const counts = await replay(config, createInterface({ input: source, crlfDelay: Infinity }), {
        alert: (alert) => io.out(`${JSON.stringify(alert)}\n`),
        reject: ({ line, issues }) =>
          io.err(`${name}:${line}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}\n`),
      });
      io.err(`${counts.events} events replayed, ${counts.rejected} rejected, ${counts.alerts} alerts\n`);
      if (counts.events === 0) throw new CliError(`no valid events in ${name}`, { exitCode: 2 });
    });
}

/** `--series`: a timestamp,value CSV scored row by row. */
async function scoreCsv(io: CliIo, file: string, detector: DetectOptions['detector']): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new CliError(`cannot read ${file}: ${reason}`, { exitCode: 2 });
  }
  const points: Array<{ timestamp: string; value: number }> = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '' || (index === 0 && /[a-z]/i.test(line.split(',')[1] ?? ''))) return;
    const [timestamp, raw] = line.split(',');
    const value = Number(raw);
    if (!timestamp || raw === undefined || raw.trim() === '' || !Number.isFinite(value)) {
      throw new CliError(`${file}:${index + 1}: expected timestamp,value with a number, got "${line.slice(0, 80)}"`, {
        exitCode: 2,
      });
    }
    points.push({ timestamp, value });
  });
  if (points.length === 0) throw new CliError(`${file} has no rows`, { exitCode: 2 });
  io.out('timestamp,value,anomaly_score\n');
  for (const point of runSeries(points, detector))
    io.out(`${point.timestamp},${point.value},${point.score.toFixed(6)}\n`);
}

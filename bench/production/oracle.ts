/**
 * How detectable each injected failure of the production suite is at all (those whose main
 * signal is a harm-flag or feedback rate held to the budget, or a group's selection rate),
 * within its deadline and the default false-alarm budget: an oracle that knows which signal and
 * which segment the failure moves, and what that rate was at the same hours on the clean days,
 * tests the deadline's events with one exact binomial test (for a selection rate, the group's
 * share of the rarer outcome, in the direction it moved). No detector that must also watch
 * every other signal and segment can do better; if even the oracle's p-value is above what the
 * budget allows for the looks it takes, the failure is beyond any detector at that budget in
 * that time.
 *
 * Run: npx tsx bench/production/oracle.ts --dir DIR   (DIR holds telemetry.ndjson and manifest.json)
 * Prints JSON: per failure, the oracle's counts, p-value and the level the budget allows.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { stats } from '@firebreak/detection';
import type { Manifest } from './model';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WINDOW = 5 * 60_000;
const ZERO_TOLERANCE = new Set(['flag:pii', 'flag:secret']);

interface Event {
  system: string;
  ts: string;
  kind?: string;
  flags?: Record<string, boolean>;
  feedback?: number;
  prediction?: string | number;
  segment?: Record<string, string>;
}

/**
 * A signal's reading of an event, as the engine reads it (signals.ts): whether a rate signal
 * hit, or the outcome a selection signal counts; undefined: not applicable.
 */
function reading(signal: string, event: Event): boolean | string | undefined {
  if (event.kind === 'label' || event.kind === 'metric') return undefined;
  if (signal.startsWith('flag:')) return event.flags?.[signal.slice(5)] === true;
  if (signal === 'feedback:negative') return event.feedback === undefined ? undefined : event.feedback < 0;
  if (signal.startsWith('selection:') && typeof event.prediction === 'string') return event.prediction;
  return undefined;
}

/** Counts of a signal's readings: true/false for a rate, one per outcome for a selection. */
type Tally = Record<string, number>;

function add(tally: Tally, value: boolean | string): void {
  const key = String(value);
  tally[key] = (tally[key] ?? 0) + 1;
}

/**
 * The hits the oracle tests, from its tallies: a rate's `true`; for a selection, the outcome the
 * clean days gave least often (the favourable one, as the fairness detector picks it).
 */
function hitKey(signal: string, baseline: Tally): string {
  if (!signal.startsWith('selection:')) return 'true';
  const outcomes = Object.entries(baseline).sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  return outcomes[0]?.[0] ?? 'true';
}

const total = (tally: Tally) => Object.values(tally).reduce((a, b) => a + b, 0);

export interface OracleRow {
  id: string;
  signal: string;
  segment?: Record<string, string>;
  /** Hits (for a selection, the favourable outcome) and trials within the deadline, and the clean days' rate at the same time of day. */
  hits: number;
  trials: number;
  baselineRate: number;
  pValue: number;
  /** What a page may spend over the deadline's windows at the default budget, for a system of `series` series. */
  pageAlpha: number;
  detectable: boolean;
}

/**
 * The oracle per failure with a rate signal. `series`: how many equally weighted series the
 * budget is split over (the suite's systems have about 20).
 */
export async function oracle(dir: string, series = 20): Promise<OracleRow[]> {
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const start = Date.parse(manifest.start);
  const cleanEnd = start + manifest.cleanDays * DAY;
  const targets = manifest.failures.flatMap((failure) => {
    // The failure's main signal, when it is a rate held to the budget: zero-tolerance flags
    // (pii, secret) spend none, and metrics are not counts.
    const signal = failure.signals[0];
    const counted = signal?.startsWith('flag:') || signal === 'feedback:negative' || signal?.startsWith('selection:');
    if (!signal || !counted || ZERO_TOLERANCE.has(signal) || failure.shape !== 'abrupt') return [];
    const onset = Date.parse(failure.onset);
    const until = onset + failure.deadlineMinutes * 60_000;
    const ofDay = [onset % DAY, until % DAY] as const;
    return [{ failure, signal, onset, until, ofDay, seen: {} as Tally, base: {} as Tally }];
  });
  const lines = createInterface({ input: createReadStream(join(dir, 'telemetry.ndjson')), crlfDelay: Infinity });
  for await (const line of lines) {
    const event = JSON.parse(line) as Event;
    const at = Date.parse(event.ts);
    for (const t of targets) {
      if (event.system !== t.failure.system) continue;
      if (t.failure.segment && !Object.entries(t.failure.segment).every(([k, v]) => event.segment?.[k] === v)) continue;
      const value = reading(t.signal, event);
      if (value === undefined) continue;
      if (at >= t.onset && at < t.until) add(t.seen, value);
      else if (at < cleanEnd && at % DAY >= t.ofDay[0] && at % DAY < t.ofDay[1]) add(t.base, value);
    }
  }
  const perWindowPage = WINDOW / (30 * DAY) / series;
  return targets.map((t) => {
    const key = hitKey(t.signal, t.base);
    const hits = t.seen[key] ?? 0;
    const trials = total(t.seen);
    const baselineRate = ((t.base[key] ?? 0) + 0.5) / (total(t.base) + 1);
    // A rate is tested upward (harm rose); a selection rate in the direction it moved.
    const down = t.signal.startsWith('selection:') && hits < trials * baselineRate;
    const pValue =
      trials === 0
        ? 1
        : down
          ? stats.binomialCdf(hits, trials, baselineRate)
          : stats.binomialSf(hits - 1, trials, baselineRate);
    const looks = t.failure.deadlineMinutes / 5;
    const pageAlpha = perWindowPage * looks;
    return {
      id: t.failure.id,
      signal: t.signal,
      ...(t.failure.segment ? { segment: t.failure.segment } : {}),
      hits,
      trials,
      baselineRate,
      pValue,
      pageAlpha,
      detectable: pValue < pageAlpha,
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, series: { type: 'string', default: '20' } } });
  if (!values.dir) {
    console.error('usage: npx tsx bench/production/oracle.ts --dir DIR [--series 20]');
    process.exit(2);
  }
  console.log(
    JSON.stringify({ bench: 'production-oracle', rows: await oracle(values.dir, Number(values.series)) }, null, 1),
  );
}

import type { TelemetryEvent } from './event';
import { parseSignal, type SignalReader, signalReader } from './signals';

/** What one window of one signal adds up to; plain data, part of the engine's snapshot. */
export type Aggregate =
  | {
      kind: 'rate';
      hits: number;
      trials: number;
      sampleIds: string[];
      /** Per minute of the window, [hits, trials] flattened: where in the window a change began. */
      minutes?: number[];
      /** Hits per segment key and value (at most 16 values a key): the segment a hit names. */
      hitSegments?: Record<string, Record<string, number>>;
    }
  | {
      kind: 'numeric';
      count: number;
      sum: number;
      sumSquares: number;
      values: number[];
      sampleIds: string[];
      /** Per minute of the window, [sum, count] flattened. */
      minutes?: number[];
    }
  | { kind: 'categorical'; total: number; counts: Record<string, number>; values: number[]; sampleIds: string[] }
  | { kind: 'selection'; groups: Record<string, Record<string, number>>; sampleIds: string[] };

/** Values kept per window for distribution tests; the first ones seen, so replays are exact. */
export const MAX_WINDOW_VALUES = 5000;
const MAX_SAMPLE_IDS = 5;

export function emptyAggregate(signal: string): Aggregate {
  switch (parseSignal(signal).kind) {
    case 'rate':
      return { kind: 'rate', hits: 0, trials: 0, sampleIds: [] };
    case 'numeric':
      return { kind: 'numeric', count: 0, sum: 0, sumSquares: 0, values: [], sampleIds: [] };
    case 'categorical':
      return { kind: 'categorical', total: 0, counts: {}, values: [], sampleIds: [] };
    case 'selection':
      return { kind: 'selection', groups: {}, sampleIds: [] };
  }
}

function sample(ids: string[], id: string | undefined): void {
  if (id !== undefined && ids.length < MAX_SAMPLE_IDS) ids.push(id);
}

/**
 * Folds one event into a window aggregate (mutating it: the engine owns the aggregate).
 * Returns false when the event says nothing about this signal.
 */
export function addEvent(
  aggregate: Aggregate,
  signal: string,
  event: TelemetryEvent,
  context: { correct?: boolean; minute?: number } = {},
): boolean {
  return addReading(aggregate, signalReader(signal), event, context.correct, context.minute);
}

/**
 * `addEvent` with the signal's reader compiled beforehand and the context as arguments: the
 * engine calls it for every event and monitor, so it allocates nothing of its own.
 */
export function addReading(
  aggregate: Aggregate,
  reader: SignalReader,
  event: TelemetryEvent,
  correct: boolean | undefined,
  minute: number | undefined,
): boolean {
  switch (aggregate.kind) {
    case 'rate': {
      const hit = reader.rate(event, correct);
      if (hit === undefined) return false;
      aggregate.trials += 1;
      if (minute !== undefined) addMinute(aggregate, minute, hit ? 1 : 0);
      if (hit) {
        aggregate.hits += 1;
        sample(aggregate.sampleIds, event.id);
        if (event.segment) countSegments(aggregate, event.segment);
      }
      return true;
    }
    case 'numeric': {
      const value = reader.value(event);
      if (typeof value !== 'number') return false;
      aggregate.count += 1;
      aggregate.sum += value;
      aggregate.sumSquares += value * value;
      if (minute !== undefined) addMinute(aggregate, minute, value);
      if (aggregate.values.length < MAX_WINDOW_VALUES) aggregate.values.push(value);
      sample(aggregate.sampleIds, event.id);
      return true;
    }
    case 'categorical': {
      const value = reader.value(event);
      if (value === undefined) return false;
      aggregate.total += 1;
      // Numbers (a numeric feature, a score as prediction) are kept as values to bin, not counted one by one.
      if (typeof value === 'number') {
        if (aggregate.values.length < MAX_WINDOW_VALUES) aggregate.values.push(value);
      } else {
        aggregate.counts[value] = (aggregate.counts[value] ?? 0) + 1;
      }
      sample(aggregate.sampleIds, event.id);
      return true;
    }
    case 'selection': {
      const group = event.segment?.[reader.group];
      if (group === undefined || event.prediction === undefined || event.kind === 'label' || event.kind === 'metric')
        return false;
      const outcomes = (aggregate.groups[group] ??= {});
      const outcome = String(event.prediction);
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      sample(aggregate.sampleIds, event.id);
      return true;
    }
  }
}

/** Adds to a minute's [numerator, denominator]. */
function addMinute(aggregate: { minutes?: number[] }, minute: number, numerator: number): void {
  const minutes = (aggregate.minutes ??= []);
  while (minutes.length < 2 * (minute + 1)) minutes.push(0);
  minutes[2 * minute] = minutes[2 * minute]! + numerator;
  minutes[2 * minute + 1] = minutes[2 * minute + 1]! + 1;
}

const SEGMENT_VALUES_PER_HIT_KEY = 16;

function countSegments(
  aggregate: { hitSegments?: Record<string, Record<string, number>> },
  segment: Record<string, string>,
): void {
  const all = (aggregate.hitSegments ??= {});
  for (const key in segment) {
    const value = segment[key]!;
    const values = (all[key] ??= {});
    if (values[value] !== undefined) values[value] += 1;
    else if (Object.keys(values).length < SEGMENT_VALUES_PER_HIT_KEY) values[value] = 1;
  }
}

/** The one number a window shows on a chart: a rate, a mean, or how many events it holds. */
export function headline(aggregate: Aggregate): number {
  switch (aggregate.kind) {
    case 'rate':
      return aggregate.trials === 0 ? 0 : aggregate.hits / aggregate.trials;
    case 'numeric':
      return aggregate.count === 0 ? 0 : aggregate.sum / aggregate.count;
    case 'categorical':
      return aggregate.total;
    case 'selection':
      return Object.values(aggregate.groups).reduce(
        (sum, outcomes) => sum + Object.values(outcomes).reduce((a, b) => a + b, 0),
        0,
      );
  }
}

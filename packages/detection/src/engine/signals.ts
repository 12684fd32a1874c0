import type { TelemetryEvent } from './event';

/**
 * What a monitor watches, as a string in firebreak.yaml:
 * - `flag:<name>`: share of events with that harm flag (pii, secret, policy_violation, refusal, injection_suspected…)
 * - `feedback:negative`: share of events with negative feedback
 * - `error_rate`: share of labelled predictions that were wrong (labels join predictions by id)
 * - `error`: share of events the app marked as errors
 * - `confidence`, `latency_ms`: numeric, per event
 * - `prediction`: the output, as a class (categorical) or a number
 * - `feature:<name>`: one input feature, numeric or categorical
 * - `metric:<name>`: a pre-aggregated metric series (kind: metric)
 * - `selection:<segment key>`: share of positive outcomes per value of a segment key (fairness)
 */
export type SignalKind = 'rate' | 'numeric' | 'categorical' | 'selection';

export interface Signal {
  name: string;
  kind: SignalKind;
}

const NUMERIC = new Set(['confidence', 'latency_ms']);

export function parseSignal(name: string): Signal {
  if (/^flag:[\w.:-]+$/.test(name) || name === 'feedback:negative' || name === 'error_rate' || name === 'error')
    return { name, kind: 'rate' };
  if (NUMERIC.has(name) || /^metric:[\w.:-]+$/.test(name)) return { name, kind: 'numeric' };
  if (name === 'prediction' || /^feature:[\w.:-]+$/.test(name)) return { name, kind: 'categorical' };
  if (/^selection:[\w.:-]+$/.test(name)) return { name, kind: 'selection' };
  throw new Error(`unknown signal "${name}"`);
}

/** A rate signal's reading of one event: true (hit), false (miss) or undefined (not applicable). */
export function rateOf(signal: string, event: TelemetryEvent, labelled?: { correct: boolean }): boolean | undefined {
  if (signal.startsWith('flag:')) {
    if (event.kind === 'label' || event.kind === 'metric') return undefined;
    return event.flags?.[signal.slice(5)] === true;
  }
  if (signal === 'feedback:negative') return event.feedback === undefined ? undefined : event.feedback < 0;
  if (signal === 'error') return event.error;
  if (signal === 'error_rate') return labelled ? !labelled.correct : undefined;
  return undefined;
}

/** A numeric or categorical signal's reading of one event, or undefined when it has none. */
export function signalValue(signal: string, event: TelemetryEvent): number | string | undefined {
  if (event.kind === 'metric') return signal === `metric:${event.metric}` ? event.value : undefined;
  if (event.kind === 'label') return undefined;
  if (signal === 'confidence') return event.confidence;
  if (signal === 'latency_ms') return event.latency_ms;
  if (signal === 'prediction')
    return typeof event.prediction === 'boolean' ? String(event.prediction) : event.prediction;
  if (signal.startsWith('feature:')) {
    const value = event.features?.[signal.slice(8)];
    if (value === null || value === undefined) return undefined;
    return typeof value === 'boolean' ? String(value) : value;
  }
  return undefined;
}

/**
 * One signal's readings, compiled once from its name: what `rateOf` and `signalValue` say for
 * that signal, without parsing the name again for every event of every monitor (the engine's
 * hot path). `rate` answers for rate signals (`correct` is the label join's verdict, when the
 * event is a joined label); `value` for numeric and categorical ones; `group` is the segment key
 * of a `selection:` signal.
 */
export interface SignalReader {
  rate: (event: TelemetryEvent, correct: boolean | undefined) => boolean | undefined;
  value: (event: TelemetryEvent) => number | string | undefined;
  group: string;
}

const none = () => undefined;

export function signalReader(signal: string): SignalReader {
  return { rate: rateReader(signal), value: valueReader(signal), group: signal.slice('selection:'.length) };
}

function rateReader(signal: string): SignalReader['rate'] {
  if (signal.startsWith('flag:')) {
    const flag = signal.slice(5);
    return (event) => (event.kind === 'label' || event.kind === 'metric' ? undefined : event.flags?.[flag] === true);
  }
  if (signal === 'feedback:negative') return (event) => (event.feedback === undefined ? undefined : event.feedback < 0);
  if (signal === 'error') return (event) => event.error;
  if (signal === 'error_rate') return (_event, correct) => (correct === undefined ? undefined : !correct);
  return none;
}

function valueReader(signal: string): SignalReader['value'] {
  if (signal.startsWith('metric:')) {
    // `metric:${event.metric}` compared without building it: String() leaves a string as it is.
    const name = signal.slice(7);
    return (event) => (event.kind === 'metric' && String(event.metric) === name ? event.value : undefined);
  }
  const read = fieldReader(signal);
  return (event) => (event.kind === 'metric' || event.kind === 'label' ? undefined : read(event));
}

/** The field of a prediction or generation that a signal reads (as `signalValue` does). */
function fieldReader(signal: string): (event: TelemetryEvent) => number | string | undefined {
  if (signal === 'confidence') return (event) => event.confidence;
  if (signal === 'latency_ms') return (event) => event.latency_ms;
  if (signal === 'prediction')
    return (event) => (typeof event.prediction === 'boolean' ? String(event.prediction) : event.prediction);
  if (signal.startsWith('feature:')) {
    const name = signal.slice(8);
    return (event) => {
      const value = event.features?.[name];
      if (value === null || value === undefined) return undefined;
      return typeof value === 'boolean' ? String(value) : value;
    };
  }
  return none;
}

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

/**
 * The parts of a telemetry event (the wire contract, docs/architecture.md) that detection reads. The
 * contract package validates events at the edge; detection takes them already valid.
 */
export interface TelemetryEvent {
  system: string;
  ts: string;
  id?: string;
  kind?: 'prediction' | 'generation' | 'label' | 'metric' | 'evaluation';
  model?: string;
  prompt?: string;
  policy?: string;
  segment?: Record<string, string>;
  features?: Record<string, number | string | boolean | null>;
  prediction?: string | number | boolean;
  confidence?: number;
  flags?: Record<string, boolean>;
  latency_ms?: number;
  error?: boolean;
  feedback?: number;
  label?: string | number | boolean;
  metric?: string;
  value?: number;
  /** A route's shadow version served it on a copy of a request; no user saw it (monitors skip it). */
  shadow?: boolean;
}

import type { TelemetryEvent } from './event';
import { parseSignal } from './signals';

export const DETECTORS = [
  'zero_tolerance',
  'rate',
  'seasonal',
  'shewhart',
  'ewma',
  'cusum',
  'drift',
  'fairness',
] as const;
export type DetectorName = (typeof DETECTORS)[number];

/** A detector bound to one signal of one system, with an owner (docs/glossary.md: Monitor). */
export interface MonitorSpec {
  id: string;
  system: string;
  signal: string;
  detector: DetectorName;
  /** Detector parameters (thresholds, budgets); each detector documents its own. */
  params: Record<string, number | string | boolean>;
  /** Window length in milliseconds: events are aggregated per window of event time. */
  windowMs: number;
  /** Windows that form the reference period before the detector judges anything. */
  baselineWindows: number;
  /** One series per value of this segment key (region, language…), when set. */
  segmentBy?: string;
  owner: string;
  runbook?: string;
  /** True for monitors Firebreak chose because none were configured. */
  default?: boolean;
}

export const DEFAULT_WINDOW_MS = 5 * 60_000;
export const DEFAULT_BASELINE_WINDOWS = 12;
const ZERO_TOLERANCE_FLAGS = new Set(['pii', 'secret']);

/** The detector that suits a signal when the configuration names none. */
export function defaultDetector(signal: string): DetectorName {
  const { kind } = parseSignal(signal);
  if (signal.startsWith('flag:') && ZERO_TOLERANCE_FLAGS.has(signal.slice(5))) return 'zero_tolerance';
  if (kind === 'rate' || kind === 'numeric') return 'seasonal';
  if (kind === 'selection') return 'fairness';
  return 'drift';
}

/**
 * Whether a metric measures demand (requests, traffic, sessions, tokens or calls per unit of
 * time): it follows the users' week as much as their day, so only its collapse is an incident.
 */
export function isVolume(signal: string): boolean {
  if (!signal.startsWith('metric:')) return false;
  return /(request|traffic|qps|rps|volume|sessions|users|calls|throughput|tokens_per|per_min|per_s(ec)?$)/.test(
    signal.slice('metric:'.length).toLowerCase(),
  );
}

/**
 * Which way a default monitor of a number or rate alerts (ADR 21): harm rates and latency
 * upward, confidence downward; a metric series by what its name says it measures (a lag, a
 * memory or an error count upward; a hit rate, a success or throughput downward; traffic
 * downward, since a surge after a campaign is not an incident but silence is), and both ways
 * when the name says nothing.
 */
export function defaultDirection(signal: string): 'up' | 'down' | 'both' {
  const { kind } = parseSignal(signal);
  if (kind === 'rate' || signal === 'latency_ms') return 'up';
  if (signal === 'confidence') return 'down';
  if (!signal.startsWith('metric:')) return 'both';
  const name = signal.slice('metric:'.length).toLowerCase();
  if (isVolume(signal)) return 'down';
  if (/(hit|success|accuracy|recall|precision|availability|uptime|score|ground)/.test(name)) return 'down';
  if (
    /(latency|duration|time|lag|delay|memory|mem|cpu|gpu|queue|backlog|error|fail|timeout|retr|cost|drop|reject|oom)/.test(
      name,
    )
  )
    return 'up';
  return 'both';
}

/**
 * The standard signals one event carries, which default monitors watch: every harm flag,
 * negative feedback, app errors, error rate once labels arrive, confidence, latency, output
 * class, every feature, every metric series, and selection rate across each segment key.
 */
export function signalsIn(event: TelemetryEvent): string[] {
  if (event.kind === 'metric') return event.metric ? [`metric:${event.metric}`] : [];
  if (event.kind === 'label') return ['error_rate'];
  const signals: string[] = [];
  for (const flag of Object.keys(event.flags ?? {})) signals.push(`flag:${flag}`);
  if (event.feedback !== undefined) signals.push('feedback:negative');
  if (event.error !== undefined) signals.push('error');
  if (event.confidence !== undefined) signals.push('confidence');
  if (event.latency_ms !== undefined) signals.push('latency_ms');
  if (event.prediction !== undefined) signals.push('prediction');
  for (const feature of Object.keys(event.features ?? {})) signals.push(`feature:${feature}`);
  if (event.prediction !== undefined && typeof event.prediction !== 'number') {
    for (const key of Object.keys(event.segment ?? {})) signals.push(`selection:${key}`);
  }
  return signals;
}

/** A default monitor for one signal of a system. */
export function defaultMonitor(system: string, signal: string, owner: string, runbook?: string): MonitorSpec {
  const detector = defaultDetector(signal);
  return {
    id: `default:${signal}`,
    system,
    signal,
    detector,
    params:
      detector === 'seasonal'
        ? {
            direction: defaultDirection(signal),
            // Demand halves on a weekend or a holiday; a collapse to a third is the incident.
            ...(isVolume(signal) ? { pageEffect: 0.65, warnEffect: 0.5 } : {}),
          }
        : detector === 'drift'
          ? { seasonal: true }
          : {},
    windowMs: DEFAULT_WINDOW_MS,
    baselineWindows: detector === 'zero_tolerance' ? 0 : DEFAULT_BASELINE_WINDOWS,
    owner,
    ...(runbook ? { runbook } : {}),
    default: true,
  };
}

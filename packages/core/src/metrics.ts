import type { Status } from './lifecycle';

/** The minimal view of a timeline entry that response metrics are derived from. */
export interface MetricEvent {
  at: string;
  kind: string;
  payload: unknown;
}

export interface ResponseMetrics {
  onsetAt: string | null;
  detectedAt: string | null;
  declaredAt: string | null;
  acknowledgedAt: string | null;
  /** When the tech lead marked the cause identified (`cause_isolated`); the last mark counts. */
  isolatedAt: string | null;
  containedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  /** Seconds from onset to detection; null while the onset is unknown. */
  timeToDetect: number | null;
  /** Seconds from detection to the first acknowledgement. */
  timeToAcknowledge: number | null;
  /** Seconds from detection to the cause being identified. */
  timeToIsolate: number | null;
  /** Seconds from detection to effective containment (containment that was not undone). */
  timeToContain: number | null;
  /** Seconds from detection to resolution (the last one, if the incident was reopened). */
  timeToResolve: number | null;
}

const CONTAINED: readonly Status[] = ['contained', 'recovering', 'resolved', 'closed'];

function field(payload: unknown, name: string): string | undefined {
  if (payload === null || typeof payload !== 'object') return undefined;
  const value = (payload as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

function seconds(from: string | null, to: string | null): number | null {
  if (from === null || to === null) return null;
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
}

/**
 * Derives an incident's response times from its timeline, so they are never typed in.
 * Containment that is undone (contained → active) and resolution that is reopened do not count:
 * the clock runs until the incident was contained or resolved for good.
 */
export function deriveResponseMetrics(events: readonly MetricEvent[]): ResponseMetrics {
  let onsetAt: string | null = null;
  let detectedAt: string | null = null;
  let declaredAt: string | null = null;
  let acknowledgedAt: string | null = null;
  let isolatedAt: string | null = null;
  let containedAt: string | null = null;
  let resolvedAt: string | null = null;
  let closedAt: string | null = null;

  for (const event of events) {
    switch (event.kind) {
      case 'declared':
        declaredAt = event.at;
        detectedAt = field(event.payload, 'detectedAt') ?? event.at;
        onsetAt = field(event.payload, 'onsetAt') ?? null;
        break;
      case 'onset_estimated':
        onsetAt = field(event.payload, 'onsetAt') ?? onsetAt;
        break;
      case 'acknowledged':
        acknowledgedAt ??= event.at;
        break;
      case 'cause_isolated':
        isolatedAt = field(event.payload, 'isolatedAt') ?? event.at;
        break;
      case 'status_changed': {
        const to = field(event.payload, 'to') as Status | undefined;
        if (to === undefined) break;
        if (CONTAINED.includes(to)) containedAt ??= event.at;
        else containedAt = null;
        if (to === 'resolved' || to === 'closed') resolvedAt ??= event.at;
        else resolvedAt = null;
        if (to === 'closed') closedAt ??= event.at;
        else closedAt = null;
        break;
      }
      default:
        break;
    }
  }

  return {
    onsetAt,
    detectedAt,
    declaredAt,
    acknowledgedAt,
    isolatedAt,
    containedAt,
    resolvedAt,
    closedAt,
    timeToDetect: seconds(onsetAt, detectedAt),
    timeToAcknowledge: seconds(detectedAt, acknowledgedAt),
    timeToIsolate: seconds(detectedAt, isolatedAt),
    timeToContain: seconds(detectedAt, containedAt),
    timeToResolve: seconds(detectedAt, resolvedAt),
  };
}

import type { IntegrationMapping } from '@firebreak/contract';
import { describeIssues, toFieldIssues, type z } from '@firebreak/contract';
import { DomainError } from '@firebreak/core';

/**
 * One alert as a source said it, before Firebreak's mapping: the common shape every format is
 * read into (docs/integrations.md).
 */
export interface ExternalAlert {
  /** Where it sits in the request, for errors: `alerts[2]`, `[0]` (a CloudEvents batch), `` (one event). */
  path: string;
  /** Where its labels came from, so a missing system label is named where the sender can fix it. */
  labelsPath: string;
  /** The source's own key for it: Alertmanager's fingerprint, PagerDuty's dedup_key, CloudEvents source and id. */
  sourceFingerprint: string;
  status: 'firing' | 'resolved' | 'acknowledged';
  /**
   * `episode`: one alert per fingerprint and start (Alertmanager, Grafana). `open`: while an alert
   * of this fingerprint fires, the source is speaking of that one (PagerDuty, CloudEvents).
   */
  dedupe: 'episode' | 'open';
  /** When it began by the source's clock; null: when Firebreak receives it. */
  startsAt: Date | null;
  /** When it ended by the source's clock (a resolve); null: not said. */
  endsAt: Date | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  summary: string | null;
  /** A measured value the source sent (Grafana's `values`), if any. */
  value: number | null;
  /** Links and fields kept as evidence (generatorURL, dashboardURL, groupKey…). */
  details: Record<string, unknown>;
}

/** A request read into alerts. */
export interface Normalized {
  alerts: ExternalAlert[];
  /** Alerts the source said it left out (Alertmanager's `max_alerts`). */
  truncatedAlerts: number;
  warnings: string[];
}

/** What a request of a format carries besides its body (CloudEvents binary mode reads headers). */
export interface FormatInput {
  body: unknown;
  headers: Record<string, string>;
  mapping: IntegrationMapping;
  /** Put before every field path in errors (`payload.` in the replay console). */
  prefix: string;
}

/** A format whose requests become Firebreak alerts. */
export interface AlertFormat {
  produces: 'alerts';
  normalize(input: FormatInput): Normalized;
}

/** A telemetry event a telemetry format maps to, as the ingest contract has it. */
export type MappedEvent = Record<string, unknown>;

/**
 * A format whose requests become telemetry events (OTLP/HTTP JSON is the first one planned): a
 * pure mapper that returns the events and, per refused item, its path and why.
 */
export interface EventFormat {
  produces: 'events';
  map(input: FormatInput): {
    events: MappedEvent[];
    rejected: Array<{ path: string; message: string }>;
    warnings?: string[];
  };
}

/** Parses with a contract schema; a failure names every wrong field, under `prefix`. */
export function parsePayload<T extends z.ZodType>(schema: T, body: unknown, prefix: string): z.infer<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw fieldErrors(toFieldIssues(result.error, '').map((issue) => ({ ...issue, path: join(prefix, issue.path) })));
}

/** A validation error naming each field. */
export function fieldErrors(issues: Array<{ path: string; message: string }>): DomainError {
  return new DomainError('validation_failed', describeIssues(issues), { details: { issues } });
}

function join(prefix: string, path: string): string {
  if (path === '(root)') return prefix ? prefix.replace(/\.$/, '') : '(body)';
  return path.startsWith('[') ? prefix.replace(/\.$/, '') + path : prefix + path;
}

/** Alertmanager writes `0001-01-01T00:00:00Z` for "no end yet"; anything before 1971 is read as that. */
export function realTime(iso: string | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return date.getUTCFullYear() < 1971 ? null : date;
}

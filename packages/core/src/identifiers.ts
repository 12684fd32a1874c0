/**
 * Identifier shapes and enumerations the wire contract validates with zod and the CLI checks
 * before calling the server. They live here, free of zod, so a CLI command can check an argument
 * without loading the schema library (ADR 12: start-up time); contract builds its schemas from
 * them, and contract's tests check that the two agree.
 */

/** AI system ids are slugs: lower-case letters, digits, `-`, `_` and `.`. */
export const SYSTEM_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,62}$/;

/** A monitored signal: a harm flag, feedback, errors, confidence, latency, a prediction, a feature, a metric or a selection rate. */
export const SIGNAL_PATTERN =
  /^(flag:[\w.:-]+|feedback:negative|error_rate|error|confidence|latency_ms|prediction|feature:[\w.:-]+|metric:[\w.:-]+|selection:[\w.:-]+)$/;
export const SYSTEM_ID_HINT = 'expected a lower-case slug such as support-copilot (a-z, 0-9, . _ -)';

export const EVIDENCE_KINDS = [
  'telemetry_sample',
  'model_output',
  'prompt',
  'log',
  'metric',
  'screenshot',
  'config',
  'report',
  'document',
  'other',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Who a status update is written for. */
export const AUDIENCES = ['internal', 'executive', 'support', 'customer'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** API token roles, weakest first (`app` is a separate kind: telemetry, controls, review). */
export const TOKEN_ROLES = ['app', 'viewer', 'responder', 'admin'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * An RFC 3339 timestamp (seconds required, `Z` or a `±hh:mm` offset, a real calendar date) as
 * UTC ISO with milliseconds; undefined when it is not one.
 */
export function parseIsoTimestamp(value: string): string | undefined {
  const match = ISO_TIMESTAMP.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second, offsetHour, offsetMinute] = match
    .slice(1)
    .map((part) => (part === undefined ? 0 : Number(part)));
  if (hour! > 23 || minute! > 59 || second! > 59 || offsetHour! > 23 || offsetMinute! > 59) return undefined;
  const calendar = new Date(0);
  calendar.setUTCFullYear(year!, month! - 1, day!);
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month! - 1 || calendar.getUTCDate() !== day) {
    return undefined;
  }
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString();
}

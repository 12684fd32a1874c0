import { formatDuration } from '@firebreak/core';

export { formatDuration };

/** Seconds above an hour keep minutes only: `in 2h 5m`, not `in 2h 5m 12s`. */
function coarse(seconds: number): string {
  if (seconds < 3_600) return formatDuration(seconds < 60 ? seconds : Math.round(seconds / 60) * 60);
  return formatDuration(Math.round(seconds / 60) * 60);
}

/**
 * When `iso` is, relative to `now`: `12m ago`, `in 14m`, `just now`.
 *
 * @example
 * relativeTime('2026-11-24T10:00:00Z', new Date('2026-11-24T10:12:00Z')); // '12m ago'
 */
export function relativeTime(iso: string, now: Date): string {
  const seconds = Math.round((Date.parse(iso) - now.getTime()) / 1000);
  if (!Number.isFinite(seconds)) return '?';
  if (Math.abs(seconds) < 1) return 'just now';
  return seconds > 0 ? `in ${coarse(seconds)}` : `${coarse(-seconds)} ago`;
}

/**
 * A UTC timestamp to the minute, ISO style.
 *
 * @example
 * utcMinute('2026-11-24T10:15:42.123Z'); // '2026-11-24T10:15Z'
 */
export function utcMinute(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16)}Z`;
}

/** `2026-11-24T10:15Z (12m ago)`. */
export function when(iso: string | null | undefined, now: Date): string {
  if (!iso) return '—';
  return `${utcMinute(iso)} (${relativeTime(iso, now)})`;
}

/**
 * A deadline as a responder reads it: `10:15 UTC` when it falls today (UTC), else to the minute
 * with its date.
 *
 * @example
 * clockTime('2026-11-24T10:15:00Z', new Date('2026-11-24T10:00:00Z')); // '10:15 UTC'
 */
export function clockTime(iso: string, now: Date): string {
  const full = utcMinute(iso);
  return full.slice(0, 10) === now.toISOString().slice(0, 10) ? `${full.slice(11, 16)} UTC` : full;
}

import { formatDuration } from '@firebreak/core';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

export { formatDuration };

/**
 * When `iso` is, relative to `now`: `12m ago`, `in 14m`, `just now`. Past an hour, minutes only.
 *
 * @example
 * relativeTime('2026-11-24T10:00:00Z', new Date('2026-11-24T10:12:00Z')); // '12m ago'
 */
export function relativeTime(iso: string, now: Date): string {
  const seconds = Math.round((Date.parse(iso) - now.getTime()) / 1000);
  if (!Number.isFinite(seconds)) return '?';
  if (Math.abs(seconds) < 5) return 'just now';
  const abs = Math.abs(seconds);
  const text = formatDuration(abs < 60 ? abs : Math.round(abs / 60) * 60);
  return seconds > 0 ? `in ${text}` : `${text} ago`;
}

export interface Countdown {
  /** `in 12m 30s`, or `overdue by 4m 10s`. */
  text: string;
  overdue: boolean;
  /** Milliseconds left; negative once overdue. */
  remainingMs: number;
}

/**
 * A live deadline: time left to the second while it matters, or how late it is.
 *
 * @example
 * countdown('2026-11-24T10:15:00Z', new Date('2026-11-24T10:02:30Z')).text; // 'in 12m 30s'
 */
export function countdown(deadline: string, now: Date): Countdown {
  const remainingMs = Date.parse(deadline) - now.getTime();
  const seconds = Math.abs(Math.trunc(remainingMs / 1000));
  const overdue = remainingMs < 0;
  const text = overdue ? `overdue by ${formatDuration(seconds)}` : `in ${formatDuration(seconds)}`;
  return { text, overdue, remainingMs };
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hhmm: string;
}

function utcWall(date: Date): WallClock {
  const hhmm = date.toISOString().slice(11, 16);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth(), day: date.getUTCDate(), hhmm };
}

function zonedWall(date: Date, timeZone: string | undefined): WallClock {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '0';
  return {
    year: Number(part('year')),
    month: Number(part('month')) - 1,
    day: Number(part('day')),
    hhmm: `${part('hour').padStart(2, '0')}:${part('minute')}`,
  };
}

function sameDay(a: WallClock, b: WallClock): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

function dateLabel(wall: WallClock, now: WallClock): string {
  const label = `${MONTHS[wall.month]} ${wall.day}`;
  return wall.year === now.year ? label : `${label} ${wall.year}`;
}

/**
 * A moment in UTC and in the reader's zone: `10:15 UTC · 11:15 local`. The date is added when it
 * is not today (UTC); the local part is left out where it says the same as the UTC one.
 *
 * @example
 * clockPair('2026-11-24T10:15:00Z', new Date('2026-11-24T09:00:00Z'), 'Europe/Berlin'); // '10:15 UTC · 11:15 local'
 */
export function clockPair(iso: string, now: Date, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const utc = utcWall(date);
  const utcNow = utcWall(now);
  const utcText = sameDay(utc, utcNow) ? `${utc.hhmm} UTC` : `${dateLabel(utc, utcNow)} ${utc.hhmm} UTC`;
  const local = zonedWall(date, timeZone);
  if (sameDay(local, utc) && local.hhmm === utc.hhmm) return utcText;
  const localText = sameDay(local, utc) ? `${local.hhmm} local` : `${dateLabel(local, utcNow)} ${local.hhmm} local`;
  return `${utcText} · ${localText}`;
}

/**
 * A UTC timestamp to the minute, ISO style, for text that leaves the UI (status updates).
 *
 * @example
 * utcMinute('2026-11-24T10:15:42.123Z'); // '2026-11-24 10:15 UTC'
 */
export function utcMinute(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = date.toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 16)} UTC`;
}

/**
 * The value for an `<input type="datetime-local">` that the UI labels as UTC.
 *
 * @example
 * toUtcInput('2026-11-24T10:15:42.123Z'); // '2026-11-24T10:15'
 */
export function toUtcInput(iso: string): string {
  return new Date(iso).toISOString().slice(0, 16);
}

/**
 * Reads a UTC `datetime-local` value back to ISO-8601; undefined when empty or not a time.
 *
 * @example
 * fromUtcInput('2026-11-24T10:15'); // '2026-11-24T10:15:00.000Z'
 */
export function fromUtcInput(value: string): string | undefined {
  if (!value.trim()) return undefined;
  const parsed = Date.parse(`${value}${value.length === 16 ? ':00' : ''}Z`);
  return Number.isNaN(parsed) ? undefined : new Date(parsed).toISOString();
}

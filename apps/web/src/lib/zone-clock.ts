/** The wall clock somewhere: time, weekday, offset from UTC, and whether it is night there. */
export interface ZoneClock {
  /** `03:12`. */
  time: string;
  /** `Tue`. */
  weekday: string;
  /** `UTC+1`, `UTC-4`, `UTC+5:30`, `UTC`. */
  offset: string;
  /** Between 22:00 and 07:00 there: a page wakes the person. */
  night: boolean;
}

/**
 * The wall clock in an IANA zone at an instant, for "what time is it for Dana".
 *
 * @example
 * zoneClock('Europe/Berlin', new Date('2026-11-24T02:12:00Z')); // { time: '03:12', weekday: 'Tue', offset: 'UTC+1', night: true }
 */
export function zoneClock(timeZone: string, at: Date): ZoneClock {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'shortOffset',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const hour = Number(part('hour'));
  const offset = part('timeZoneName').replace(/^GMT/, 'UTC');
  return {
    time: `${part('hour').padStart(2, '0')}:${part('minute')}`,
    weekday: part('weekday'),
    offset: /^UTC(?:[+-]0(?::00)?)?$/.test(offset) || offset === '' ? 'UTC' : offset,
    night: hour >= 22 || hour < 7,
  };
}

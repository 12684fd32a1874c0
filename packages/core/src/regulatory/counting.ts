import { TZDate } from '@date-fns/tz';
import { publicHolidays } from './calendars';

/**
 * How the laws in the rule pack count their periods. Every function takes and returns ISO 8601
 * instants (returned in UTC, `…Z`); local dates are read in the time zone given, which is the
 * authority's. Nothing here reads the clock.
 */

/** A period's end as the law counts it, and the end after a weekend or holiday roll when that differs. */
export interface PeriodEnd {
  /** The conservative deadline: the last day of the period itself, whatever day it is. */
  due: string;
  /** Where the law moves a deadline off a weekend or public holiday, that later deadline. */
  dueRolled?: string;
}

/** The authority's time zone and holiday calendar (see `calendars.ts`). */
export interface CalendarOptions {
  /** An IANA time zone; `Europe/Brussels` by default. */
  timeZone?: string;
  /** A holiday calendar code (`BE`, `FR`, `US`); `BE` by default. */
  calendar?: string;
}

const EU_DEFAULTS = { timeZone: 'Europe/Brussels', calendar: 'BE' } as const;
const US_FEDERAL = { timeZone: 'America/New_York', calendar: 'US' } as const;
const HOUR_MS = 3_600_000;

/** A date on the wall calendar, with no time zone: `{ year: 2028, month: 2, day: 29 }`. */
interface CivilDate {
  year: number;
  month: number;
  day: number;
}

function instant(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`not an ISO 8601 instant: ${value}`);
  return date;
}

function civilDateAt(value: string, timeZone: string): CivilDate {
  const local = new TZDate(instant(value).getTime(), timeZone);
  return { year: local.getFullYear(), month: local.getMonth() + 1, day: local.getDate() };
}

function plusDays(date: CivilDate, days: number): CivilDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

function iso(date: CivilDate): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

function atLocalTime(date: CivilDate, timeZone: string, hours: number, minutes: number, ms = 0): string {
  const local = new TZDate(
    date.year,
    date.month - 1,
    date.day,
    hours,
    minutes,
    Math.floor(ms / 1000),
    ms % 1000,
    timeZone,
  );
  return new Date(local.getTime()).toISOString();
}

/** 24:00 of a day, written as its last millisecond so that it stays on that day. */
function endOfDay(date: CivilDate, timeZone: string): string {
  return atLocalTime(date, timeZone, 23, 59, 59_999);
}

/** Not a Saturday, a Sunday or a public holiday of the calendar. */
export function isWorkingDay(date: string, calendar: string): boolean {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !publicHolidays(calendar, year).has(date);
}

function nextWorkingDay(date: CivilDate, calendar: string): CivilDate {
  let next = plusDays(date, 1);
  while (!isWorkingDay(iso(next), calendar)) next = plusDays(next, 1);
  return next;
}

/**
 * Elapsed hours: N real hours after the start, whatever the calendar or a change of clocks says
 * (GDPR's 72 hours, NIS2's 24 and 72). Across the spring DST change in Brussels a 72-hour clock
 * from 10:00 ends at 11:00 local.
 *
 * @example
 * addHours('2026-03-27T09:00:00.000Z', 72); // '2026-03-30T09:00:00.000Z' (11:00 in Brussels)
 */
export function addHours(start: string, hours: number): string {
  return new Date(instant(start).getTime() + hours * HOUR_MS).toISOString();
}

/**
 * Regulation 1182/71 Art. 3(4) and (5) applied to the last day of a period: a period ending on a
 * weekend or holiday ends with the next working day, and a period of two days or more includes
 * at least two working days. Returns the rolled last day, or undefined when it does not move.
 */
function rollEu(eventDay: CivilDate, lastDay: CivilDate, length: number, calendar: string): CivilDate | undefined {
  let end = lastDay;
  if (!isWorkingDay(iso(end), calendar)) end = nextWorkingDay(end, calendar);
  if (length >= 2) {
    const workingDays = () => {
      let count = 0;
      for (let day = plusDays(eventDay, 1); iso(day) <= iso(end); day = plusDays(day, 1)) {
        if (isWorkingDay(iso(day), calendar)) count += 1;
      }
      return count;
    };
    while (workingDays() < 2) end = nextWorkingDay(end, calendar);
  }
  return iso(end) === iso(lastDay) ? undefined : end;
}

function euEnd(eventDay: CivilDate, lastDay: CivilDate, length: number, options: CalendarOptions): PeriodEnd {
  const { timeZone, calendar } = { ...EU_DEFAULTS, ...options };
  const rolled = rollEu(eventDay, lastDay, length, calendar);
  const due = endOfDay(lastDay, timeZone);
  return rolled ? { due, dueRolled: endOfDay(rolled, timeZone) } : { due };
}

/**
 * A period of days under Regulation (EEC, Euratom) No 1182/71: the day of the event is not
 * counted (Art. 3(1)), weekends and holidays inside the period count (3(3)), and the period ends
 * at 24:00 of its last day in the authority's time zone (3(2)(b)). `due` is that day; `dueRolled`
 * is the end of the next working day when the last day is a weekend or public holiday (3(4)),
 * stretched so a period of two days or more holds two working days (3(5)).
 *
 * @example
 * euDays('2026-09-03T14:00:00Z', 2); // Thu → due Sat 5 Sep 24:00 Brussels, dueRolled Mon 7 Sep 24:00
 */
export function euDays(start: string, days: number, options: CalendarOptions = {}): PeriodEnd {
  const eventDay = civilDateAt(start, options.timeZone ?? EU_DEFAULTS.timeZone);
  return euEnd(eventDay, plusDays(eventDay, days), days, options);
}

/**
 * A period of months under Regulation 1182/71 Art. 3(2)(c): it ends at 24:00 of the day in the
 * last month with the same date as the event's day, or of that month's last day when it has no
 * such date (31 January + 1 month = 28 or 29 February); then rolled as `euDays` is.
 *
 * @example
 * euMonths('2028-01-31T10:00:00Z', 1); // due 2028-02-29 24:00 Brussels (a leap year)
 */
export function euMonths(start: string, months: number, options: CalendarOptions = {}): PeriodEnd {
  const eventDay = civilDateAt(start, options.timeZone ?? EU_DEFAULTS.timeZone);
  const monthIndex = eventDay.month - 1 + months;
  const year = eventDay.year + Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const lastOfMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lastDay = { year, month, day: Math.min(eventDay.day, lastOfMonth) };
  // A month is at least 28 days, so Art. 3(5)'s two working days always hold: length 2 suffices.
  return euEnd(eventDay, lastDay, 2, options);
}

/**
 * Calendar days as US law counts them (HIPAA's 60 days, SB 53's 15): the event's day is not
 * counted and the period ends at 24:00 of the last day in the given time zone, with no roll.
 *
 * @example
 * calendarDays('2026-03-02T15:00:00Z', 60, 'America/New_York'); // 2026-05-01 24:00 New York
 */
export function calendarDays(start: string, days: number, timeZone: string): string {
  return endOfDay(plusDays(civilDateAt(start, timeZone), days), timeZone);
}

/**
 * Calendar days counted from the end of the calendar year the start falls in (HIPAA 164.408(c):
 * a breach of fewer than 500 people goes to HHS within 60 days after the year's end).
 *
 * @example
 * calendarDaysAfterYearEnd('2026-05-10T12:00:00Z', 60, 'America/New_York'); // 2027-03-01 24:00 New York
 */
export function calendarDaysAfterYearEnd(start: string, days: number, timeZone: string): string {
  const { year } = civilDateAt(start, timeZone);
  return endOfDay(plusDays({ year, month: 12, day: 31 }, days), timeZone);
}

/** Business-day counting: the calendar and time zone, and when the last day closes. */
export interface BusinessDayOptions extends CalendarOptions {
  /** `HH:MM` local time at which the last day closes (EDGAR's 17:30); end of day by default. */
  closesAt?: string;
}

/**
 * N business days after the start: the start's own day is not counted, and Saturdays, Sundays and
 * the calendar's public holidays are skipped (US federal holidays in New York time by default,
 * as the SEC counts Form 8-K's four business days).
 *
 * @example
 * businessDays('2026-11-23T20:00:00Z', 4); // Mon → Tue, Wed, (Thanksgiving), Fri, Mon 30 Nov 24:00 New York
 */
export function businessDays(start: string, days: number, options: BusinessDayOptions = {}): string {
  const { timeZone, calendar } = { ...US_FEDERAL, ...options };
  let day = civilDateAt(start, timeZone);
  for (let counted = 0; counted < days; counted += 1) day = nextWorkingDay(day, calendar);
  if (!options.closesAt) return endOfDay(day, timeZone);
  const [hours, minutes] = options.closesAt.split(':').map(Number) as [number, number];
  return atLocalTime(day, timeZone, hours, minutes);
}

/**
 * DORA's weekend rule (Delegated Regulation (EU) 2025/301 Art. 5(4)): a deadline that falls on a
 * Saturday, Sunday or public holiday moves to 12:00 of the next working day. Returns the moved
 * deadline, or undefined when the deadline falls on a working day.
 *
 * @example
 * noonOfNextWorkingDay('2026-12-05T11:00:00Z'); // a Saturday → '2026-12-07T11:00:00.000Z' (Mon 12:00 Brussels)
 */
export function noonOfNextWorkingDay(due: string, options: CalendarOptions = {}): string | undefined {
  const { timeZone, calendar } = { ...EU_DEFAULTS, ...options };
  const day = civilDateAt(due, timeZone);
  if (isWorkingDay(iso(day), calendar)) return undefined;
  return atLocalTime(nextWorkingDay(day, calendar), timeZone, 12, 0);
}

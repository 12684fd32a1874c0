import type Holidays from 'date-holidays';

/**
 * Public-holiday calendars for counting legal periods, from the `date-holidays` library (data kept
 * by its maintainers, bundled, so counting works offline). A calendar is named by an ISO 3166
 * country code (`BE`, `FR`) or a country and a region (`US-NY`); only days of the library's type
 * `public` count, with the substitute days it lists (the US federal Friday before a Saturday
 * holiday). `US` is the federal calendar the SEC's business days skip.
 *
 * There is no single EU calendar: the pack names a Member State's, and Belgium's by default (the
 * seat of the Commission and the AI Office). The library has no calendar of the EU institutions'
 * own closing days, so those are not counted.
 */

/** The 27 Member States and the time zone of each capital, for a rule counting in the incident's Member State. */
export const EU_MEMBER_STATE_TIME_ZONES: Readonly<Record<string, string>> = {
  AT: 'Europe/Vienna',
  BE: 'Europe/Brussels',
  BG: 'Europe/Sofia',
  CY: 'Asia/Nicosia',
  CZ: 'Europe/Prague',
  DE: 'Europe/Berlin',
  DK: 'Europe/Copenhagen',
  EE: 'Europe/Tallinn',
  ES: 'Europe/Madrid',
  FI: 'Europe/Helsinki',
  FR: 'Europe/Paris',
  GR: 'Europe/Athens',
  HR: 'Europe/Zagreb',
  HU: 'Europe/Budapest',
  IE: 'Europe/Dublin',
  IT: 'Europe/Rome',
  LT: 'Europe/Vilnius',
  LU: 'Europe/Luxembourg',
  LV: 'Europe/Riga',
  MT: 'Europe/Malta',
  NL: 'Europe/Amsterdam',
  PL: 'Europe/Warsaw',
  PT: 'Europe/Lisbon',
  RO: 'Europe/Bucharest',
  SE: 'Europe/Stockholm',
  SI: 'Europe/Ljubljana',
  SK: 'Europe/Bratislava',
};

/** True for an EU Member State's code (`FR`), not `EU` itself. */
export function isEuMemberState(code: string): boolean {
  return Object.hasOwn(EU_MEMBER_STATE_TIME_ZONES, code);
}

type HolidaysLibrary = typeof Holidays;
let library: HolidaysLibrary | undefined;

/**
 * Loads the holiday data once, before anything counts working days or checks a calendar name.
 * `date-holidays` brings every country's rules and moment-timezone's tables (about 1 MB), so it
 * is imported on demand: the web app, which imports core for its vocabulary, never loads it.
 * The server and the CLI call this at start-up; tests in a `beforeAll`.
 *
 * @example
 * await loadHolidayCalendars();
 * euDays('2026-09-04T12:00:00Z', 2); // now counts Belgium's holidays
 */
export async function loadHolidayCalendars(): Promise<void> {
  library ??= (await import('date-holidays')).default;
}

function holidaysLibrary(): HolidaysLibrary {
  if (!library) throw new Error('holiday calendars are not loaded: await loadHolidayCalendars() once at start-up');
  return library;
}

const CALENDAR = /^([A-Z]{2})(?:-([A-Z0-9]{1,3}))?$/;
const holidaysByCalendar = new Map<string, Holidays | undefined>();
const datesByCalendarYear = new Map<string, ReadonlySet<string>>();

function holidaysOf(calendar: string): Holidays | undefined {
  if (holidaysByCalendar.has(calendar)) return holidaysByCalendar.get(calendar);
  const Library = holidaysLibrary();
  const match = CALENDAR.exec(calendar);
  let found: Holidays | undefined;
  if (match) {
    const [, country, region] = match;
    const known = new Library().getCountries();
    const regions = region ? new Library().getStates(country!) : undefined;
    if (known[country!] && (!region || regions?.[region])) {
      found = region
        ? new Library(country!, region, { types: ['public'] })
        : new Library(country!, { types: ['public'] });
    }
  }
  holidaysByCalendar.set(calendar, found);
  return found;
}

/** True when `date-holidays` has a calendar for this code (`BE`, `US`, `US-NY`). */
export function isKnownCalendar(calendar: string): boolean {
  return holidaysOf(calendar) !== undefined;
}

/** True for a time zone the runtime knows (`Europe/Brussels`, `America/New_York`, `UTC`). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The public holidays of a calendar in a year, as `YYYY-MM-DD` local dates.
 *
 * @example
 * publicHolidays('BE', 2026).has('2026-07-21'); // true, the national day
 */
export function publicHolidays(calendar: string, year: number): ReadonlySet<string> {
  const key = `${calendar}:${year}`;
  const cached = datesByCalendarYear.get(key);
  if (cached) return cached;
  const holidays = holidaysOf(calendar);
  if (!holidays) throw new Error(`calendar: no holiday calendar named ${calendar}`);
  const dates = new Set(
    holidays
      .getHolidays(year)
      .filter((day) => day.type === 'public')
      .map((day) => day.date.slice(0, 10)),
  );
  datesByCalendarYear.set(key, dates);
  return dates;
}

import { TZDate } from '@date-fns/tz';
import { beforeAll, describe, expect, it } from 'vitest';
import { EU_MEMBER_STATE_TIME_ZONES, isKnownCalendar, loadHolidayCalendars, publicHolidays } from './calendars';
import {
  addHours,
  businessDays,
  calendarDays,
  calendarDaysAfterYearEnd,
  euDays,
  euMonths,
  isWorkingDay,
  noonOfNextWorkingDay,
} from './counting';

beforeAll(loadHolidayCalendars);

/** `2026-03-30 11:00` as read on a wall clock in the zone. */
function wallClock(value: string, timeZone: string): string {
  const local = new TZDate(new Date(value).getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())} ${pad(local.getHours())}:${pad(local.getMinutes())}`;
}

describe('hours', () => {
  it('counts real hours across the spring DST change: 72 h from 27 Mar 10:00 Brussels ends 30 Mar 11:00 local', () => {
    // 2026-03-27 10:00 CET (+01:00) = 09:00Z; clocks go forward on Sun 29 Mar; 09:00Z + 72 h = 30 Mar 09:00Z = 11:00 CEST.
    const due = addHours('2026-03-27T09:00:00Z', 72);
    expect(due).toBe('2026-03-30T09:00:00.000Z');
    expect(wallClock(due, 'Europe/Brussels')).toBe('2026-03-30 11:00');
  });

  it('counts real hours across the autumn DST change: 24 h from 24 Oct 10:00 Brussels ends 25 Oct 09:00 local', () => {
    // 10:00 CEST (+02:00) = 08:00Z; clocks go back on Sun 25 Oct; 08:00Z + 24 h = 25 Oct 08:00Z = 09:00 CET.
    const due = addHours('2026-10-24T08:00:00Z', 24);
    expect(wallClock(due, 'Europe/Brussels')).toBe('2026-10-25 09:00');
  });
});

describe('EU days (Regulation 1182/71)', () => {
  it.each([
    // Leap year: 20 Feb + 15 → 21..29 Feb is 9 days, 1..6 Mar is 6 more → Mon 6 Mar 2028, a working day; 24:00 CET = 22:59:59.999Z.
    ['15 days across a leap day', '2028-02-20T10:00:00Z', 15, '2028-03-06T22:59:59.999Z', undefined],
    // Not leap: 21..28 Feb is 8, 1..7 Mar is 7 → Sun 7 Mar 2027, rolled to Mon 8 Mar (3(4)).
    ['15 days ending on a Sunday', '2027-02-20T10:00:00Z', 15, '2027-03-07T22:59:59.999Z', '2027-03-08T22:59:59.999Z'],
    // Thu 3 Sep + 2 = Sat 5 Sep (CEST, 24:00 = 21:59:59.999Z) → Mon 7 Sep; Fri 4 and Mon 7 are the two working days (3(5)).
    ['2 days from a Thursday', '2026-09-03T12:00:00Z', 2, '2026-09-05T21:59:59.999Z', '2026-09-07T21:59:59.999Z'],
    // Fri 4 Sep + 2 = Sun 6 Sep → Mon 7 (3(4)); Sat 5..Mon 7 holds one working day, so on to Tue 8 (3(5)).
    ['2 days from a Friday', '2026-09-04T12:00:00Z', 2, '2026-09-06T21:59:59.999Z', '2026-09-08T21:59:59.999Z'],
    // 22:30Z on 3 Sep is 00:30 on Fri 4 Sep in Brussels: the event's day is the local one, so as the row above.
    [
      'the event day read in Brussels time',
      '2026-09-03T22:30:00Z',
      2,
      '2026-09-06T21:59:59.999Z',
      '2026-09-08T21:59:59.999Z',
    ],
    // Mon 6 Jul + 15 = Tue 21 Jul 2026, Belgium's national day → Wed 22 Jul.
    [
      '15 days ending on a Belgian holiday',
      '2026-07-06T08:00:00Z',
      15,
      '2026-07-21T21:59:59.999Z',
      '2026-07-22T21:59:59.999Z',
    ],
    // Thu 10 Dec + 15 = Fri 25 Dec 2026 (Christmas) → Sat, Sun → Mon 28 Dec; CET 24:00 = 22:59:59.999Z.
    ['15 days ending on Christmas', '2026-12-10T08:00:00Z', 15, '2026-12-25T22:59:59.999Z', '2026-12-28T22:59:59.999Z'],
    // Mon 7 Dec + 10 = Thu 17 Dec, a working day: no roll.
    ['10 days ending on a working day', '2026-12-07T08:00:00Z', 10, '2026-12-17T22:59:59.999Z', undefined],
  ])('%s', (_name, start, days, due, dueRolled) => {
    expect(euDays(start, days)).toEqual(dueRolled ? { due, dueRolled } : { due });
  });

  it("counts in another Member State's calendar when the rule names it", () => {
    // Mon 29 Jun + 15 = Tue 14 Jul 2026: France's national day (→ Wed 15 Jul), a working day in Belgium.
    const start = '2026-06-29T08:00:00Z';
    expect(euDays(start, 15, { calendar: 'FR', timeZone: 'Europe/Paris' })).toEqual({
      due: '2026-07-14T21:59:59.999Z',
      dueRolled: '2026-07-15T21:59:59.999Z',
    });
    expect(euDays(start, 15)).toEqual({ due: '2026-07-14T21:59:59.999Z' });
  });

  it.each([
    // 31 Jan 2028 + 1 month: February has no 31st → its last day, Tue 29 Feb 2028 (leap); CET 24:00.
    ['to the last day of a leap February', '2028-01-31T10:00:00Z', 1, '2028-02-29T22:59:59.999Z', undefined],
    // 31 Jan 2027 + 1 month → Sun 28 Feb 2027 → Mon 1 Mar.
    [
      'to the last day of February on a Sunday',
      '2027-01-31T10:00:00Z',
      1,
      '2027-02-28T22:59:59.999Z',
      '2027-03-01T22:59:59.999Z',
    ],
    // Thu 15 Oct 2026 + 1 month = Sun 15 Nov → Mon 16 Nov.
    ['to the same date', '2026-10-15T10:00:00Z', 1, '2026-11-15T22:59:59.999Z', '2026-11-16T22:59:59.999Z'],
    // Fri 20 Nov 2026 + 1 month = Sun 20 Dec → Mon 21 Dec; across a year: 20 Dec + 1 month = Wed 20 Jan 2027.
    ['across the year end', '2026-12-20T10:00:00Z', 1, '2027-01-20T22:59:59.999Z', undefined],
  ])('a month %s', (_name, start, months, due, dueRolled) => {
    expect(euMonths(start, months)).toEqual(dueRolled ? { due, dueRolled } : { due });
  });
});

describe('US business days (SEC, federal holidays, New York time)', () => {
  it.each([
    // Thu 19 Nov 2026: Fri 20 (1), Mon 23 (2), Tue 24 (3), Wed 25 (4); EST 24:00 = 04:59:59.999Z next day.
    ['the Thursday before Thanksgiving', '2026-11-19T15:00:00Z', '2026-11-26T04:59:59.999Z'],
    // Mon 23 Nov: Tue 24 (1), Wed 25 (2), Thanksgiving Thu 26 skipped, Fri 27 (3, not a federal holiday), Mon 30 (4).
    ['across Thanksgiving', '2026-11-23T15:00:00Z', '2026-12-01T04:59:59.999Z'],
    // Mon 21 Dec: Tue 22 (1), Wed 23 (2), Thu 24 (3, Christmas Eve is not federal), Fri 25 skipped, Mon 28 (4).
    ['across Christmas', '2026-12-21T15:00:00Z', '2026-12-29T04:59:59.999Z'],
    // Wed 1 Jul: Thu 2 (1), Fri 3 is Independence Day observed (4 Jul is a Saturday), Mon 6 (2), Tue 7 (3), Wed 8 (4); EDT.
    ['across an observed Independence Day', '2026-07-01T15:00:00Z', '2026-07-09T03:59:59.999Z'],
    // Sat 21 Nov: Mon 23 (1), Tue 24 (2), Wed 25 (3), Fri 27 (4).
    ['from a Saturday', '2026-11-21T15:00:00Z', '2026-11-28T04:59:59.999Z'],
    // 03:00Z Tue 24 Nov is 22:00 Mon 23 Nov in New York: counted from Monday, as the second row.
    ['from a New York evening', '2026-11-24T03:00:00Z', '2026-12-01T04:59:59.999Z'],
  ])('4 business days %s', (_name, start, due) => {
    expect(businessDays(start, 4)).toBe(due);
  });

  it('closes the last day at EDGAR’s 17:30 when asked', () => {
    // As "across an observed Independence Day": Wed 8 Jul 17:30 EDT (-04:00) = 21:30Z.
    expect(businessDays('2026-07-01T15:00:00Z', 4, { closesAt: '17:30' })).toBe('2026-07-08T21:30:00.000Z');
  });
});

describe('US calendar days', () => {
  it('counts 60 days from discovery to 24:00 New York time, with no roll', () => {
    // 2 Mar + 60: 3..31 Mar is 29, April's 30 make 59, 1 May is the 60th; EDT 24:00 = 03:59:59.999Z on 2 May.
    expect(calendarDays('2026-03-02T15:00:00Z', 60, 'America/New_York')).toBe('2026-05-02T03:59:59.999Z');
  });

  it("counts 60 days after the end of the discovery's calendar year", () => {
    // 31 Dec 2026 + 60: January's 31 and February's 28 make 59, 1 Mar 2027 is the 60th; EST 24:00.
    expect(calendarDaysAfterYearEnd('2026-05-10T12:00:00Z', 60, 'America/New_York')).toBe('2027-03-02T04:59:59.999Z');
  });
});

describe("DORA's weekend rule", () => {
  it.each([
    // Sat 5 Dec 2026 12:00 CET → Mon 7 Dec 12:00 CET = 11:00Z.
    ['a Saturday', '2026-12-05T11:00:00Z', '2026-12-07T11:00:00.000Z'],
    // Fri 25 Dec (Christmas) → Sat, Sun → Mon 28 Dec 12:00 CET.
    ['a holiday before a weekend', '2026-12-25T09:00:00Z', '2026-12-28T11:00:00.000Z'],
    // Sun 29 Mar 2026 00:30Z is 01:30 CET, a Sunday → Mon 30 Mar 12:00 CEST = 10:00Z.
    ['a Sunday of the DST change', '2026-03-29T00:30:00Z', '2026-03-30T10:00:00.000Z'],
    // Mon 7 Dec 2026 15:00: a working day, no move.
    ['a working day', '2026-12-07T14:00:00Z', undefined],
  ])('a deadline on %s', (_name, due, moved) => {
    expect(noonOfNextWorkingDay(due)).toBe(moved);
  });
});

describe('holiday calendars', () => {
  it("reads Belgium's and the US federal public holidays, and none of the observances", () => {
    expect([...publicHolidays('BE', 2026)].sort()).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-05-25',
      '2026-07-21',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
    expect(publicHolidays('US', 2026).has('2026-11-26')).toBe(true);
    expect(publicHolidays('US', 2026).has('2026-11-27')).toBe(false);
    expect(isWorkingDay('2026-12-24', 'US')).toBe(true);
  });

  it("has a calendar for every Member State, so a rule can count in the incident's", () => {
    expect(Object.keys(EU_MEMBER_STATE_TIME_ZONES).filter((state) => !isKnownCalendar(state))).toEqual([]);
    expect(Object.keys(EU_MEMBER_STATE_TIME_ZONES)).toHaveLength(27);
  });

  it('knows a country and a region, and refuses a name it does not have', () => {
    expect(isKnownCalendar('US-NY')).toBe(true);
    expect(isKnownCalendar('BE')).toBe(true);
    expect(isKnownCalendar('XX')).toBe(false);
    expect(isKnownCalendar('EU')).toBe(false);
    expect(() => publicHolidays('XX', 2026)).toThrow(/XX/);
  });
});

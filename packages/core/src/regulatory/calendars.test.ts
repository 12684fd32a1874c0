import { expect, it } from 'vitest';
import { isKnownCalendar, loadHolidayCalendars } from './calendars';
import { euDays } from './counting';

// Its own file, so the library is not yet loaded when the first test runs.
it('says to load the calendars when counting working days before they are loaded, then counts', async () => {
  expect(() => euDays('2026-09-04T12:00:00Z', 2)).toThrow(/await loadHolidayCalendars\(\)/);
  expect(() => isKnownCalendar('BE')).toThrow(/not loaded/);
  await loadHolidayCalendars();
  await loadHolidayCalendars();
  expect(euDays('2026-09-04T12:00:00Z', 2).dueRolled).toBe('2026-09-08T21:59:59.999Z');
});

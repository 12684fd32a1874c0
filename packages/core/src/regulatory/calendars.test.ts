import { expect, it, vi } from 'vitest';

// Fresh copies of the modules, so the library is not loaded yet whichever test file ran before
// in this worker (test files share a worker's modules: isolate is off, see vitest.config.ts).
it('says to load the calendars when counting working days before they are loaded, then counts', async () => {
  vi.resetModules();
  const { isKnownCalendar, loadHolidayCalendars } = await import('./calendars');
  const { euDays } = await import('./counting');
  expect(() => euDays('2026-09-04T12:00:00Z', 2)).toThrow(/await loadHolidayCalendars\(\)/);
  expect(() => isKnownCalendar('BE')).toThrow(/not loaded/);
  await loadHolidayCalendars();
  await loadHolidayCalendars();
  expect(euDays('2026-09-04T12:00:00Z', 2).dueRolled).toBe('2026-09-08T21:59:59.999Z');
});

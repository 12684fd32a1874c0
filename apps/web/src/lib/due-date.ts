/**
 * A due date picked in a date input (`2026-12-20`) as the end of that day UTC, which the API takes;
 * undefined for anything else (an empty input).
 *
 * @example
 * dueFromDate('2026-12-20'); // '2026-12-20T23:59:59.000Z'
 */
export function dueFromDate(date: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  return `${date}T23:59:59.000Z`;
}

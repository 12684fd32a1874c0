import { describe, expect, it } from 'vitest';
import { isFiltered, pageOf, readFilter, toApiFilter, writeFilter } from './list-filter';

describe('list filter', () => {
  it('reads filters from the address, ignoring invalid values', () => {
    expect(
      readFilter(new URLSearchParams('status=active&severity=SEV9&type=bias&open=1&q=%20refund%20&page=2')),
    ).toEqual({
      status: 'active',
      type: 'bias',
      open: true,
      q: 'refund',
      page: 2,
    });
    expect(readFilter(new URLSearchParams('page=-3'))).toEqual({ page: 1 });
  });

  it('writes only what narrows the list', () => {
    expect(writeFilter({ page: 1, severity: 'SEV1', nearMiss: true, system: 'fraud-model' }).toString()).toBe(
      'severity=SEV1&system=fraud-model&nearMiss=1',
    );
  });

  it('reads every match at once, whatever the page, so the whole list can be sorted by urgency', () => {
    expect(toApiFilter({ page: 3, open: true })).toEqual({ open: true, exercise: 'exclude', limit: 500, offset: 0 });
  });

  it('leaves drill incidents out unless asked for', () => {
    expect(readFilter(new URLSearchParams('drills=only'))).toEqual({ drills: 'only', page: 1 });
    expect(readFilter(new URLSearchParams('drills=everything'))).toEqual({ page: 1 });
    expect(writeFilter({ page: 1, drills: 'include' }).toString()).toBe('drills=include');
    expect(toApiFilter({ page: 1, drills: 'only' }).exercise).toBe('only');
    expect(isFiltered({ page: 1, drills: 'include' })).toBe(true);
  });

  it('cuts a page out of the sorted list', () => {
    const items = Array.from({ length: 60 }, (_, index) => index);
    expect(pageOf(items, 1)).toHaveLength(25);
    expect(pageOf(items, 3)).toEqual(items.slice(50));
  });

  it('knows an unfiltered list', () => {
    expect(isFiltered({ page: 4 })).toBe(false);
    expect(isFiltered({ page: 1, q: 'pii' })).toBe(true);
  });
});

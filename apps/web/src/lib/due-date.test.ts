import { describe, expect, it } from 'vitest';
import { dueFromDate } from './due-date';

describe('dueFromDate', () => {
  it('turns a picked date into the end of that day UTC, and nothing else into a date', () => {
    expect(dueFromDate('2026-12-20')).toBe('2026-12-20T23:59:59.000Z');
    expect(dueFromDate('')).toBeUndefined();
    expect(dueFromDate('20.12.2026')).toBeUndefined();
  });
});

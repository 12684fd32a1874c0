import { describe, expect, it } from 'vitest';
import { clockTime, formatDuration, relativeTime, utcMinute, when } from './time';

const NOW = new Date('2026-11-24T10:00:00.000Z');

describe('formatDuration', () => {
  it.each([
    [null, '—'],
    [undefined, '—'],
    [0, '0s'],
    [45, '45s'],
    [252, '4m 12s'],
    [3_600, '1h'],
    [3_605, '1h'],
    [3_660, '1h 1m'],
    [15_600, '4h 20m'],
    [86_400 + 3_600, '1d 1h'],
    [86_400 + 30, '1d'],
    [-5, '0s'],
  ])('formats %s seconds as %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});

describe('relativeTime', () => {
  it.each([
    ['2026-11-24T09:48:00.000Z', '12m ago'],
    ['2026-11-24T10:14:00.000Z', 'in 14m'],
    ['2026-11-24T10:00:30.000Z', 'in 30s'],
    ['2026-11-24T10:00:00.000Z', 'just now'],
    ['2026-11-24T07:55:00.000Z', '2h 5m ago'],
    ['2026-11-21T09:45:00.000Z', '3d ago'],
    ['2026-11-25T11:00:00.000Z', 'in 1d 1h'],
  ])('says %s is %s', (iso, expected) => {
    expect(relativeTime(iso, NOW)).toBe(expected);
  });

  it('rounds to minutes past the first minute', () => {
    expect(relativeTime('2026-11-24T10:04:50.000Z', NOW)).toBe('in 5m');
  });
});

describe('timestamps', () => {
  it('shows UTC to the minute', () => {
    expect(utcMinute('2026-11-24T11:15:42.123+01:00')).toBe('2026-11-24T10:15Z');
    expect(when('2026-11-24T09:48:00.000Z', NOW)).toBe('2026-11-24T09:48Z (12m ago)');
    expect(when(null, NOW)).toBe('—');
  });

  it('shows a deadline today as a clock time, another day with its date', () => {
    expect(clockTime('2026-11-24T10:15:00.000Z', NOW)).toBe('10:15 UTC');
    expect(clockTime('2026-11-25T09:00:00.000Z', NOW)).toBe('2026-11-25T09:00Z');
  });
});

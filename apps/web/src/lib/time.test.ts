import { describe, expect, it } from 'vitest';
import { clockPair, countdown, formatDuration, fromUtcInput, relativeTime, toUtcInput, utcMinute } from './time';

const at = (iso: string) => new Date(iso);

describe('formatDuration', () => {
  it.each([
    [null, '—'],
    [0, '0s'],
    [45, '45s'],
    [252, '4m 12s'],
    [3_600, '1h'],
    [3_660, '1h 1m'],
    [15_600, '4h 20m'],
    [90_061, '1d 1h'],
    [86_405, '1d'],
  ])('formats %s seconds as %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});

describe('relativeTime', () => {
  const now = at('2026-11-24T10:00:00Z');
  it.each([
    ['2026-11-24T10:00:02Z', 'just now'],
    ['2026-11-24T10:00:30Z', 'in 30s'],
    ['2026-11-24T10:12:20Z', 'in 12m'],
    ['2026-11-24T09:48:00Z', '12m ago'],
    ['2026-11-24T12:05:40Z', 'in 2h 6m'],
    ['2026-11-21T09:00:00Z', '3d 1h ago'],
  ])('says %s is %s', (iso, expected) => {
    expect(relativeTime(iso, now)).toBe(expected);
  });
});

describe('countdown', () => {
  it('counts down to the second before the deadline', () => {
    expect(countdown('2026-11-24T10:15:00Z', at('2026-11-24T10:02:30Z'))).toEqual({
      text: 'in 12m 30s',
      overdue: false,
      remainingMs: 750_000,
    });
  });

  it('says how late it is once past the deadline', () => {
    const result = countdown('2026-11-24T10:15:00Z', at('2026-11-24T10:19:10Z'));
    expect(result.overdue).toBe(true);
    expect(result.text).toBe('overdue by 4m 10s');
  });
});

describe('clockPair', () => {
  const now = at('2026-11-24T09:00:00Z');

  it('shows UTC and local time on the same day', () => {
    expect(clockPair('2026-11-24T10:15:00Z', now, 'Europe/Berlin')).toBe('10:15 UTC · 11:15 local');
  });

  it('leaves out the local time where it is UTC', () => {
    expect(clockPair('2026-11-24T10:15:00Z', now, 'UTC')).toBe('10:15 UTC');
  });

  it('adds the date when the moment is not today', () => {
    expect(clockPair('2026-11-21T09:45:00Z', now, 'America/New_York')).toBe('Nov 21 09:45 UTC · 04:45 local');
  });

  it('dates the local part when it falls on another day than in UTC', () => {
    expect(clockPair('2026-11-24T23:30:00Z', now, 'Asia/Tokyo')).toBe('23:30 UTC · Nov 25 08:30 local');
  });

  it('adds the year when it is not this year', () => {
    expect(clockPair('2025-12-31T12:00:00Z', now, 'UTC')).toBe('Dec 31 2025 12:00 UTC');
  });

  it('gives back what it cannot read', () => {
    expect(clockPair('soon', now)).toBe('soon');
  });
});

describe('UTC inputs', () => {
  it('round-trips a datetime-local value read as UTC', () => {
    expect(toUtcInput('2026-11-24T10:15:42.123Z')).toBe('2026-11-24T10:15');
    expect(fromUtcInput('2026-11-24T10:15')).toBe('2026-11-24T10:15:00.000Z');
    expect(fromUtcInput('')).toBeUndefined();
    expect(fromUtcInput('yesterday')).toBeUndefined();
  });

  it('writes a UTC minute for messages', () => {
    expect(utcMinute('2026-11-24T10:15:42.123Z')).toBe('2026-11-24 10:15 UTC');
  });
});

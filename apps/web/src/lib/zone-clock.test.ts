import { describe, expect, it } from 'vitest';
import { zoneClock } from './zone-clock';

describe('zoneClock', () => {
  it.each([
    ['Europe/Berlin', '2026-11-24T02:12:00Z', { time: '03:12', weekday: 'Tue', offset: 'UTC+1', night: true }],
    ['Europe/Berlin', '2026-07-01T12:00:00Z', { time: '14:00', weekday: 'Wed', offset: 'UTC+2', night: false }],
    ['America/New_York', '2026-11-24T02:12:00Z', { time: '21:12', weekday: 'Mon', offset: 'UTC-5', night: false }],
    ['Asia/Kolkata', '2026-11-24T02:12:00Z', { time: '07:42', weekday: 'Tue', offset: 'UTC+5:30', night: false }],
    ['UTC', '2026-11-24T23:30:00Z', { time: '23:30', weekday: 'Tue', offset: 'UTC', night: true }],
  ])('reads the wall clock in %s at %s', (zone, at, expected) => {
    expect(zoneClock(zone, new Date(at))).toEqual(expected);
  });
});

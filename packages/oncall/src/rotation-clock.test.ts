import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { parseTurn, rotationClock } from './rotation-clock';

const BERLIN = 'Europe/Berlin';
const HOUR = 3_600_000;

/** Wall-clock time of an instant in a zone, `2026-03-29T09:00+02:00`. */
function local(ms: number, zone = BERLIN): string {
  const zoned = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);
  return `${zoned.toPlainDateTime().toString({ smallestUnit: 'minute' })}${zoned.offset}`;
}

const iso = (ms: number) => new Date(ms).toISOString();

describe('turn lengths', () => {
  it.each([
    ['daily', { unit: 'day', count: 1 }],
    ['weekly', { unit: 'day', count: 7 }],
    ['3d', { unit: 'day', count: 3 }],
    ['12h', { unit: 'hour', count: 12 }],
  ])('reads %s', (text, turn) => {
    expect(parseTurn(text)).toEqual(turn);
  });

  it.each(['0d', 'hourly', '2w', '', '1.5h'])('refuses %j, naming the field', (text) => {
    expect(() => parseTurn(text, 'layers[0].rotations[0].turn')).toThrow(
      /^layers\[0\]\.rotations\[0\]\.turn: expected/,
    );
  });
});

describe('hand-offs across daylight-saving changes (Europe/Berlin, 2026)', () => {
  it('keeps a 09:00 daily hand-off at 09:00 local through the March change; the turn across it is 23 h', () => {
    const clock = rotationClock({ members: ['a', 'b'], turn: 'daily', handoff: '09:00', start: '2026-03-27' }, BERLIN);
    const starts = [0, 1, 2, 3].map((k) => clock.turnStart(k));
    expect(starts.map((ms) => local(ms))).toEqual([
      '2026-03-27T09:00+01:00',
      '2026-03-28T09:00+01:00',
      '2026-03-29T09:00+02:00',
      '2026-03-30T09:00+02:00',
    ]);
    expect([starts[1]! - starts[0]!, starts[2]! - starts[1]!, starts[3]! - starts[2]!]).toEqual([
      24 * HOUR,
      23 * HOUR,
      24 * HOUR,
    ]);
  });

  it('keeps a 09:00 daily hand-off at 09:00 local through the October change; the turn across it is 25 h', () => {
    const clock = rotationClock({ members: ['a'], turn: 'daily', handoff: '09:00', start: '2026-10-24' }, BERLIN);
    expect(local(clock.turnStart(0))).toBe('2026-10-24T09:00+02:00');
    expect(local(clock.turnStart(1))).toBe('2026-10-25T09:00+01:00');
    expect(clock.turnStart(1) - clock.turnStart(0)).toBe(25 * HOUR);
  });

  it('gives a weekly rotation a 167 h turn across the March change and a 169 h turn across October', () => {
    const march = rotationClock({ members: ['a', 'b'], turn: 'weekly', handoff: '09:00', start: '2026-03-23' }, BERLIN);
    expect(march.turnStart(1) - march.turnStart(0)).toBe(167 * HOUR);
    expect(march.turnStart(2) - march.turnStart(1)).toBe(168 * HOUR);
    const october = rotationClock(
      { members: ['a', 'b'], turn: 'weekly', handoff: '09:00', start: '2026-10-19' },
      BERLIN,
    );
    expect(october.turnStart(1) - october.turnStart(0)).toBe(169 * HOUR);
    expect(local(october.turnStart(1))).toBe('2026-10-26T09:00+01:00');
  });

  it('moves a 02:30 hand-off forward to 03:30 on the spring-forward day, when 02:30 does not exist', () => {
    const clock = rotationClock({ members: ['a', 'b'], turn: 'daily', handoff: '02:30', start: '2026-03-28' }, BERLIN);
    expect(local(clock.turnStart(0))).toBe('2026-03-28T02:30+01:00');
    expect(local(clock.turnStart(1))).toBe('2026-03-29T03:30+02:00');
    expect(local(clock.turnStart(2))).toBe('2026-03-30T02:30+02:00');
    // Both instants are 01:30 UTC: the turn before the gap is a full day, the one after it 23 h.
    expect(clock.turnStart(1) - clock.turnStart(0)).toBe(24 * HOUR);
    expect(clock.turnStart(2) - clock.turnStart(1)).toBe(23 * HOUR);
  });

  it('hands off a 02:30 rotation at the first 02:30 on the fall-back day, when 02:30 happens twice', () => {
    const clock = rotationClock({ members: ['a', 'b'], turn: 'daily', handoff: '02:30', start: '2026-10-24' }, BERLIN);
    expect(iso(clock.turnStart(1))).toBe('2026-10-25T00:30:00.000Z');
    expect(local(clock.turnStart(1))).toBe('2026-10-25T02:30+02:00');
    expect(clock.turnStart(2) - clock.turnStart(1)).toBe(25 * HOUR);
  });

  it('counts hour turns in elapsed hours, so a 12 h rotation moves an hour on the wall clock', () => {
    const clock = rotationClock({ members: ['a', 'b'], turn: '12h', handoff: '08:00', start: '2026-03-28' }, BERLIN);
    expect([0, 1, 2, 3].map((k) => local(clock.turnStart(k)))).toEqual([
      '2026-03-28T08:00+01:00',
      '2026-03-28T20:00+01:00',
      '2026-03-29T09:00+02:00',
      '2026-03-29T21:00+02:00',
    ]);
  });
});

describe('the turn in progress', () => {
  const clock = rotationClock(
    { members: ['a', 'b', 'c'], turn: 'weekly', handoff: '09:00', start: '2026-03-23', end: '2026-04-20' },
    BERLIN,
  );

  it.each([
    ['2026-03-23T07:59:59.999Z', -1],
    ['2026-03-23T08:00:00.000Z', 0],
    ['2026-03-30T06:59:59.999Z', 0],
    ['2026-03-30T07:00:00.000Z', 1],
    ['2026-04-13T07:00:00.000Z', 3],
    ['2026-04-20T06:59:59.999Z', 3],
    ['2026-04-20T07:00:00.000Z', -1],
  ])('at %s is turn %i (-1: outside the rotation)', (at, turn) => {
    expect(clock.turnAt(Date.parse(at))).toBe(turn);
  });
});

import { invalid } from '@firebreak/core';
import { Temporal } from 'temporal-polyfill';
import type { Rotation } from './model';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const TURN = /^(?:(daily)|(weekly)|([1-9][0-9]{0,3})([dh]))$/;

/** A turn length read: calendar days in the zone, or elapsed hours. */
export type Turn = { unit: 'day'; count: number } | { unit: 'hour'; count: number };

/**
 * Reads a turn length: `daily`, `weekly`, `3d`, `12h`.
 *
 * @example
 * parseTurn('weekly'); // { unit: 'day', count: 7 }
 */
export function parseTurn(text: string, path = 'turn'): Turn {
  const match = TURN.exec(text);
  if (!match) throw invalid(path, `expected daily, weekly, <n>d or <n>h, got ${JSON.stringify(text)}`);
  if (match[1]) return { unit: 'day', count: 1 };
  if (match[2]) return { unit: 'day', count: 7 };
  return { unit: match[4] === 'd' ? 'day' : 'hour', count: Number(match[3]) };
}

/**
 * The instant a wall-clock date and time happen in a zone. A time the clocks skip (02:30 on a
 * spring-forward night in Europe) is moved forward by the length of the gap (03:30); a time that
 * happens twice (02:30 on a fall-back night) is its first occurrence. This is Temporal's
 * `compatible` disambiguation, and what RFC 5545 asks of calendar apps, so a feed and the
 * schedule agree.
 */
export function wallClockToEpochMs(date: Temporal.PlainDate, time: Temporal.PlainTime, timeZone: string): number {
  return date.toPlainDateTime(time).toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
}

/**
 * A rotation with its dates resolved once, so asking who has the turn at an instant does not
 * re-parse anything.
 */
export interface RotationClock {
  readonly members: readonly string[];
  readonly turn: Turn;
  /** The first turn's start, epoch ms. */
  readonly startMs: number;
  /** When the rotation stops, epoch ms; Infinity when it does not. */
  readonly endMs: number;
  /** Start of turn `k` (k ≥ 0), epoch ms. */
  turnStart(k: number): number;
  /** The turn in progress at `t`, or -1 before the start and at or after the end. */
  turnAt(t: number): number;
}

/** Resolves a rotation's dates and hand-off time in the schedule's zone. */
export function rotationClock(rotation: Rotation, timeZone: string, path = 'rotation'): RotationClock {
  const turn = parseTurn(rotation.turn, `${path}.turn`);
  const handoff = Temporal.PlainTime.from(rotation.handoff);
  const startDate = Temporal.PlainDate.from(rotation.start);
  const startMs = wallClockToEpochMs(startDate, handoff, timeZone);
  const endMs =
    rotation.end === undefined
      ? Infinity
      : wallClockToEpochMs(Temporal.PlainDate.from(rotation.end), handoff, timeZone);
  const turnStart =
    turn.unit === 'hour'
      ? (k: number) => startMs + k * turn.count * HOUR_MS
      : (k: number) => wallClockToEpochMs(startDate.add({ days: k * turn.count }), handoff, timeZone);
  const nominalMs = turn.count * (turn.unit === 'hour' ? HOUR_MS : DAY_MS);
  return {
    members: rotation.members,
    turn,
    startMs,
    endMs,
    turnStart,
    turnAt(t) {
      if (t < startMs || t >= endMs) return -1;
      // The nominal length is off by at most the zone's offset changes, so the guess is within
      // a turn or two of the answer; walk to it.
      let k = Math.max(0, Math.floor((t - startMs) / nominalMs));
      while (k > 0 && turnStart(k) > t) k -= 1;
      while (turnStart(k + 1) <= t) k += 1;
      return k;
    },
  };
}

/** Who has turn `k` of a rotation with these members. */
export function memberOnTurn(members: readonly string[], k: number): string | undefined {
  return members.length === 0 ? undefined : members[k % members.length];
}

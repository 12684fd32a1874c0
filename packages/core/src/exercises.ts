/**
 * A drill's clock (ADR 37). Drill time starts at 0 when the facilitator starts the drill and runs
 * at the facilitator's speed: paused at 0, real time at 1, faster to skip a quiet stretch. The
 * clock is kept as segments, each opened by a start, a pause, a resume or a speed change, so any
 * wall-clock moment of the war room (a declaration, a control change) maps onto drill time and
 * the scorecard is measured on the drill's own clock. Pure: wall times are passed in.
 */
export interface ExerciseClockSegment {
  /** Wall time (ms since the epoch) the segment began. */
  wallMs: number;
  /** Drill time (ms since the drill started) at that moment. */
  drillMs: number;
  /** Drill milliseconds per wall millisecond: 0 while paused. */
  speed: number;
}

/** Where an inject stands: when it falls due on the drill clock, and who released it when. */
export interface ExerciseInjectState {
  id: string;
  /** Drill time it is due at, once known (a clock inject always; a conditional one once its condition is met). */
  dueMs: number | null;
  releasedMs: number | null;
  releasedAt: string | null;
  releasedBy: string | null;
}

/** The fastest a drill clock may run: an hour of scenario a minute. */
export const MAX_EXERCISE_SPEED = 60;

/** The segment in force at a wall time (the first one before the drill started). */
function segmentAt(clock: readonly ExerciseClockSegment[], wallMs: number): ExerciseClockSegment | undefined {
  let found: ExerciseClockSegment | undefined;
  for (const segment of clock) {
    if (segment.wallMs <= wallMs) found = segment;
    else break;
  }
  return found;
}

/**
 * Drill time at a wall time; 0 before the drill started (or for a clock never started).
 *
 * @example
 * const clock = [{ wallMs: 0, drillMs: 0, speed: 10 }];
 * drillTimeAt(clock, 6_000); // 60000: a minute of drill in six seconds
 */
export function drillTimeAt(clock: readonly ExerciseClockSegment[], wallMs: number): number {
  const segment = segmentAt(clock, wallMs);
  if (!segment) return 0;
  return segment.drillMs + (wallMs - segment.wallMs) * segment.speed;
}

/**
 * The wall time at which drill time reaches `drillMs` if the clock keeps its current speed;
 * null when it is paused before getting there. A past drill time maps to when it passed.
 */
export function wallTimeOf(clock: readonly ExerciseClockSegment[], drillMs: number): number | null {
  for (let i = 0; i < clock.length; i += 1) {
    const segment = clock[i]!;
    const next = clock[i + 1];
    if (drillMs < segment.drillMs) continue;
    const reach = segment.speed > 0 ? segment.wallMs + (drillMs - segment.drillMs) / segment.speed : null;
    if (next === undefined) return reach;
    if (reach !== null && reach <= next.wallMs) return reach;
  }
  return null;
}

/** The clock with a new speed from `wallMs` on (0 pauses); the past is never rewritten. */
export function changeSpeed(
  clock: readonly ExerciseClockSegment[],
  wallMs: number,
  speed: number,
): ExerciseClockSegment[] {
  if (!(speed >= 0 && speed <= MAX_EXERCISE_SPEED)) throw new RangeError(`speed must be 0..${MAX_EXERCISE_SPEED}`);
  const last = clock.at(-1);
  if (last && wallMs < last.wallMs) throw new RangeError('the clock cannot change in the past');
  return [...clock, { wallMs, drillMs: drillTimeAt(clock, wallMs), speed }];
}

/** The speed the clock runs at now: 0 while paused or before the start. */
export function currentSpeed(clock: readonly ExerciseClockSegment[]): number {
  return clock.at(-1)?.speed ?? 0;
}

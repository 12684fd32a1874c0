import type { Exercise, ExerciseInject } from '@firebreak/contract';

/** The speeds the facilitator's buttons offer: drill minutes per real minute. */
export const SPEEDS = [1, 5, 10, 30, 60] as const;

/**
 * Drill time as a clock reads it: `m:ss` under an hour, `h:mm:ss` past it; negative (before the
 * start) never shows.
 *
 * @example
 * drillTime(754_000); // '12:34'
 * drillTime(3_723_000); // '1:02:03'
 */
export function drillTime(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/**
 * The drill clock now, between two reads of the drill: the server's reading moved on by the wall
 * time since, at the drill's speed, while it runs.
 *
 * @example
 * drillNow({ status: 'running', clock: { nowMs: 60_000, speed: 30 } }, 1_000, 3_000); // 120_000
 */
export function drillNow(
  exercise: { status: Exercise['status']; clock: Pick<Exercise['clock'], 'nowMs' | 'speed'> },
  readAt: number,
  now: number,
): number {
  if (exercise.status !== 'running') return exercise.clock.nowMs;
  return exercise.clock.nowMs + Math.max(0, now - readAt) * exercise.clock.speed;
}

/** `×30`, `×0.5`. */
export function speedText(speed: number): string {
  return `×${Number.isInteger(speed) ? speed : speed.toFixed(1)}`;
}

/** What a drill's status means to the people in it. */
export const STATUS_TEXT: Record<Exercise['status'], string> = {
  ready: 'ready to start',
  running: 'running',
  paused: 'paused',
  ended: 'ended',
};

export const MODE_TEXT: Record<Exercise['mode'], string> = {
  live_fire: 'live fire',
  tabletop: 'tabletop',
};

/** Where an inject stands: released at a drill time, due at one, or waiting on its condition. */
export function injectState(inject: ExerciseInject): { text: string; released: boolean } {
  if (inject.releasedMs !== null)
    return {
      text: `released at ${drillTime(inject.releasedMs)}${inject.releasedBy ? ` by ${inject.releasedBy}` : ''}`,
      released: true,
    };
  if (inject.dueMs !== null) return { text: `due at ${drillTime(inject.dueMs)}`, released: false };
  return { text: `waits: ${inject.trigger}`, released: false };
}

/** A scorecard item's verdict in a word. */
export function verdictText(met: boolean | null): string {
  if (met === true) return 'met';
  if (met === false) return 'missed';
  return 'open';
}

/** The file name a drill report downloads as. */
export function reportFileName(exercise: { id: string; scenario: { id: string } }): string {
  return `${exercise.id}-${exercise.scenario.id}.md`;
}

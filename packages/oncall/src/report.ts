import type { Override, Person, Schedule, Team } from './model';
import { type InstantInput, overridesFor, planSchedule, toEpochMs } from './on-call';
import { shifts } from './shifts';

/** Who can be reached and who is on call: the on-call sections of firebreak.yaml together. */
export interface Directory {
  people?: readonly Person[] | undefined;
  teams?: readonly Team[] | undefined;
  /** Schedules as declared; their overrides come from `overrides`. */
  schedules?: readonly Omit<Schedule, 'overrides'>[] | undefined;
  overrides?: readonly Override[] | undefined;
}

/** One schedule's answer to "who is on call at T". */
export interface OnCallRow {
  schedule: string;
  /** The team whose schedule it is, if one names it. */
  team: string | null;
  person: string | null;
  /** The person's name, or their id when the directory does not list them. */
  name: string | null;
  layer: string | null;
  override: string | null;
  /** When this person's shift ends (UTC ISO-8601), looked for up to 90 days ahead; null when nobody is on call. */
  until: string | null;
}

const HORIZON = 90 * 86_400_000;

/** A schedule of the directory with its overrides attached, or undefined when there is no such id. */
export function scheduleOf(directory: Directory, id: string): Schedule | undefined {
  const schedule = directory.schedules?.find((s) => s.id === id);
  return schedule && { ...schedule, overrides: overridesFor(id, directory.overrides ?? []) };
}

/**
 * Who is on call at `at` on every schedule of the directory (or only `only`), what decided it
 * and until when: what `firebreak oncall` and `GET /oncall` show.
 *
 * @example
 * onCallReport(directory, '2026-12-25T12:00:00Z'); // [{ schedule: 'talent-ai-oncall', person: 'priya-nair', … }]
 */
export function onCallReport(directory: Directory, at: InstantInput, only?: string): OnCallRow[] {
  const t = toEpochMs(at);
  const names = new Map((directory.people ?? []).map((person) => [person.id, person.name]));
  return (directory.schedules ?? [])
    .filter((schedule) => only === undefined || schedule.id === only)
    .map((declared) => {
      const plan = planSchedule(scheduleOf(directory, declared.id)!);
      const current = shifts(plan, new Date(t), new Date(t + HORIZON)).find((shift) => Date.parse(shift.start) <= t);
      const team = directory.teams?.find((candidate) => candidate.schedule === declared.id);
      const person = current?.person ?? null;
      return {
        schedule: declared.id,
        team: team?.id ?? null,
        person,
        name: person === null ? null : (names.get(person) ?? person),
        layer: current?.layer ?? null,
        override: current?.override ?? null,
        until: current?.end ?? null,
      };
    });
}

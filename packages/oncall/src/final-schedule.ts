import type { Schedule, Shift } from './model';
import type { InstantInput } from './on-call';
import { shifts } from './shifts';

/** A period of the final schedule: who is on call, whatever layer or override put them there. */
export interface FinalEntry {
  person: string;
  start: string;
  end: string;
}

/**
 * A schedule laid out the way people read one: each layer on its own (as if it were the only
 * one, without overrides), the periods overrides decided, and the final result.
 */
export interface FinalSchedule {
  schedule: string;
  timeZone: string;
  layers: Array<{ layer: string; shifts: Shift[] }>;
  overrides: Shift[];
  final: FinalEntry[];
}

/**
 * The schedule between two instants, layer by layer and in the end. Consecutive shifts of the
 * same person are one entry of `final`, even when a different layer or an override decided them.
 *
 * @example
 * finalSchedule(schedule, '2026-10-19T00:00:00Z', '2026-11-02T00:00:00Z').final;
 */
export function finalSchedule(schedule: Schedule, from: InstantInput, to: InstantInput): FinalSchedule {
  const all = shifts(schedule, from, to);
  const layers = schedule.layers.map((layer) => ({
    layer: layer.id,
    shifts: shifts({ ...schedule, layers: [layer], overrides: [] }, from, to),
  }));
  const final: FinalEntry[] = [];
  for (const shift of all) {
    const last = final.at(-1);
    if (last && last.person === shift.person && last.end === shift.start) last.end = shift.end;
    else final.push({ person: shift.person, start: shift.start, end: shift.end });
  }
  return {
    schedule: schedule.id,
    timeZone: schedule.timeZone,
    layers,
    overrides: all.filter((shift) => shift.override !== null),
    final,
  };
}

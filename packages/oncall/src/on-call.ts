import { invalid } from '@firebreak/core';
import type { OnCall, Override, Schedule } from './model';
import { memberOnTurn, type RotationClock, rotationClock } from './rotation-clock';

/** An instant as the API passes it: an ISO-8601 string or a Date. */
export type InstantInput = string | Date;

/** Epoch ms of an instant, refusing one that is not a time. */
export function toEpochMs(at: InstantInput, path = 'at'): number {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(ms)) throw invalid(path, `expected an ISO-8601 timestamp, got ${JSON.stringify(String(at))}`);
  return ms;
}

interface OverrideWindow {
  override: Override;
  fromMs: number;
  toMs: number;
}

/** A schedule with every date resolved in its zone, ready to be asked many times. */
export interface SchedulePlan {
  readonly schedule: Schedule;
  /** Lowest layer first, as in the schedule. */
  readonly layers: ReadonlyArray<{ id: string; rotations: readonly RotationClock[] }>;
  readonly overrides: readonly OverrideWindow[];
}

/**
 * Resolves a schedule's rotations and overrides once. `whoIsOnCall` and `shifts` take a
 * schedule and plan it themselves; plan it yourself to ask about many instants.
 */
export function planSchedule(schedule: Schedule): SchedulePlan {
  const layers = schedule.layers.map((layer, li) => ({
    id: layer.id,
    rotations: layer.rotations.map((rotation, ri) =>
      rotationClock(rotation, schedule.timeZone, `layers[${li}].rotations[${ri}]`),
    ),
  }));
  const overrides = (schedule.overrides ?? []).map((override, index) => ({
    override,
    fromMs: toEpochMs(override.from, `overrides[${index}].from`),
    toMs: toEpochMs(override.to, `overrides[${index}].to`),
  }));
  return { schedule, layers, overrides };
}

/** Who the layers put on call at `t`: the highest layer with someone wins. */
function fromLayers(plan: SchedulePlan, t: number): { person: string | null; layer: string | null } {
  for (let li = plan.layers.length - 1; li >= 0; li -= 1) {
    const layer = plan.layers[li]!;
    for (const rotation of layer.rotations) {
      const turn = rotation.turnAt(t);
      const person = turn < 0 ? undefined : memberOnTurn(rotation.members, turn);
      if (person !== undefined) return { person, layer: layer.id };
    }
  }
  return { person: null, layer: null };
}

/**
 * Who is on call at epoch ms `t` under a plan. The last override in the list that covers `t`
 * (and, when it names whom it replaces, finds that person on call) wins.
 */
export function onCallAt(plan: SchedulePlan, t: number): OnCall {
  const base = fromLayers(plan, t);
  for (let i = plan.overrides.length - 1; i >= 0; i -= 1) {
    const { override, fromMs, toMs } = plan.overrides[i]!;
    if (t < fromMs || t >= toMs) continue;
    if (override.replacing !== undefined && override.replacing !== base.person) continue;
    return { person: override.person, layer: base.layer, override: override.id };
  }
  return { ...base, override: null };
}

/**
 * Who is on call on a schedule at an instant, with the layer whose rotation has the turn and the
 * override in force, if any.
 *
 * @example
 * whoIsOnCall(schedule, '2026-03-29T10:00:00Z'); // { person: 'dana', layer: 'primary', override: null }
 */
export function whoIsOnCall(schedule: Schedule, at: InstantInput): OnCall {
  return onCallAt(planSchedule(schedule), toEpochMs(at));
}

/** The overrides of one schedule, from the config's list of all of them. */
export function overridesFor(scheduleId: string, overrides: readonly Override[]): Override[] {
  return overrides.filter((override) => override.schedule === scheduleId);
}

import { invalid } from '@firebreak/core';
import type { OnCall, Schedule, Shift } from './model';
import { type InstantInput, onCallAt, planSchedule, type SchedulePlan, toEpochMs } from './on-call';
import type { RotationClock } from './rotation-clock';

/**
 * Every instant in (from, to) where the answer to "who is on call" may change: hand-offs,
 * rotation starts and ends, override edges. Between two of them the answer is constant.
 */
function changePoints(plan: SchedulePlan, fromMs: number, toMs: number): number[] {
  const points = new Set<number>([fromMs]);
  const add = (t: number) => {
    if (t > fromMs && t < toMs) points.add(t);
  };
  for (const layer of plan.layers) for (const rotation of layer.rotations) handOffs(rotation, fromMs, toMs, add);
  for (const { fromMs: start, toMs: end } of plan.overrides) {
    add(start);
    add(end);
  }
  return [...points].sort((a, b) => a - b);
}

function handOffs(rotation: RotationClock, fromMs: number, toMs: number, add: (t: number) => void): void {
  add(rotation.startMs);
  add(rotation.endMs);
  const first = rotation.turnAt(Math.max(fromMs, rotation.startMs));
  if (first < 0) return;
  for (let k = first + 1; ; k += 1) {
    const t = rotation.turnStart(k);
    if (t >= toMs || t >= rotation.endMs) return;
    add(t);
  }
}

const same = (a: OnCall, b: Shift) => a.person === b.person && a.layer === b.layer && a.override === b.override;

/**
 * The shifts of a schedule between two instants, cut to [from, to): each a period with one
 * person on call decided by the same layer and override, neighbours that agree merged. Periods
 * with nobody on call are left out, so with every layer staffed the shifts tile [from, to).
 *
 * @example
 * shifts(schedule, '2026-03-23T00:00:00Z', '2026-03-30T00:00:00Z');
 * // [{ person: 'dana', start: '…', end: '…', layer: 'primary', override: null }, …]
 */
export function shifts(schedule: Schedule | SchedulePlan, from: InstantInput, to: InstantInput): Shift[] {
  const plan = 'layers' in schedule && 'schedule' in schedule ? schedule : planSchedule(schedule);
  const fromMs = toEpochMs(from, 'from');
  const toMs = toEpochMs(to, 'to');
  if (toMs <= fromMs) throw invalid('to', 'must be after from');
  const points = changePoints(plan, fromMs, toMs);
  const result: Shift[] = [];
  points.forEach((t, index) => {
    const endMs = points[index + 1] ?? toMs;
    const onCall = onCallAt(plan, t);
    const last = result.at(-1);
    if (onCall.person === null) return;
    if (last && same(onCall, last) && last.end === new Date(t).toISOString()) {
      last.end = new Date(endMs).toISOString();
      return;
    }
    result.push({
      person: onCall.person,
      start: new Date(t).toISOString(),
      end: new Date(endMs).toISOString(),
      layer: onCall.layer,
      override: onCall.override,
    });
  });
  return result;
}

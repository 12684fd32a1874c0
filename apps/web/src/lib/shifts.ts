import type { OnCallResponse } from '@firebreak/contract';

/** How far ahead the on-call page lists shifts. */
export const SHIFT_HORIZON_DAYS = 14;

/** At most this many hand-offs are asked for per schedule: a 6-hour rotation over two weeks is 56. */
const MAX_HANDOFFS = 60;

/** One row of `GET /oncall`: a schedule and who it has on call at an instant. */
export type OnCallRow = OnCallResponse['onCall'][number];

/** Someone on call (or nobody) from one hand-off to the next. */
export interface Shift {
  person: string | null;
  name: string | null;
  layer: string | null;
  override: string | null;
  /** The shift's start, or the moment asked about for the shift running then. */
  from: string;
  /** The next hand-off; null when the schedule names no end (nobody on call, or a rotation without one). */
  until: string | null;
}

/** The shifts found, and whether they reach the end of the period or stopped at the hand-off limit. */
export interface ShiftList {
  shifts: Shift[];
  complete: boolean;
}

/**
 * The shifts of one schedule from `from` to `to`, found by asking who is on call at each hand-off
 * (`ask` is `onCall({ at, schedule })`). Consecutive answers naming the same person, layer and
 * override are one shift. Stops at a gap (nobody on call, so no next hand-off is known), at `to`,
 * or after 60 hand-offs (then `complete` is false).
 *
 * @example
 * await collectShifts((at) => client.onCall({ at, schedule }).then((r) => r.onCall[0]), now, inTwoWeeks);
 */
export async function collectShifts(
  ask: (at: string) => Promise<OnCallRow | undefined>,
  from: Date,
  to: Date,
): Promise<ShiftList> {
  const shifts: Shift[] = [];
  let at = from.toISOString();
  for (let asked = 0; asked < MAX_HANDOFFS; asked += 1) {
    const row = await ask(at);
    if (!row) return { shifts, complete: true };
    const previous = shifts.at(-1);
    if (previous && sameShift(previous, row)) previous.until = row.until;
    else
      shifts.push({
        person: row.person,
        name: row.name,
        layer: row.layer,
        override: row.override,
        from: at,
        until: row.until,
      });
    // A hand-off that does not move forward would ask the same question forever.
    if (row.until === null || Date.parse(row.until) >= to.getTime() || Date.parse(row.until) <= Date.parse(at))
      return { shifts, complete: true };
    at = row.until;
  }
  return { shifts, complete: false };
}

function sameShift(shift: Shift, row: OnCallRow): boolean {
  return shift.person === row.person && shift.layer === row.layer && shift.override === row.override;
}

/**
 * What decided a shift, in words: `override dana-holiday`, `layer primary`, or nothing when
 * nobody is on call.
 */
export function decidedBy(shift: Pick<Shift, 'layer' | 'override'>): string | null {
  if (shift.override) return `override ${shift.override}`;
  if (shift.layer) return `layer ${shift.layer}`;
  return null;
}

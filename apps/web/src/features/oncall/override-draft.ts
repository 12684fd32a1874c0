import type { AddOverrideRequest } from '@firebreak/contract';
import { fromUtcInput } from '../../lib/time';

/** What the "Take the pager" form holds: times as UTC `datetime-local` values. */
export interface OverrideDraft {
  schedule: string;
  person: string;
  from: string;
  to: string;
  /** Empty: for everyone on the schedule. */
  replacing: string;
  reason: string;
}

/** The longest id the override routes take (`/directory/overrides/{id}`). */
const MAX_ID = 63;

/**
 * An id for a new override that the routes accept (`a-z`, `0-9`, `-`), named after who takes the
 * pager and the day it starts, and not yet used: `lee-park-2026-11-24`, then `-2`, `-3`…
 *
 * @example
 * overrideId('lee.park', '2026-11-24T22:00:00.000Z', ['lee-park-2026-11-24']); // 'lee-park-2026-11-24-2'
 */
export function overrideId(person: string, from: string | undefined, taken: readonly string[]): string {
  const day = from ? from.slice(0, 10) : 'now';
  const who = person
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const base = `${who || 'override'}-${day}`.slice(0, MAX_ID - 3).replace(/-+$/, '');
  const used = new Set(taken);
  if (!used.has(base)) return base;
  let n = 2;
  while (used.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

/**
 * The request the form sends: times read back from UTC inputs (a time that does not parse is
 * sent as typed, so the server names the field), optional fields left out when empty.
 *
 * @example
 * overrideRequest({ schedule: 'primary', person: 'lee', from: '2026-11-24T22:00', to: '2026-11-25T06:00', replacing: '', reason: '' }, []);
 * // { id: 'lee-2026-11-24', schedule: 'primary', person: 'lee', from: '2026-11-24T22:00:00.000Z', to: '2026-11-25T06:00:00.000Z' }
 */
export function overrideRequest(draft: OverrideDraft, taken: readonly string[]): AddOverrideRequest {
  const from = fromUtcInput(draft.from);
  const to = fromUtcInput(draft.to);
  const request: AddOverrideRequest = {
    id: overrideId(draft.person, from, taken),
    schedule: draft.schedule,
    person: draft.person,
    from: from ?? draft.from,
    to: to ?? draft.to,
  };
  if (draft.replacing) request.replacing = draft.replacing;
  if (draft.reason.trim()) request.reason = draft.reason.trim();
  return request;
}

/**
 * What the override is about to do, in a sentence the form shows before it is sent; undefined
 * until the form names a person and a valid period.
 *
 * @example
 * overrideSummary(draft, (id) => names[id], 'Support AI primary'); // 'Lee Park takes the Support AI primary pager for 8h, for everyone.'
 */
export function overrideSummary(
  draft: OverrideDraft,
  name: (id: string) => string,
  scheduleName: string,
): string | undefined {
  const from = fromUtcInput(draft.from);
  const to = fromUtcInput(draft.to);
  if (!draft.person || !from || !to) return undefined;
  const hours = (Date.parse(to) - Date.parse(from)) / 3_600_000;
  if (hours <= 0) return undefined;
  const length = hours >= 48 && hours % 24 === 0 ? `${hours / 24} days` : `${Math.round(hours * 10) / 10}h`;
  const instead = draft.replacing ? `, only while ${name(draft.replacing)} would be on call` : ', for everyone';
  return `${name(draft.person)} takes the ${scheduleName} pager for ${length}${instead}.`;
}

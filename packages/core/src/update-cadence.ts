import { durationMs } from './duration';
import { isOpen, type Status } from './lifecycle';
import type { Severity } from './severity';

/**
 * How often each severity owes a status update (a duration per severity), and `remindBefore`: how
 * long before an update is due the comms lead is reminded.
 */
export type UpdateCadence = { [K in Severity | 'remindBefore']: string };

/** The seeds' cadence: SEV1 every 30 minutes, SEV2 hourly, SEV3 every 4 hours, SEV4 daily. */
export const DEFAULT_UPDATE_CADENCE: UpdateCadence = {
  SEV1: '30m',
  SEV2: '1h',
  SEV3: '4h',
  SEV4: '1d',
  remindBefore: '5m',
};

/** The incident facts the cadence reads. */
export interface CadenceSubject {
  id: string;
  severity: Severity;
  status: Status;
  declaredAt: string;
  /** When the severity was last set; the declaration when it never changed. */
  severitySetAt: string;
}

export interface UpdateDue {
  dueAt: string;
  /** When to remind the comms lead: `remindBefore` ahead of `dueAt`, never before the clock started. */
  remindAt: string;
  /** Seconds past `dueAt`; 0 while not yet due. */
  overdueBy: number;
  overdue: boolean;
  /** Idempotency key of the reminder for this due time: one reminder per update owed. */
  reminderKey: string;
}

/**
 * When the next status update is due. The clock runs from the later of the last update (the
 * declaration if none yet) and the last severity change, so a raised severity asks for its first
 * update one new interval after the change rather than at once, as the response deadline does
 * (ADR 6). An incident that is no longer being worked owes no updates: null.
 *
 * @example
 * updateDue(incident, '2026-11-24T10:00:00.000Z', '2026-11-24T10:40:00.000Z');
 * // SEV1: { dueAt: '…T10:30:00.000Z', overdueBy: 600, overdue: true, remindAt: '…T10:25:00.000Z', … }
 */
export function updateDue(
  incident: CadenceSubject,
  lastUpdateAt: string | null,
  now: string,
  cadence: UpdateCadence = DEFAULT_UPDATE_CADENCE,
): UpdateDue | null {
  if (!isOpen(incident.status)) return null;
  const since = Math.max(Date.parse(lastUpdateAt ?? incident.declaredAt), Date.parse(incident.severitySetAt));
  const due = since + durationMs(cadence[incident.severity]);
  const remind = Math.max(since, due - durationMs(cadence.remindBefore));
  const late = Date.parse(now) - due;
  const overdueBy = Math.max(0, Math.floor(late / 1000));
  const dueAt = new Date(due).toISOString();
  return {
    dueAt,
    remindAt: new Date(remind).toISOString(),
    overdueBy,
    overdue: late > 0,
    reminderKey: [incident.id, 'update_reminder', dueAt].map(encodeURIComponent).join(':'),
  };
}

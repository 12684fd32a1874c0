import type { Incident } from '@firebreak/contract';
import { isOpen, SEVERITY_INFO } from '@firebreak/core';
import { countdown, formatDuration } from './time';

export type Tone = 'ok' | 'warn' | 'bad' | 'neutral' | 'muted';

export interface ClockState {
  tone: Tone;
  /** `in 12m 30s`, `overdue by 3m`, `acknowledged`, `contained late`. */
  text: string;
  /** The moment the text is about: the deadline, or when it was met. */
  at: string | null;
}

/** Below this share of its SLA left, a running clock turns amber. */
const WARN_SHARE = 0.25;

/** `totalMinutes` is the clock's full length (the severity's SLA), to tell when it runs short. */
function running(deadline: string, totalMinutes: number, now: Date, overdueFlag: boolean): ClockState {
  const left = countdown(deadline, now);
  if (left.overdue || overdueFlag) return { tone: 'bad', text: left.overdue ? left.text : 'overdue', at: deadline };
  const tone: Tone = left.remainingMs / (totalMinutes * 60_000) < WARN_SHARE ? 'warn' : 'neutral';
  return { tone, text: left.text, at: deadline };
}

/**
 * Where the acknowledgement clock stands: counting down, overdue, or met (on time or late).
 *
 * @example
 * ackClock(incident, now); // { tone: 'bad', text: 'overdue by 3m 10s', at: '2026-11-24T10:15:00.000Z' }
 */
export function ackClock(incident: Pick<Incident, 'status' | 'response' | 'severity'>, now: Date): ClockState {
  const { response } = incident;
  if (response.acknowledgedAt) {
    return {
      tone: response.late ? 'warn' : 'ok',
      text: response.late ? 'acknowledged late' : 'acknowledged',
      at: response.acknowledgedAt,
    };
  }
  if (!isOpen(incident.status)) return { tone: 'muted', text: 'never acknowledged', at: null };
  return running(response.deadline, SEVERITY_INFO[incident.severity].responseMinutes, now, response.overdue);
}

/** Where the containment target stands: counting down, overdue, or contained (on time or late). */
export function containClock(
  incident: Pick<Incident, 'status' | 'response' | 'metrics' | 'severity'>,
  now: Date,
): ClockState {
  const { response, metrics } = incident;
  if (metrics.containedAt) {
    const late = Date.parse(metrics.containedAt) > Date.parse(response.containDeadline);
    return { tone: late ? 'warn' : 'ok', text: late ? 'contained late' : 'contained', at: metrics.containedAt };
  }
  if (!isOpen(incident.status))
    return { tone: 'muted', text: incident.status === 'dismissed' ? 'dismissed' : 'not contained', at: null };
  return running(
    response.containDeadline,
    SEVERITY_INFO[incident.severity].containMinutes,
    now,
    response.containOverdue,
  );
}

/** The status-update clock: a ClockState for the war room, and a short badge for lists. */
export interface UpdateClockState extends ClockState {
  /** `update due in 12m`, `update overdue 8m`: minutes once past a minute, for a list that re-renders every second. */
  badge: string;
}

/** Whole minutes past a minute (`12m`, `1h 5m`), seconds below it (`45s`). */
function roughly(ms: number): string {
  const seconds = Math.max(0, Math.trunc(Math.abs(ms) / 1000));
  return formatDuration(seconds < 60 ? seconds : Math.floor(seconds / 60) * 60);
}

/**
 * Where the status-update cadence stands: when the next update is owed, amber from the reminder
 * on, red once overdue (the server's flag counts even before the local clock agrees). Null when
 * no update is owed: the incident is finished, or the server keeps no clock for it.
 *
 * @example
 * updateClock(incident, now)?.badge; // 'update due in 12m'
 */
export function updateClock(incident: Pick<Incident, 'status' | 'updates'>, now: Date): UpdateClockState | null {
  const { updates } = incident;
  if (!updates || !isOpen(incident.status)) return null;
  const left = countdown(updates.dueAt, now);
  if (left.overdue || updates.overdue) {
    const lateMs = left.overdue ? -left.remainingMs : updates.overdueBy * 1000;
    return {
      tone: 'bad',
      text: lateMs > 0 ? `overdue by ${formatDuration(Math.trunc(lateMs / 1000))}` : 'overdue',
      at: updates.dueAt,
      badge: lateMs >= 1000 ? `update overdue ${roughly(lateMs)}` : 'update overdue',
    };
  }
  const reminding = now.getTime() >= Date.parse(updates.remindAt);
  return {
    tone: reminding ? 'warn' : 'neutral',
    text: left.text,
    at: updates.dueAt,
    badge: `update due in ${roughly(left.remainingMs)}`,
  };
}

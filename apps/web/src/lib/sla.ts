import type { Incident } from '@firebreak/contract';
import { isOpen, SEVERITY_INFO } from '@firebreak/core';
import { countdown } from './time';

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

import type { Alert, Approval, Control } from '@firebreak/contract';
import { describeState, isOpen } from '@firebreak/core';
import type { IncidentDetail } from '@firebreak/sdk';
import { stateTone } from '../../lib/control-tone';
import { ackClock, type ClockState, containClock } from '../../lib/sla';
import { countdown, formatDuration } from '../../lib/time';

/** One control holding something back: its key, its state in words, and when it reverts. */
export interface Holding {
  key: string;
  state: string;
  until: string | null;
}

/** What the sticky strip on an incident page says, computed from what the page already reads. */
export interface IncidentSummary {
  /** Resolved, closed or dismissed: no clocks run, nothing is due. */
  finished: boolean;
  ack: ClockState | null;
  contain: ClockState | null;
  /** `open 2h 5m` while worked; `took 3h 10m` (declared to resolved) once finished. */
  elapsed: string;
  commander: string | null;
  holding: Holding[];
  /** When the next status update is owed, and whether any was posted yet. */
  nextUpdate: { at: string; text: string; overdue: boolean; posted: boolean } | null;
  pendingApprovals: number;
  alerts: { total: number; firing: number };
}

/** A control is holding something back when its state is not the plain, everything-on one. */
function holds(control: Control): boolean {
  const tone = stateTone(control.state);
  return tone === 'bad' || tone === 'warn' || tone === 'info';
}

function elapsedText(incident: IncidentDetail, finished: boolean, now: Date): string {
  const from = Date.parse(incident.declaredAt);
  if (!finished) return `open ${formatDuration(Math.max(0, Math.round((now.getTime() - from) / 1000)))}`;
  const end = incident.metrics.resolvedAt ?? incident.metrics.closedAt ?? incident.updatedAt;
  return `took ${formatDuration(Math.max(0, Math.round((Date.parse(end) - from) / 1000)))}`;
}

/**
 * The next update owed: the earlier of the server's cadence clock and the time the latest update
 * promised its readers, so neither a rule nor a promise is missed.
 */
function nextUpdateOf(incident: IncidentDetail, now: Date): IncidentSummary['nextUpdate'] {
  const latest = incident.statusUpdates.reduce<IncidentDetail['statusUpdates'][number] | undefined>(
    (found, update) => (!found || update.postedAt > found.postedAt ? update : found),
    undefined,
  );
  const promised = latest?.nextUpdateAt ?? null;
  const cadence = incident.updates?.dueAt ?? null;
  const at =
    promised && cadence ? (Date.parse(promised) < Date.parse(cadence) ? promised : cadence) : (promised ?? cadence);
  if (!at) return null;
  const left = countdown(at, now);
  const serverOverdue = at === cadence && incident.updates?.overdue === true;
  return { at, text: left.text, overdue: left.overdue || serverOverdue, posted: latest !== undefined };
}

/**
 * Everything a responder arriving at 3 a.m. needs first: severity and status are on the incident;
 * this adds the clocks (none once finished), the commander, what the incident's systems hold
 * back and until when, the next update due, approvals waiting and the linked alerts.
 *
 * @example
 * incidentSummary({ incident, controls, approvals, alerts, now }).commander; // 'Dana Reyes'
 */
export function incidentSummary(input: {
  incident: IncidentDetail;
  controls: readonly Control[];
  approvals: readonly Approval[];
  alerts: readonly Pick<Alert, 'status'>[];
  now: Date;
}): IncidentSummary {
  const { incident, now } = input;
  const finished = !isOpen(incident.status);
  const systems = (key: string) => incident.systems.some((system) => key.startsWith(`${system}.`));
  return {
    finished,
    ack: finished ? null : ackClock(incident, now),
    contain: finished ? null : containClock(incident, now),
    elapsed: elapsedText(incident, finished, now),
    commander: incident.roles.find((holder) => holder.role === 'incident_commander')?.person ?? null,
    holding: input.controls
      .filter((control) => incident.systems.includes(control.system) && holds(control))
      .map((control) => ({ key: control.key, state: describeState(control.state), until: control.expiresAt })),
    nextUpdate: finished ? null : nextUpdateOf(incident, now),
    pendingApprovals: input.approvals.filter((approval) => approval.status === 'pending' && systems(approval.key))
      .length,
    alerts: {
      total: input.alerts.length,
      firing: input.alerts.filter((alert) => alert.status === 'firing').length,
    },
  };
}

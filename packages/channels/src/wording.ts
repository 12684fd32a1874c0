import type { Severity } from '@firebreak/core';
import type { Notification, NotificationKind } from './notification';

/** The word each kind leads with, in subjects, headers and card titles. */
export const KIND_LABELS: Record<NotificationKind, string> = {
  page: 'Page',
  update: 'Update',
  escalation: 'Escalation',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
  digest: 'Digest',
};

/**
 * How urgent the subject is, the key of every channel's colour, emoji and severity: an
 * incident's severity, or an alert's level.
 */
export type Urgency = Severity | 'ALERT' | 'WARNING';

/** What a notification is about, as every channel names it: an incident, or an alert no incident holds. */
export interface Subject {
  kind: 'incident' | 'alert';
  /** `INC-12` or `ALR-41`. */
  id: string;
  title: string;
  urgency: Urgency;
  system: string;
  /** The incident's type, or the alert's monitor: what a receiver groups by. */
  class: string;
  status: string;
}

/**
 * The subject of a notification: its incident, or its alert.
 *
 * @example
 * subjectOf(notification).id; // 'INC-12'
 */
export function subjectOf(notification: Notification): Subject {
  const { incident, alert } = notification;
  if (incident)
    return {
      kind: 'incident',
      id: incident.id,
      title: incident.title,
      urgency: incident.severity,
      system: incident.system,
      class: incident.type,
      status: incident.status,
    };
  if (!alert) throw new TypeError('notification: about neither an incident nor an alert');
  return {
    kind: 'alert',
    id: alert.id,
    title: alertTitle(alert),
    urgency: alert.level === 'page' ? 'ALERT' : 'WARNING',
    system: alert.system,
    class: alert.monitor,
    status: alert.status,
  };
}

/**
 * The one line every channel leads with: `[SEV1] Page: INC-12 PII in support replies`.
 *
 * @example
 * headline(notification); // '[SEV1] Page: INC-12 PII in support replies'
 */
export function headline(notification: Notification): string {
  const subject = subjectOf(notification);
  return `[${subject.urgency}] ${KIND_LABELS[notification.kind]}: ${subject.id} ${subject.title}`;
}

/**
 * What an alert saw, in one line: `pii-rate saw flag:pii at 0.03 (threshold 0) in tenant=acme`.
 * Every message about an alert, and the page its acknowledge link opens, leads with it.
 */
export function alertTitle(alert: {
  monitor: string;
  signal: string;
  value: number;
  threshold: number;
  segment?: Readonly<Record<string, string>> | null | undefined;
}): string {
  return `${alert.monitor} saw ${alert.signal} at ${round(alert.value)} (threshold ${round(alert.threshold)})${segmentText(alert.segment ?? undefined)}`;
}

const round = (value: number) => Number(value.toPrecision(4));

function segmentText(segment: Readonly<Record<string, string>> | undefined): string {
  const parts = Object.entries(segment ?? {}).map(([key, value]) => `${key}=${value}`);
  return parts.length > 0 ? ` in ${parts.join(', ')}` : '';
}

/** `2026-11-24 10:15 UTC`: readable on a phone, unambiguous across time zones. */
export function formatClock(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** A labelled fact a channel lays out as a field: clocks, owner, system, status. */
export interface Fact {
  label: string;
  value: string;
}

/** The facts every channel shows, in the order a responder needs them; absent ones are left out. */
export function facts(notification: Notification): Fact[] {
  const { incident, alert, clocks, owner } = notification;
  const list: Fact[] = incident
    ? [
        { label: 'Severity', value: incident.severity },
        { label: 'Status', value: incident.status },
        { label: 'System', value: incident.system },
        { label: 'Type', value: incident.type },
      ]
    : alert
      ? [
          { label: 'Level', value: alert.level === 'page' ? 'page (no incident yet)' : 'warning' },
          { label: 'Status', value: alert.status },
          { label: 'System', value: alert.system },
          { label: 'Monitor', value: alert.monitor },
          { label: 'Signal', value: `${alert.signal}: ${round(alert.value)} against ${round(alert.threshold)}` },
          ...(alert.segment && Object.keys(alert.segment).length > 0
            ? [{ label: 'Segment', value: segmentText(alert.segment).slice(4) }]
            : []),
        ]
      : [];
  if (owner) list.push({ label: 'Owner', value: owner });
  if (clocks.acknowledgeBy) list.push({ label: 'Acknowledge by', value: formatClock(clocks.acknowledgeBy) });
  if (clocks.containBy) list.push({ label: 'Contain by', value: formatClock(clocks.containBy) });
  if (clocks.nextUpdateDue) list.push({ label: 'Next update due', value: formatClock(clocks.nextUpdateDue) });
  return list;
}

/** Cuts a string to `max` characters, marking the cut, for receivers with hard limits. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

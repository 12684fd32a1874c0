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
 * The one line every channel leads with: `[SEV1] Page: INC-12 PII in support replies`.
 *
 * @example
 * headline(notification); // '[SEV1] Page: INC-12 PII in support replies'
 */
export function headline(notification: Notification): string {
  const { incident, kind } = notification;
  return `[${incident.severity}] ${KIND_LABELS[kind]}: ${incident.id} ${incident.title}`;
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
  const { incident, clocks, owner } = notification;
  const list: Fact[] = [
    { label: 'Severity', value: incident.severity },
    { label: 'Status', value: incident.status },
    { label: 'System', value: incident.system },
    { label: 'Type', value: incident.type },
  ];
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

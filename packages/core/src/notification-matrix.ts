import { durationMs } from './duration';
import type { Severity } from './severity';
import type { IncidentType } from './taxonomy';

/**
 * Who a notification is for, as the notification matrix groups them. Not the same list as a status
 * update's audiences (internal, executive, support, customer): these are the people reached
 * directly, and the comms lead writes for the others.
 */
export const NOTIFICATION_AUDIENCES = [
  'on_call',
  'incident_commander',
  'owner_team',
  'leadership',
  'legal',
  'privacy',
  'support',
  'customers',
] as const;
export type NotificationAudience = (typeof NOTIFICATION_AUDIENCES)[number];

/** How a notification travels. `digest` is not sent on its own: it joins the recipient's next digest. */
export const NOTIFICATION_CHANNELS = ['email', 'slack', 'teams', 'pagerduty', 'webhook', 'digest'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/**
 * The rows of the matrix: one per severity, one for near misses (which use it instead of their
 * severity's row, because nobody was harmed yet and nobody should be woken for it), and one for
 * each alert level, since a page-level alert reaches on-call before anyone declares an incident.
 */
export const MATRIX_ROWS = ['SEV1', 'SEV2', 'SEV3', 'SEV4', 'near_miss', 'alert_page', 'alert_warn'] as const;
export type MatrixRow = (typeof MATRIX_ROWS)[number];

/** Incident types that expose data about people, so legal and privacy must judge the duties they start. */
export const DATA_EXPOSURE_TYPES: IncidentType[] = ['privacy_leak', 'model_extraction'];

/** What kind of message a planned notification is: a page wakes someone; a digest waits for the batch. */
export type NotificationKind = 'page' | 'notify' | 'digest';

/** One cell of the matrix: an audience, the channels it is reached on, and how soon. */
export interface MatrixEntry {
  audience: NotificationAudience;
  channels: NotificationChannel[];
  /** How long after the severity was set (or the alert raised) the message must be out: `0m` is at once. */
  within: string;
  /** A page: high urgency, the one that starts the escalation policy. Never honoured for a warning. */
  page: boolean;
  /** Only for incidents of these types (legal and privacy for data exposure, say); absent is every type. */
  types?: IncidentType[] | undefined;
}

/** Severity (and near miss, and alert level) → who is told, how and within how long. */
export type NotificationMatrix = Record<MatrixRow, MatrixEntry[]>;

/** An incident as the matrix reads it. */
export interface IncidentSubject {
  kind: 'incident';
  /** `INC-7`. */
  id: string;
  severity: Severity;
  type: IncidentType;
  nearMiss: boolean;
  /** When the severity was set (declaration or the last change): every `within` counts from here. */
  severitySetAt: string;
}

/** An alert as the matrix reads it: only its level decides, since it has no severity yet. */
export interface AlertSubject {
  kind: 'alert';
  /** `ALR-12`. */
  id: string;
  level: 'warn' | 'page';
  /** When the alert reached this level. */
  at: string;
}

export type NotificationSubject = IncidentSubject | AlertSubject;

/** Someone (or somewhere) an audience resolved to: a person, a team channel, a webhook. */
export interface Recipient {
  id: string;
  name?: string | undefined;
  /** The channels this recipient has an address for; absent means every channel. */
  reachableBy?: NotificationChannel[] | undefined;
}

/** Who each audience is right now, resolved by the caller from schedules, teams and roles. */
export type ResolvedRecipients = Partial<Record<NotificationAudience, readonly Recipient[]>>;

/** What the caller can deliver on; a channel left out is a gap (`channel_not_configured`), not a message. */
export interface PlanOptions {
  channels?: readonly NotificationChannel[] | undefined;
}

/** One message the plan says to send. */
export interface PlannedNotification {
  /** Same subject, row, audience, recipient, channel, step and kind: same key, so a replay never duplicates. */
  key: string;
  subject: string;
  row: MatrixRow;
  audience: NotificationAudience;
  recipient: Recipient;
  channel: NotificationChannel;
  kind: NotificationKind;
  /** 0 for what the matrix sends; escalation steps and reminders use their own numbers. */
  step: number;
  dueAt: string;
}

/** Why the plan could not reach someone the matrix names; shown, never silently dropped. */
export interface PlanGap {
  audience: NotificationAudience;
  recipient?: string | undefined;
  channel?: NotificationChannel | undefined;
  reason: 'no_recipients' | 'unreachable' | 'warnings_never_page' | 'channel_not_configured';
}

export interface NotificationPlan {
  subject: string;
  row: MatrixRow;
  /** When the clock of every `within` started: the severity set, or the alert raised. */
  startsAt: string;
  notifications: PlannedNotification[];
  gaps: PlanGap[];
}

/** The matrix row a subject reads: a near miss its own row, an alert its level's. */
export function matrixRow(subject: NotificationSubject): MatrixRow {
  if (subject.kind === 'alert') return subject.level === 'page' ? 'alert_page' : 'alert_warn';
  return subject.nearMiss ? 'near_miss' : subject.severity;
}

/**
 * The idempotency key of one notification: its parts, each URI-encoded (so a `:` in an id cannot
 * make two different notifications collide), joined by `:`. Readable on purpose: a receiver's log
 * shows what the message was.
 *
 * @example
 * notificationKey({ subject: 'INC-7', row: 'SEV1', audience: 'on_call', recipient: 'dana', channel: 'pagerduty', step: 0, kind: 'page' });
 * // 'INC-7:SEV1:on_call:dana:pagerduty:0:page'
 */
export function notificationKey(parts: {
  subject: string;
  row: string;
  audience: string;
  recipient: string;
  channel: string;
  step: number;
  kind: string;
}): string {
  const { subject, row, audience, recipient, channel, step, kind } = parts;
  return [subject, row, audience, recipient, channel, String(step), kind].map(encodeURIComponent).join(':');
}

function startOf(subject: NotificationSubject): string {
  return subject.kind === 'incident' ? subject.severitySetAt : subject.at;
}

function applies(entry: MatrixEntry, subject: NotificationSubject): boolean {
  if (entry.types === undefined) return true;
  return subject.kind === 'incident' && entry.types.includes(subject.type);
}

/**
 * What a message is: a PagerDuty event always pages, an entry marked `page` pages, and a warning
 * never does, whatever the matrix says.
 */
function kindOf(entry: MatrixEntry, channel: NotificationChannel, warning: boolean): NotificationKind {
  if (channel === 'digest') return 'digest';
  if (warning) return 'notify';
  return entry.page || channel === 'pagerduty' ? 'page' : 'notify';
}

/**
 * Who is told what, on which channel and by when, for one incident or alert: the matrix row it
 * reads, each entry's audience resolved to recipients, each recipient reached on each channel it
 * has an address for. A warning never pages: its PagerDuty channel is dropped and its other
 * messages sent as plain notifications, whatever the matrix says. One person named by two
 * audiences gets each channel once. Sorted by due time, so the first line is the first message out.
 *
 * @example
 * planNotifications(incident, DEFAULT_NOTIFICATION_MATRIX, { on_call: [{ id: 'dana' }] }).notifications[0]?.kind; // 'page'
 */
export function planNotifications(
  subject: NotificationSubject,
  matrix: NotificationMatrix,
  recipients: ResolvedRecipients,
  options: PlanOptions = {},
): NotificationPlan {
  const row = matrixRow(subject);
  const notifications: PlannedNotification[] = [];
  const gaps: PlanGap[] = [];
  for (const entry of matrix[row].filter((candidate) => applies(candidate, subject))) {
    const people = recipients[entry.audience] ?? [];
    if (people.length === 0) gaps.push({ audience: entry.audience, reason: 'no_recipients' });
    for (const recipient of people) planEntry(subject, row, entry, recipient, notifications, gaps, options);
  }
  return {
    subject: subject.id,
    row,
    startsAt: startOf(subject),
    notifications: dedupe(notifications).sort(byDue),
    gaps,
  };
}

function planEntry(
  subject: NotificationSubject,
  row: MatrixRow,
  entry: MatrixEntry,
  recipient: Recipient,
  notifications: PlannedNotification[],
  gaps: PlanGap[],
  options: PlanOptions,
): void {
  const warning = subject.kind === 'alert' && subject.level === 'warn';
  const dueAt = new Date(Date.parse(startOf(subject)) + durationMs(entry.within)).toISOString();
  for (const channel of entry.channels) {
    const gap = { audience: entry.audience, recipient: recipient.id, channel };
    if (warning && channel === 'pagerduty') {
      gaps.push({ ...gap, reason: 'warnings_never_page' });
    } else if (options.channels && channel !== 'digest' && !options.channels.includes(channel)) {
      gaps.push({ ...gap, reason: 'channel_not_configured' });
    } else if (recipient.reachableBy && !recipient.reachableBy.includes(channel)) {
      gaps.push({ ...gap, reason: 'unreachable' });
    } else {
      const kind = kindOf(entry, channel, warning);
      const parts = { subject: subject.id, row, audience: entry.audience, recipient: recipient.id, channel };
      const key = notificationKey({ ...parts, step: 0, kind });
      notifications.push({ ...parts, recipient, kind, step: 0, dueAt, key });
    }
  }
}

/** One person in two audiences (on-call and owner team, say) gets each channel once, at the earlier time. */
function dedupe(notifications: PlannedNotification[]): PlannedNotification[] {
  const order = (n: PlannedNotification) =>
    [n.dueAt, rank(n.kind), NOTIFICATION_AUDIENCES.indexOf(n.audience)] as const;
  const best = new Map<string, PlannedNotification>();
  for (const notification of notifications) {
    const slot = `${notification.recipient.id}\u0000${notification.channel}`;
    const held = best.get(slot);
    if (!held || compareTuples(order(notification), order(held)) < 0) best.set(slot, notification);
  }
  return [...best.values()];
}

function rank(kind: NotificationKind): number {
  return kind === 'page' ? 0 : kind === 'notify' ? 1 : 2;
}

function compareTuples(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** By time, audience and recipient; channels keep the matrix's order (the sort is stable), most urgent first. */
function byDue(a: PlannedNotification, b: PlannedNotification): number {
  const order = (n: PlannedNotification) =>
    [n.dueAt, NOTIFICATION_AUDIENCES.indexOf(n.audience), n.recipient.id] as const;
  return compareTuples(order(a), order(b));
}

import { createHash } from 'node:crypto';
import type { ChannelKind, NotificationInput } from '@firebreak/channels';
import type { Incident, OnCallDirectory } from '@firebreak/contract';
import {
  DEFAULT_NOTIFICATION_MATRIX,
  type EscalationPolicy,
  type IncidentType,
  type NotificationChannel,
  type NotificationPlan,
  type PlannedNotification,
  planNotifications,
  type Severity,
} from '@firebreak/core';
import type { Tx } from '../db/connect';
import { currentDirectory } from '../oncall/store';
import { findSystem } from '../systems/store';
import { type Addressee, AudienceResolver, type SystemFacts } from './audiences';
import { hasNotificationsOn, type NewNotification } from './store';

/** What planning needs from the server: where links point and which channels can deliver. */
export interface NotifyConfig {
  /** The server's address as readers reach it, without a trailing slash. */
  publicUrl: string;
  channels: readonly ChannelKind[];
  /** Slack posts to a fixed channel (a webhook, or a bot with a channel): anyone is reachable there. */
  slackPostsToChannel: boolean;
}

/** How the audiences read in a message. */
export const AUDIENCE_LABELS: Record<string, string> = {
  on_call: 'on-call responder',
  incident_commander: 'incident commander',
  owner_team: 'owning team',
  leadership: 'leadership',
  legal: 'legal',
  privacy: 'privacy',
  support: 'support',
  customers: 'customers',
};

/**
 * What the outbox row carries: the message as the channels render it, and who and why, for the
 * war room's panel and the timeline entry written once it is delivered.
 */
export type NotificationPayload = {
  notification: NotificationInput;
  audience: string | null;
  /** page, notify, escalation, reminder or digest. */
  kind: string;
  recipientName: string;
  /** The directory's person id, when the recipient is one: the acknowledge link acknowledges as them. */
  personId: string | null;
};

/** The channels a plan may use: those configured, and `digest` when mail can carry it. */
export function plannableChannels(config: NotifyConfig): NotificationChannel[] {
  return config.channels.includes('email') ? [...config.channels, 'digest'] : [...config.channels];
}

/** The systems an incident is on, as audience resolution reads them; unknown systems are left out. */
export async function systemFacts(tx: Tx, ids: readonly string[]): Promise<SystemFacts[]> {
  const facts: SystemFacts[] = [];
  for (const id of ids) {
    const row = await findSystem(tx, id);
    if (row) facts.push({ id, owner: row.card.owner, onCall: row.card.onCall });
  }
  return facts;
}

/** The directory in force, its revision, and a resolver of audiences over it. */
export async function resolverFor(
  tx: Tx,
  config: NotifyConfig,
): Promise<{ resolver: AudienceResolver; revision: number; directory: OnCallDirectory }> {
  const { directory, revision } = await currentDirectory(tx);
  const resolver = new AudienceResolver(directory, { slackPostsToChannel: config.slackPostsToChannel });
  return { resolver, revision, directory };
}

/**
 * Who the matrix tells about an incident as it stands (its severity, or the near-miss row), and
 * the outbox rows that tell them. Every system the incident is on contributes its on-call person
 * and owning team. Planning again gives the same keys, so queueing the rows twice sends nothing twice.
 */
export async function planIncident(
  tx: Tx,
  config: NotifyConfig,
  incident: Incident,
  /** The server's now: who is on call is read at this instant. */
  at: Date,
): Promise<{ plan: NotificationPlan; rows: NewNotification[]; policy: EscalationPolicy | undefined }> {
  const { resolver, revision, directory } = await resolverFor(tx, config);
  const systems = await systemFacts(tx, incident.systems);
  const recipients = resolveAll(resolver, systems, incident, at.toISOString());
  const matrix = directory.notifications?.matrix;
  const plan = planNotifications(
    {
      kind: 'incident',
      id: incident.id,
      severity: incident.severity as Severity,
      type: incident.type as IncidentType,
      nearMiss: incident.nearMiss,
      severitySetAt: incident.severitySetAt,
    },
    matrix ?? DEFAULT_NOTIFICATION_MATRIX,
    recipients,
    { channels: plannableChannels(config) },
  );
  const rows = plan.notifications.map((planned) => plannedRow(config, incident, planned, revision));
  return { plan, rows, policy: resolver.policyFor(incident.systems) };
}

function resolveAll(resolver: AudienceResolver, systems: readonly SystemFacts[], incident: Incident, at: string) {
  const merged: Record<string, Addressee[]> = {};
  const parts = systems.length > 0 ? systems : [undefined];
  for (const system of parts) {
    for (const [audience, people] of Object.entries(resolver.resolve(system, incident.roles, at))) {
      const list = (merged[audience] ??= []);
      for (const person of people as Addressee[]) if (!list.some((held) => held.id === person.id)) list.push(person);
    }
  }
  return merged;
}

function plannedRow(
  config: NotifyConfig,
  incident: Incident,
  planned: PlannedNotification,
  revision: number,
): NewNotification {
  const { recipient, channel, ...parts } = plannedParts(planned);
  return outboxRow(config, incident, recipient, channel, {
    ...parts,
    summary: summaryFor(incident, planned.audience, parts.kind),
    extra: { directoryRevision: revision },
  });
}

/**
 * What a planned message becomes in the outbox, for an incident or an alert alike: a digest goes
 * by mail; a page is a page, a digest a digest, the rest an update.
 */
export function plannedParts(planned: PlannedNotification) {
  const kind = planned.kind === 'page' ? 'page' : planned.kind === 'digest' ? 'digest' : 'notify';
  return {
    recipient: planned.recipient as Addressee,
    channel: planned.channel === 'digest' ? 'email' : planned.channel,
    key: planned.key,
    kind,
    message: (kind === 'notify' ? 'update' : kind) as NotificationInput['kind'],
    audience: planned.audience,
    at: planned.dueAt,
    dueAt: new Date(planned.dueAt),
  };
}

/**
 * One outbox row about an incident for one recipient on one channel: the message the channels
 * render, and who and why for the war room's panel and the timeline. Every notification the
 * server queues (the matrix's, escalations, reminders, PagerDuty's follow-ups) is built here.
 */
export function outboxRow(
  config: NotifyConfig,
  incident: Incident,
  recipient: Addressee,
  channel: ChannelKind,
  parts: {
    key: string;
    /** What the panel and timeline call it: page, notify, escalation, reminder, digest, acknowledged, resolved. */
    kind: string;
    /** What the channels render it as. */
    message: NotificationInput['kind'];
    audience: string;
    summary: string;
    at: string;
    dueAt?: Date;
    extra?: Record<string, unknown>;
  },
): NewNotification {
  const notification = message(config, incident, {
    key: parts.key,
    kind: parts.message,
    audience: parts.audience,
    recipient,
    at: parts.at,
    summary: parts.summary,
  });
  return outboxEntry(notification, recipient, channel, parts, incident.id);
}

/**
 * The outbox row that carries a rendered message to one recipient on one channel, with who and
 * why for the war room's panel and the timeline: what every notification, about an incident or
 * an alert, is queued as.
 */
export function outboxEntry(
  notification: NotificationInput,
  recipient: Addressee,
  channel: ChannelKind,
  parts: { key: string; kind: string; audience: string; dueAt?: Date | undefined; extra?: Record<string, unknown> },
  incidentId: string | null,
): NewNotification {
  const payload: NotificationPayload = {
    notification,
    audience: parts.audience,
    kind: parts.kind,
    recipientName: recipient.name,
    personId: recipient.personId ?? null,
  };
  return {
    idempotencyKey: parts.key,
    incidentId,
    channel,
    recipient: recipient.id,
    payload: { ...payload, ...parts.extra },
    ...(parts.dueAt ? { dueAt: parts.dueAt } : {}),
  };
}

/** A notification's own id and the key receivers de-duplicate on, both from its outbox key. */
export function notificationIds(subject: string, key: string): { id: string; idempotencyKey: string } {
  const hash = digest(key);
  return { id: `NTF-${hash.slice(0, 20)}`, idempotencyKey: `${subject}.${hash}` };
}

/** The message about an incident as the channels render it. */
export function message(
  config: NotifyConfig,
  incident: Incident,
  parts: {
    key: string;
    kind: NotificationInput['kind'];
    audience: string;
    recipient: Addressee;
    at: string;
    summary: string;
  },
): NotificationInput {
  const commander = incident.roles.find((holder) => holder.role === 'incident_commander')?.person;
  const open = incident.response.acknowledgedAt === null;
  return {
    ...notificationIds(incident.id, parts.key),
    kind: parts.kind,
    incident: {
      id: incident.id,
      title: incident.title.slice(0, 300),
      severity: incident.severity,
      type: incident.type,
      system: incident.systems[0] ?? 'unknown',
      status: incident.status,
    },
    audience: AUDIENCE_LABELS[parts.audience] ?? parts.audience,
    recipient: {
      name: parts.recipient.name.slice(0, 200),
      ...(parts.recipient.email ? { email: parts.recipient.email } : {}),
      ...(parts.recipient.slackId ? { slackId: parts.recipient.slackId } : {}),
    },
    clocks: {
      ...(open ? { acknowledgeBy: incident.response.deadline } : {}),
      ...(incident.metrics.containedAt === null ? { containBy: incident.response.containDeadline } : {}),
      ...(incident.updates ? { nextUpdateDue: incident.updates.dueAt } : {}),
    },
    ...(commander ? { owner: commander.slice(0, 200) } : {}),
    links: { warRoom: `${config.publicUrl}/incidents/${incident.id}` },
    summary: parts.summary.slice(0, 2000),
    createdAt: parts.at,
  };
}

/** A hex SHA-256 of an idempotency key: a stable id that fits every receiver's id rules. */
function digest(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

function summaryFor(incident: Incident, audience: string, kind: string): string {
  const what = `${incident.severity} ${incident.type.replace(/_/g, ' ')} on ${incident.systems.join(', ')}: ${incident.title}.`;
  if (kind === 'page')
    return `${what} You are paged as the ${AUDIENCE_LABELS[audience] ?? audience}: acknowledge by ${clock(incident.response.deadline)} and open the war room.`;
  if (kind === 'digest') return `${what} For your daily digest; nothing is asked of you now.`;
  return `${what} You are told as the ${AUDIENCE_LABELS[audience] ?? audience}; the war room has the timeline and the next update is due ${incident.updates ? clock(incident.updates.dueAt) : 'when the incident commander says'}.`;
}

function clock(iso: string): string {
  return `${iso.slice(11, 16)} UTC`;
}

/**
 * When an incident PagerDuty was paged about is acknowledged or finished, PagerDuty hears it
 * too (an `acknowledge` or `resolve` event with the same dedup key), so its own escalation stops
 * and its incident closes. Nothing when PagerDuty was never paged or is not configured.
 */
export async function pagerDutyFollowUp(
  tx: Tx,
  config: NotifyConfig,
  incident: Incident,
  event: 'acknowledged' | 'resolved',
  at: Date,
): Promise<NewNotification[]> {
  if (!config.channels.includes('pagerduty') || !(await hasNotificationsOn(tx, incident.id, 'pagerduty'))) return [];
  const service: Addressee = { id: 'pagerduty', name: 'PagerDuty' };
  return [
    outboxRow(config, incident, service, 'pagerduty', {
      key: `${incident.id}:pagerduty:${event}`,
      kind: event,
      message: event,
      audience: 'on_call',
      summary: `${incident.id} ${event} in Firebreak.`,
      at: at.toISOString(),
    }),
  ];
}

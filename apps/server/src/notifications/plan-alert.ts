import type { ChannelKind, NotificationInput } from '@firebreak/channels';
import { DEFAULT_NOTIFICATION_MATRIX, type NotificationPlan, planNotifications } from '@firebreak/core';
import type { Tx } from '../db/connect';
import type { Addressee } from './audiences';
import { enqueueNotifications } from './enqueue';
import {
  AUDIENCE_LABELS,
  type NotifyConfig,
  notificationIds,
  outboxEntry,
  plannableChannels,
  plannedParts,
  resolverFor,
  systemFacts,
} from './plan';
import { alertNotificationRows, type NewNotification } from './store';

/** What planning reads of an alert: the stored row's fields (alerts/store.ts), without depending on that folder. */
export interface AlertFacts {
  id: string;
  system: string;
  monitor: string;
  signal: string;
  level: string;
  status: string;
  value: number;
  threshold: number;
  segment: Record<string, string> | null;
  owner: string;
  runbook: string | null;
  acknowledgedAt: Date | null;
}

/**
 * Who the matrix tells about an alert no incident holds (its level's row: `alert_page` pages the
 * system's on-call, `alert_warn` tells the owning team and never pages), and the outbox rows that
 * tell them. The rows carry no incident; their keys start with the alert's id, which is how
 * `alertNotificationRows` finds them again. Planning again gives the same keys.
 */
export async function planAlert(
  tx: Tx,
  config: NotifyConfig,
  alert: AlertFacts,
  /** When the alert reached its level: the clock of every `within`, and who is on call. */
  at: Date,
): Promise<{ plan: NotificationPlan; rows: NewNotification[] }> {
  const { resolver, directory } = await resolverFor(tx, config);
  const [system] = await systemFacts(tx, [alert.system]);
  const recipients = resolver.resolve(system, [], at.toISOString());
  const plan = planNotifications(
    { kind: 'alert', id: alert.id, level: alert.level as 'page' | 'warn', at: at.toISOString() },
    directory.notifications?.matrix ?? DEFAULT_NOTIFICATION_MATRIX,
    recipients,
    { channels: plannableChannels(config) },
  );
  const rows = plan.notifications.map((planned) => {
    const { recipient, channel, ...parts } = plannedParts(planned);
    return alertOutboxRow(config, alert, recipient, channel, parts);
  });
  return { plan, rows };
}

/**
 * Queues, in the caller's transaction, what an alert's change tells people: a page-level alert
 * (or a warning) no incident holds and no suppression silences goes out by its matrix row; an
 * alert acknowledged or resolved tells PagerDuty when PagerDuty was paged about it. Nothing when
 * the server sends no notifications.
 */
export async function queueAlertNotifications(
  tx: Tx,
  config: NotifyConfig | undefined,
  alert: AlertFacts & { incidentId: string | null; suppressedUntil: Date | null },
  change: 'raised' | 'acknowledged' | 'resolved',
  at: Date,
): Promise<number> {
  // A server with no channel sends nothing: no need to read the directory for every alert.
  if (!config || config.channels.length === 0) return 0;
  if (change !== 'raised')
    return enqueueNotifications(tx, await alertPagerDutyFollowUp(tx, config, alert, change, at), at);
  if (alert.incidentId || alert.status !== 'firing' || (alert.suppressedUntil && alert.suppressedUntil > at)) return 0;
  return enqueueNotifications(tx, (await planAlert(tx, config, alert, at)).rows, at);
}

/**
 * When a page about an alert went to PagerDuty and the alert is then acknowledged or resolved,
 * PagerDuty hears it too (same dedup key), so its own escalation stops and its incident closes.
 */
export async function alertPagerDutyFollowUp(
  tx: Tx,
  config: NotifyConfig,
  alert: AlertFacts,
  event: 'acknowledged' | 'resolved',
  at: Date,
): Promise<NewNotification[]> {
  if (!config.channels.includes('pagerduty')) return [];
  const paged = (await alertNotificationRows(tx, alert.id)).some((row) => row.channel === 'pagerduty');
  if (!paged) return [];
  const service: Addressee = { id: 'pagerduty', name: 'PagerDuty' };
  return [
    alertOutboxRow(config, alert, service, 'pagerduty', {
      key: `${alert.id}:pagerduty:${event}`,
      kind: event,
      message: event,
      audience: 'on_call',
      at: at.toISOString(),
    }),
  ];
}

/**
 * One outbox row about an alert no incident holds, for one recipient on one channel: the
 * matrix's pages and warnings, escalations and PagerDuty's follow-ups are all built here.
 */
export function alertOutboxRow(
  config: NotifyConfig,
  alert: AlertFacts,
  recipient: Addressee,
  channel: ChannelKind,
  parts: {
    key: string;
    /** page, notify, digest, acknowledged, resolved: what the panel calls it. */
    kind: string;
    message: NotificationInput['kind'];
    audience: string;
    at: string;
    dueAt?: Date;
  },
): NewNotification {
  const notification = alertMessage(config, alert, recipient, parts);
  return outboxEntry(notification, recipient, channel, { ...parts, extra: { alertId: alert.id } }, null);
}

function alertMessage(
  config: NotifyConfig,
  alert: AlertFacts,
  recipient: Addressee,
  parts: { key: string; message: NotificationInput['kind']; audience: string; at: string },
): NotificationInput {
  return {
    ...notificationIds(alert.id, parts.key),
    kind: parts.message,
    alert: {
      id: alert.id,
      level: alert.level as 'page' | 'warn',
      system: alert.system,
      monitor: alert.monitor.slice(0, 200),
      signal: alert.signal.slice(0, 200),
      value: alert.value,
      threshold: alert.threshold,
      ...(alert.segment ? { segment: alert.segment } : {}),
      status: statusOf(alert),
    },
    audience: AUDIENCE_LABELS[parts.audience] ?? parts.audience,
    recipient: {
      name: recipient.name.slice(0, 200),
      ...(recipient.email ? { email: recipient.email } : {}),
      ...(recipient.slackId ? { slackId: recipient.slackId } : {}),
    },
    ...(alert.owner ? { owner: alert.owner.slice(0, 200) } : {}),
    links: { warRoom: `${config.publicUrl}/alerts/${alert.id}` },
    summary: summaryFor(alert, parts.message, parts.audience),
    createdAt: parts.at,
  };
}

function summaryFor(alert: AlertFacts, kind: NotificationInput['kind'], audience: string): string {
  if (kind === 'acknowledged') return `${alert.id} acknowledged in Firebreak.`;
  if (kind === 'resolved') return `${alert.id} resolved in Firebreak.`;
  const what = `${alert.monitor} on ${alert.system} saw ${alert.signal} at ${round(alert.value)} against a threshold of ${round(alert.threshold)}.`;
  const runbook = alert.runbook ? ` Runbook: ${alert.runbook}` : '';
  if (alert.level === 'page')
    return `${what} No triage rule declared an incident from it, so you are paged as the ${AUDIENCE_LABELS[audience] ?? audience}: acknowledge it, then declare an incident from it or dismiss it as a false alarm.${runbook}`;
  return `${what} A warning: nothing is asked of you now; it pages only if it gets worse.${runbook}`;
}

function statusOf(alert: AlertFacts): 'firing' | 'acknowledged' | 'resolved' | 'dismissed' {
  if (alert.status === 'firing') return alert.acknowledgedAt ? 'acknowledged' : 'firing';
  return alert.status === 'dismissed' ? 'dismissed' : 'resolved';
}

const round = (value: number) => Number(value.toPrecision(4));

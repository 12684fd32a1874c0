import { CHANNEL_KINDS, type ChannelConfig } from '@firebreak/channels';
import type {
  IncidentNotification,
  IncidentNotificationList,
  NotificationPreview,
  NotificationSettings,
} from '@firebreak/contract';
import {
  DEFAULT_NOTIFICATION_MATRIX,
  DEFAULT_UPDATE_CADENCE,
  DomainError,
  describeGap,
  formatNotificationPreview,
} from '@firebreak/core';
import { requireAlert } from '../alerts/store';
import { appendAudit } from '../audit/store';
import type { Ctx } from '../context';
import { loadIncident } from '../incidents/load';
import { findIncident } from '../incidents/store';
import type { ChannelSettings } from '../notifications/channel-settings';
import { planIncident } from '../notifications/plan';
import {
  alertNotificationRows,
  findIncidentNotification,
  listIncidentNotifications,
  type NotificationRow,
  queuedKeys,
  requeueFailed,
} from '../notifications/store';
import { currentDirectory } from '../oncall/store';

/** Where a channel goes, without its secrets: enough to tell which Slack or which mail server. */
function describeChannel(config: ChannelConfig | undefined): string | null {
  if (!config) return null;
  switch (config.kind) {
    case 'email':
      return `SMTP ${config.host}:${config.port} from ${config.from}`;
    case 'slack':
      return config.botToken
        ? `Slack bot${config.channel ? ` posting to ${config.channel}` : ' writing to each person'}`
        : 'Slack incoming webhook';
    case 'teams':
      return `Teams webhook at ${new URL(config.webhookUrl).host}`;
    case 'pagerduty':
      return `PagerDuty Events API at ${new URL(config.eventsUrl).host}`;
    case 'webhook':
      return `signed webhook to ${new URL(config.url).origin}`;
  }
}

/** The rules in force, defaults filled in, and which channels this server can deliver on. */
export async function getNotificationSettings(
  ctx: Ctx,
  settings: ChannelSettings | undefined,
): Promise<NotificationSettings> {
  const { revision, directory } = await currentDirectory(ctx.db);
  const notifications = directory.notifications;
  return {
    revision,
    matrix: notifications?.matrix ?? DEFAULT_NOTIFICATION_MATRIX,
    escalationPolicies: notifications?.escalationPolicies ?? [],
    defaultEscalationPolicy: notifications?.defaultEscalationPolicy ?? null,
    audiences: Object.fromEntries(
      Object.entries(notifications?.audiences ?? {}).filter(([, targets]) => targets),
    ) as NotificationSettings['audiences'],
    updateCadence: notifications?.updateCadence ?? DEFAULT_UPDATE_CADENCE,
    channels: CHANNEL_KINDS.map((kind) => ({
      kind,
      configured: settings?.channels[kind] !== undefined,
      describe: describeChannel(settings?.channels[kind]),
    })),
  };
}

/** A queued notification as the API shows it: the row, and who and why from its payload. */
export function presentNotification(row: NotificationRow): IncidentNotification {
  const payload = row.payload as { audience?: unknown; kind?: unknown; recipientName?: unknown };
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const waiting = row.status === 'pending' || row.status === 'delivering';
  return {
    id: row.id,
    idempotencyKey: row.idempotencyKey,
    channel: row.channel,
    recipient: row.recipient,
    recipientName: text(payload.recipientName),
    audience: text(payload.audience),
    kind: text(payload.kind),
    status: row.status as IncidentNotification['status'],
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    nextAttemptAt: waiting ? row.nextAttemptAt.toISOString() : null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  };
}

/** Every notification queued about an incident, oldest first. */
export async function listNotifications(ctx: Ctx, id: string): Promise<IncidentNotificationList> {
  await findIncident(ctx.db, id);
  const rows = await listIncidentNotifications(ctx.db, id);
  return { notifications: rows.map(presentNotification) };
}

/** Every notification queued about an alert while no incident held it, oldest first. */
export async function listAlertNotifications(ctx: Ctx, id: string): Promise<IncidentNotificationList> {
  await requireAlert(ctx.db, id);
  const rows = await alertNotificationRows(ctx.db, id);
  return { notifications: rows.map(presentNotification) };
}

/**
 * Who the matrix tells about the incident as it stands: what `firebreak notify preview` prints.
 * Rows already in the outbox are marked; the gaps say who could not be reached and why.
 */
export async function previewNotifications(ctx: Ctx, id: string): Promise<NotificationPreview> {
  const incident = await loadIncident(ctx.db, id, ctx.now());
  const config = ctx.notify ?? { publicUrl: 'http://localhost', channels: [], slackPostsToChannel: false };
  const { plan, policy } = await planIncident(ctx.db, config, incident, ctx.now());
  const queued = await queuedKeys(ctx.db, id);
  return {
    subject: plan.subject,
    row: plan.row,
    startsAt: plan.startsAt,
    notifications: plan.notifications.map((planned) => ({
      key: planned.key,
      audience: planned.audience,
      recipient: { id: planned.recipient.id, name: planned.recipient.name ?? null },
      channel: planned.channel,
      kind: planned.kind,
      dueAt: planned.dueAt,
      queued: queued.has(planned.key),
    })),
    gaps: plan.gaps.map((gap) => ({
      audience: gap.audience,
      recipient: gap.recipient ?? null,
      channel: gap.channel ?? null,
      reason: gap.reason,
      message: describeGap(gap),
    })),
    escalationPolicy: policy?.id ?? null,
    text: formatNotificationPreview(plan),
  };
}

/** Sends a failed notification again, audited; anything but a failed one is refused with its status. */
export async function retryNotification(ctx: Ctx, id: string, notification: number): Promise<IncidentNotification> {
  return ctx.db.transaction(async (tx) => {
    await findIncident(tx, id);
    const row = await findIncidentNotification(tx, id, notification);
    if (!row)
      throw new DomainError('not_found', `notification ${notification} of ${id} not found`, {
        details: { id, notification },
      });
    const at = ctx.now();
    const requeued = await requeueFailed(tx, row.id, at);
    if (!requeued)
      throw new DomainError(
        'conflict',
        `notification ${notification} is ${row.status}: only a failed one is sent again`,
        {
          details: { status: row.status },
        },
      );
    await appendAudit(tx, {
      at,
      actor: ctx.actor.name,
      action: 'notification.retried',
      subject: `${id}/notifications/${notification}`,
      payload: { channel: row.channel, recipient: row.recipient, lastError: row.lastError, attempts: row.attempts },
    });
    return presentNotification(requeued);
  });
}

import {
  type ChannelKind,
  createAckLink,
  type DeliveryOptions,
  deliverNotification,
  deliverPlainEmail,
  type EmailChannelConfig,
  Notification,
  type PlainEmail,
  type WebhookChannelConfig,
} from '@firebreak/channels';
import { toFieldIssues } from '@firebreak/contract';
import type { ChannelSettings } from './channel-settings';
import type { Deliver } from './deliver';
import type { NotificationPayload } from './plan';

/** The kinds of message whose reader is asked to take the incident: they carry an acknowledge link. */
const ASKS_FOR_ACKNOWLEDGEMENT = new Set(['page', 'escalation']);

/**
 * Delivers outbox rows on the channels the server is configured with (`@firebreak/channels`):
 * the row's payload is the message, its channel the kind. A page or an escalation to a person of
 * the directory gets a fresh acknowledge link, signed and expiring, that acknowledges as them.
 * A channel the server has no settings for, or a payload that no longer parses, fails at once
 * with the reason; a receiver's 5xx or timeout is retried by the channel a few times inline and
 * then by the outbox's back-off.
 *
 * @example
 * const worker = new NotificationWorker({ db, log, now, deliver: deliverOnChannels(settings, { now }) });
 */
export function deliverOnChannels(
  settings: ChannelSettings,
  options: DeliveryOptions & {
    /** The server's clock: when acknowledge links are issued (and so when they expire). */
    now: () => Date;
  },
): Deliver {
  // Transport timestamps (a webhook's signature time, attempt times) are the wall clock's, which
  // is what receivers check them against; only the links follow the server's clock.
  const { now, ...transport } = options;
  return async (row) => {
    const kind = row.channel as ChannelKind;
    const drill = (row.payload as { drill?: unknown }).drill;
    const config = typeof drill === 'string' ? drillChannel(settings, row) : settings.channels[kind];
    if (!config)
      return {
        delivered: false,
        retryable: false,
        error:
          typeof drill === 'string'
            ? `drill ${drill}: its drill channel is a webhook signed with the webhook channel's secret, which is not configured on this server`
            : `channel ${row.channel} is not configured on this server`,
      };
    const payload: Partial<NotificationPayload> & { plainMail?: Omit<PlainEmail, 'to' | 'idempotencyKey'> } =
      row.payload;
    // A mail to someone outside (an external report's reporter): plain text to the row's address.
    if (payload.plainMail && kind === 'email') {
      const result = await deliverPlainEmail(
        config as EmailChannelConfig,
        { ...payload.plainMail, to: row.recipient, idempotencyKey: row.idempotencyKey },
        transport,
      );
      return {
        delivered: result.delivered,
        retryable: result.retryable,
        ...(result.error ? { error: result.error } : {}),
        ...(result.receiverMessageId ? { receiverMessageId: result.receiverMessageId } : {}),
        attempts: result.attempts.length,
      };
    }
    const parsed = Notification.safeParse(payload.notification);
    if (!parsed.success) {
      const issue = toFieldIssues(parsed.error, 'notification')[0];
      return {
        delivered: false,
        retryable: false,
        error: `payload is not a notification: ${issue?.path}: ${issue?.message}`,
      };
    }
    const notification = parsed.data;
    if (typeof drill === 'string') markDrill(notification, drill);
    const subject = row.incidentId ?? notification.alert?.id;
    if (payload.personId && payload.kind && ASKS_FOR_ACKNOWLEDGEMENT.has(payload.kind) && subject) {
      const link = await createAckLink({
        baseUrl: `${settings.publicUrl}/ack`,
        secret: settings.ackSecret,
        subject,
        person: payload.personId,
        ttlSeconds: settings.ackLinkTtlSeconds,
        now: now(),
      });
      notification.links = { ...notification.links, acknowledge: link.url };
    }
    const result = await deliverNotification(config, notification, transport);
    return {
      delivered: result.delivered,
      retryable: result.retryable,
      ...(result.error ? { error: result.error } : {}),
      ...(result.retryAfterMs === undefined ? {} : { retryAfterMs: result.retryAfterMs }),
      ...(result.receiverMessageId ? { receiverMessageId: result.receiverMessageId } : {}),
      attempts: result.attempts.length,
    };
  };
}

/**
 * A drill's message goes to its drill channel only (ADR 37): the webhook URL in the row's
 * recipient, signed with the webhook channel's secret, never to the configured webhook itself.
 * Without a webhook channel to sign with there is nothing to deliver with.
 */
function drillChannel(settings: ChannelSettings, row: { channel: string; recipient: string }) {
  const webhook = settings.channels.webhook as WebhookChannelConfig | undefined;
  if (row.channel !== 'webhook' || !webhook) return undefined;
  return { ...webhook, url: row.recipient };
}

/** Marks a drill's message, so its reader never takes it for a real incident. */
function markDrill(notification: Notification, drill: string): void {
  notification.summary = `DRILL ${drill}: ${notification.summary}`;
  if (notification.incident) notification.incident.title = `[DRILL ${drill}] ${notification.incident.title}`;
}

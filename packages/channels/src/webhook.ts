import { Webhook } from 'standardwebhooks';
import type { WebhookChannelConfig } from './channel-config';
import { type DeliveryResult, refused } from './delivery';
import { httpOutcome, postJson } from './http-post';
import type { Notification } from './notification';
import { type DeliveryOptions, deliverWithRetry, describeError } from './retry-policy';

/**
 * The body a generic webhook receives, in the Standard Webhooks shape: an event type, when it
 * happened, and the notification as data.
 */
export interface WebhookBody {
  /** `incident.page`, `incident.resolved`, … or `alert.page`, `alert.update` for an alert no incident holds. */
  type: `${'incident' | 'alert'}.${Notification['kind']}`;
  timestamp: string;
  data: Notification;
}

/** Renders a notification as the webhook's JSON body. */
export function renderWebhook(notification: Notification): WebhookBody {
  return {
    type: `${notification.incident ? 'incident' : 'alert'}.${notification.kind}`,
    timestamp: notification.createdAt,
    data: notification,
  };
}

/**
 * Posts a notification to a webhook receiver, signed per the Standard Webhooks specification
 * with its maintained library: `webhook-id` is the idempotency key (the same on every retry, so
 * the receiver can drop duplicates), `webhook-timestamp` and `webhook-signature` are made anew
 * for each try, so a receiver's replay window holds for retries too.
 *
 * @example
 * await deliverWebhook(WebhookChannelConfig.parse({ kind: 'webhook', url, secret }), notification);
 */
export async function deliverWebhook(
  config: WebhookChannelConfig,
  notification: Notification,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  let signer: Webhook;
  try {
    signer = new Webhook(config.secret);
  } catch (error) {
    return refused('webhook', `secret: ${describeError(error)}`);
  }
  const now = options.now ?? (() => new Date());
  const id = notification.idempotencyKey;
  const body = JSON.stringify(renderWebhook(notification));
  return deliverWithRetry(
    'webhook',
    async (signal) => {
      const at = now();
      const headers = {
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': signer.sign(id, at, body),
      };
      return httpOutcome(await postJson(config.url, body, signal, headers), at);
    },
    options,
  );
}

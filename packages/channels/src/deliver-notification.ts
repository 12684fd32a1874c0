import type { ChannelConfig } from './channel-config';
import { type DeliveryResult, refused } from './delivery';
import { deliverEmail } from './email';
import type { Notification } from './notification';
import { deliverPagerDuty } from './pagerduty';
import { type DeliveryOptions, describeError } from './retry-policy';
import { deliverSlack } from './slack';
import { deliverTeams } from './teams';
import { deliverWebhook } from './webhook';

/**
 * Delivers one notification on the channel a config describes, with retries, and reports what
 * happened. Never throws: the outbox worker that calls it records the result on the incident's
 * timeline and reschedules a `retryable` failure (no sooner than `retryAfterMs`).
 *
 * @example
 * const result = await deliverNotification(ChannelConfig.parse(row.channel), parseNotification(row.payload));
 * if (!result.delivered && result.retryable) reschedule(row, result.retryAfterMs);
 */
export async function deliverNotification(
  config: ChannelConfig,
  notification: Notification,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  try {
    switch (config.kind) {
      case 'email':
        return await deliverEmail(config, notification, options);
      case 'slack':
        return await deliverSlack(config, notification, options);
      case 'teams':
        return await deliverTeams(config, notification, options);
      case 'pagerduty':
        return await deliverPagerDuty(config, notification, options);
      case 'webhook':
        return await deliverWebhook(config, notification, options);
    }
  } catch (error) {
    // Rendering bugs and bad options end here rather than in the worker's loop.
    return refused(config.kind, describeError(error));
  }
}

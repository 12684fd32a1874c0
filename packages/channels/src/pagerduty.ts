import type { PagerDutyChannelConfig } from './channel-config';
import { type AttemptOutcome, type DeliveryResult, refused } from './delivery';
import { type HttpReply, httpOutcome, postJson } from './http-post';
import type { Notification } from './notification';
import { type DeliveryOptions, deliverWithRetry } from './retry-policy';
import { formatClock, headline, subjectOf, truncate, type Urgency } from './wording';

/** Events API v2 severities; ours map onto them one to one, most severe first. */
export const PAGERDUTY_SEVERITY: Record<Urgency, 'critical' | 'error' | 'warning' | 'info'> = {
  SEV1: 'critical',
  SEV2: 'error',
  SEV3: 'warning',
  SEV4: 'info',
  // A page-level alert no incident holds yet pages like a SEV2; a warning never pages.
  ALERT: 'error',
  WARNING: 'warning',
};

export type PagerDutyAction = 'trigger' | 'acknowledge' | 'resolve';

/** An Events API v2 event (developer.pagerduty.com, "Send an Alert Event"). */
export interface PagerDutyEvent {
  routing_key: string;
  event_action: PagerDutyAction;
  dedup_key: string;
  payload?: {
    summary: string;
    source: string;
    severity: 'critical' | 'error' | 'warning' | 'info';
    timestamp: string;
    component: string;
    class: string;
    custom_details: Record<string, string>;
  };
  links?: Array<{ href: string; text: string }>;
  client?: string;
  client_url?: string;
}

/**
 * The PagerDuty alert an incident is: one per incident, so a page, its escalations and updates
 * fold into one alert, and acknowledging or resolving the incident closes that same alert.
 */
export function pagerDutyDedupKey(incidentId: string): string {
  return `firebreak/${incidentId}`;
}

/** Which event a notification becomes; a digest is no page and has none. */
export function pagerDutyAction(notification: Notification): PagerDutyAction | undefined {
  switch (notification.kind) {
    case 'page':
    case 'escalation':
    case 'update':
      return 'trigger';
    case 'acknowledged':
      return 'acknowledge';
    case 'resolved':
      return 'resolve';
    case 'digest':
      return undefined;
  }
}

/**
 * Renders a notification as an Events API v2 event. Acknowledge and resolve carry only the
 * routing and dedup keys, as the API asks; a trigger carries the payload and links.
 *
 * @example
 * const event = renderPagerDuty(notification, routingKey);
 */
export function renderPagerDuty(notification: Notification, routingKey: string): PagerDutyEvent | undefined {
  const action = pagerDutyAction(notification);
  if (!action) return undefined;
  const { links, clocks } = notification;
  const subject = subjectOf(notification);
  const event: PagerDutyEvent = {
    routing_key: routingKey,
    event_action: action,
    dedup_key: pagerDutyDedupKey(subject.id),
  };
  if (action !== 'trigger') return event;
  const details: Record<string, string> = {
    [`${subject.kind}_id`]: subject.id,
    title: subject.title,
    [subject.kind === 'incident' ? 'type' : 'monitor']: subject.class,
    status: subject.status,
    summary: notification.summary,
    notification_id: notification.id,
    idempotency_key: notification.idempotencyKey,
  };
  if (notification.owner) details.owner = notification.owner;
  if (clocks.acknowledgeBy) details.acknowledge_by = formatClock(clocks.acknowledgeBy);
  if (clocks.containBy) details.contain_by = formatClock(clocks.containBy);
  if (clocks.nextUpdateDue) details.next_update_due = formatClock(clocks.nextUpdateDue);
  event.payload = {
    // The API refuses a summary over 1024 characters.
    summary: truncate(headline(notification), 1024),
    source: subject.system,
    severity: PAGERDUTY_SEVERITY[subject.urgency],
    timestamp: notification.createdAt,
    component: subject.system,
    class: subject.class,
    custom_details: details,
  };
  event.links = [{ href: links.warRoom, text: `War room: ${subject.id}` }];
  if (links.acknowledge) event.links.push({ href: links.acknowledge, text: 'Acknowledge in Firebreak' });
  event.client = 'Firebreak';
  event.client_url = links.warRoom;
  return event;
}

/**
 * Sends a notification to PagerDuty as a trigger, acknowledge or resolve event.
 *
 * @example
 * await deliverPagerDuty(PagerDutyChannelConfig.parse({ kind: 'pagerduty', routingKey }), notification);
 */
export async function deliverPagerDuty(
  config: PagerDutyChannelConfig,
  notification: Notification,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const event = renderPagerDuty(notification, config.routingKey);
  if (!event)
    return refused(
      'pagerduty',
      `kind: PagerDuty takes pages, acknowledgements and resolutions, not a ${notification.kind}`,
    );
  const now = options.now ?? (() => new Date());
  const body = JSON.stringify(event);
  return deliverWithRetry(
    'pagerduty',
    async (signal) => eventsOutcome(await postJson(config.eventsUrl, body, signal), now()),
    options,
  );
}

/** A 202 carries the dedup key PagerDuty filed the event under. */
function eventsOutcome(reply: HttpReply, now: Date): AttemptOutcome {
  let dedupKey: string | undefined;
  try {
    const parsed = JSON.parse(reply.text) as { dedup_key?: unknown };
    if (typeof parsed.dedup_key === 'string') dedupKey = parsed.dedup_key;
  } catch {
    // Not JSON (a proxy's error page): the status alone decides.
  }
  return httpOutcome(reply, now, dedupKey);
}

import type { IncidentNotification } from '@firebreak/contract';
import { words } from '../../lib/labels';

const KIND_NOUNS: Record<string, string> = {
  page: 'Page',
  escalation: 'Escalation page',
  notify: 'Message',
  reminder: 'Update reminder',
  digest: 'Digest entry',
};

/** Failed first (someone must act), then those still on their way, then the delivered, newest first. */
const STATUS_ORDER: Record<IncidentNotification['status'], number> = {
  failed: 0,
  delivering: 1,
  pending: 2,
  delivered: 3,
  held: 4,
};

/**
 * One notification in a line: what it is, to whom, how.
 *
 * @example
 * notificationLine({ kind: 'page', recipient: 'dana-reyes', recipientName: 'Dana Reyes', channel: 'email' });
 * // 'Page to Dana Reyes by email'
 */
export function notificationLine(
  notification: Pick<IncidentNotification, 'kind' | 'recipient' | 'recipientName' | 'channel'>,
): string {
  const noun = KIND_NOUNS[notification.kind ?? 'notify'] ?? 'Message';
  return `${noun} to ${notification.recipientName ?? notification.recipient} by ${notification.channel}`;
}

/**
 * The notifications in the order a responder reads them: failed, on their way, delivered; the
 * newest first within each.
 */
export function sortNotifications(list: readonly IncidentNotification[]): IncidentNotification[] {
  return [...list].sort(
    (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || b.createdAt.localeCompare(a.createdAt) || b.id - a.id,
  );
}

/**
 * How the deliveries stand, in a few words: `1 failed · 2 on their way · 4 delivered`.
 *
 * @example
 * notificationCounts(list); // '1 failed · 4 delivered'
 */
export function notificationCounts(list: readonly Pick<IncidentNotification, 'status'>[]): string {
  const count = (statuses: readonly IncidentNotification['status'][]) =>
    list.filter((n) => statuses.includes(n.status)).length;
  const parts = [
    [count(['failed']), 'failed'],
    [count(['pending', 'delivering']), 'on their way'],
    [count(['delivered']), 'delivered'],
    [count(['held']), 'held (drill: never sent)'],
  ] as const;
  const text = parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  return text.length > 0 ? text.join(' · ') : 'none sent yet';
}

/** `audience: on call · 2 attempts`, the facts under a notification's line. */
export function notificationFacts(notification: Pick<IncidentNotification, 'audience' | 'attempts'>): string {
  return [
    notification.audience ? `audience: ${words(notification.audience)}` : undefined,
    notification.attempts === 1 ? '1 attempt' : `${notification.attempts} attempts`,
  ]
    .filter(Boolean)
    .join(' · ');
}

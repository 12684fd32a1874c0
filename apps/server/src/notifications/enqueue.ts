import { invalid } from '@firebreak/core';
import type { Tx } from '../db/connect';
import { insertNotifications, type NewNotification } from './store';

export type { NewNotification } from './store';

/**
 * Queues notifications in the transaction of the change that causes them (the outbox): if the
 * change rolls back, nothing is queued; if it commits, the worker will deliver them even if the
 * process dies a moment later. Pass the open transaction, never the bare database, or the
 * notifications would commit on their own. A key queued before is skipped, so a caller that
 * retries its change does not double them. Returns how many were queued.
 *
 * @example
 * await ctx.db.transaction(async (tx) => {
 *   await insertIncident(tx, row);
 *   await enqueueNotifications(tx, [{ idempotencyKey: `${row.id}:declared:ops-hook`, incidentId: row.id,
 *     channel: 'webhook', recipient: 'https://ops.example/hook', payload: { incident: row.id } }], at);
 * });
 */
export async function enqueueNotifications(
  tx: Tx,
  notifications: readonly NewNotification[],
  at: Date,
): Promise<number> {
  notifications.forEach(check);
  return insertNotifications(tx, notifications, at);
}

// The rows come from our own code (the notification matrix), not from a request; these checks
// catch a programming mistake before it becomes a row no channel can deliver.
function check(notification: NewNotification, index: number): void {
  const at = `notifications[${index}]`;
  if (!notification.idempotencyKey.trim()) throw invalid(`${at}.idempotencyKey`, 'must not be empty');
  if (!notification.channel.trim()) throw invalid(`${at}.channel`, 'must not be empty');
  if (!notification.recipient.trim()) throw invalid(`${at}.recipient`, 'must not be empty');
}

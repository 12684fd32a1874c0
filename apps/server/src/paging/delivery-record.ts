import type { Logger } from 'pino';
import { systemCtx } from '../context';
import type { Db } from '../db/connect';
import type { EventBus } from '../events/bus';
import { changeIncident } from '../incidents/change';
import type { NotificationRow } from '../notifications/store';
import type { SettledOutcome } from '../notifications/worker';

/** The actor on delivery records: the outbox worker, not a person. */
export const DELIVERY_ACTOR = 'firebreak:notifications';

/**
 * Puts a notification's final outcome on its incident's timeline: delivered (to whom, on which
 * channel, after how many attempts) or failed for good (and why). Attempts that will be retried
 * stay in the outbox and the war room's panel; the timeline keeps what happened.
 */
export function recordDeliveries(options: { db: Db; log: Logger; events: EventBus; now: () => Date }) {
  const ctx = systemCtx({ ...options, actor: DELIVERY_ACTOR, requestId: 'notifications' });
  return async (row: NotificationRow, outcome: SettledOutcome): Promise<void> => {
    if (!row.incidentId) return;
    const payload = row.payload as { audience?: string; kind?: string; recipientName?: string };
    const fields = {
      notification: row.id,
      key: row.idempotencyKey,
      channel: row.channel,
      recipient: row.recipient,
      recipientName: payload.recipientName ?? null,
      audience: payload.audience ?? null,
      kind: payload.kind ?? null,
      attempts: outcome.attempts,
    };
    await changeIncident(ctx, row.incidentId, async ({ record }) => {
      if (outcome.delivered)
        await record('notification_delivered', { ...fields, receiverMessageId: outcome.receiverMessageId ?? null });
      else
        await record('notification_failed', {
          ...fields,
          error: outcome.error ?? 'not delivered',
          final: true,
          retryAt: null,
        });
    });
  };
}

import type { NotificationRow } from './store';

/** What one delivery attempt came to. */
export interface DeliveryResult {
  delivered: boolean;
  /** When not delivered: worth another attempt (a timeout, a 5xx) or not (a 4xx, a bad address). */
  retryable: boolean;
  error?: string;
  /** When retryable: the earliest the receiver asked to be tried again (Retry-After), in ms. */
  retryAfterMs?: number;
  /** The receiver's id for the message (a mail's Message-ID, a Slack ts, a PagerDuty dedup key). */
  receiverMessageId?: string;
  /** Tries made inside this one delivery (a channel retries a few times before handing back). */
  attempts?: number;
}

/**
 * Sends one notification. Channels (webhook, mail, chat, pager) each provide one; the worker
 * calls it with the row it claimed. It may throw: the worker counts a throw as a retryable
 * failure, so a bug in a channel shows up as a failed notification, never as a crash.
 */
export type Deliver = (row: NotificationRow) => Promise<DeliveryResult>;

/** The header every attempt carries, so a receiver can drop repeats of at-least-once delivery. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

export interface WebhookOptions {
  /** An attempt that has not answered by then is abandoned and retried (10 s unless set). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * Delivers by HTTP POST of the payload as JSON to the row's recipient URL, with the
 * idempotency key as a header. 2xx is delivered; 408, 429, 5xx, a timeout or a network error
 * is retried; any other status is failed at once, since sending it again will not change it.
 *
 * @example
 * const worker = new NotificationWorker({ db, log, now, deliver: deliverWebhook() });
 */
export function deliverWebhook(options: WebhookOptions = {}): Deliver {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const send = options.fetch ?? fetch;
  return async (row) => {
    let response: Response;
    try {
      response = await send(row.recipient, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [IDEMPOTENCY_HEADER]: row.idempotencyKey },
        body: JSON.stringify(row.payload),
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Drain the body so the connection goes back to the pool.
      await response.arrayBuffer().catch(() => undefined);
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      return {
        delivered: false,
        retryable: true,
        error: timedOut ? `no answer within ${timeoutMs} ms` : String(error),
      };
    }
    if (response.ok) return { delivered: true, retryable: false };
    const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
    return { delivered: false, retryable, error: `receiver answered ${response.status}` };
  };
}

/**
 * Picks the deliverer by the row's channel kind. A channel with none yet fails its rows at
 * once with a message saying so, rather than retrying something that cannot succeed.
 */
export function deliverByChannel(channels: Readonly<Record<string, Deliver>>): Deliver {
  return async (row) => {
    const deliver = channels[row.channel];
    if (!deliver) return { delivered: false, retryable: false, error: `channel ${row.channel} has no deliverer` };
    return deliver(row);
  };
}

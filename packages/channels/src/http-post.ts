import type { AttemptOutcome } from './delivery';
import { isRetryableStatus, parseRetryAfter } from './retry-policy';

/** A receiver's answer to one POST, its body cut to what an error message needs. */
export interface HttpReply {
  status: number;
  headers: Headers;
  text: string;
}

const MAX_REPLY_CHARS = 4000;

/**
 * POSTs a JSON body and reads the reply under `signal`, so a receiver that accepts the
 * connection and never answers is abandoned at the policy's timeout. Throws on network errors
 * and aborts; `deliverWithRetry` turns those into retryable failures.
 */
export async function postJson(
  url: string,
  body: string,
  signal: AbortSignal,
  headers: Record<string, string> = {},
): Promise<HttpReply> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'firebreak-channels', ...headers },
    body,
    signal,
    redirect: 'error',
  });
  const text = (await response.text()).slice(0, MAX_REPLY_CHARS);
  return { status: response.status, headers: response.headers, text };
}

/**
 * The usual reading of a reply: 2xx delivered; 408, 429 and 5xx worth another try (after
 * Retry-After when the receiver sends one); any other status refused for good.
 */
export function httpOutcome(reply: HttpReply, now: Date, receiverMessageId?: string): AttemptOutcome {
  if (reply.status >= 200 && reply.status < 300) return { ok: true, status: reply.status, receiverMessageId };
  return {
    ok: false,
    status: reply.status,
    error: `HTTP ${reply.status}${reply.text ? `: ${oneLine(reply.text)}` : ''}`,
    retryable: isRetryableStatus(reply.status),
    retryAfterMs: parseRetryAfter(reply.headers.get('retry-after'), now),
  };
}

/** A reply body squeezed to one short line for an error message. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}

import { z } from '@firebreak/contract';
import type { AttemptOutcome, AttemptRecord, ChannelKind, DeliveryResult } from './delivery';

/**
 * How hard one delivery tries before it hands back. Waits grow exponentially from `baseDelayMs`
 * up to `maxDelayMs`, with full jitter (a random wait between zero and the step), so receivers
 * that come back after an outage are not hit by every sender at the same instant.
 */
export const RetryPolicy = z.object({
  /** Tries in all, the first included. */
  maxAttempts: z.number().int().min(1).max(20).default(4),
  /** The first back-off step. */
  baseDelayMs: z.number().int().min(0).max(60_000).default(500),
  /** No single wait is longer; a Retry-After beyond it ends the inline tries (see `retryAfterMs`). */
  maxDelayMs: z.number().int().min(0).max(300_000).default(10_000),
  /** One try is abandoned after this long, so a hung receiver never holds the worker. */
  timeoutMs: z.number().int().min(1).max(120_000).default(10_000),
});
export type RetryPolicy = z.infer<typeof RetryPolicy>;
export type RetryPolicyInput = z.input<typeof RetryPolicy>;

export const DEFAULT_RETRY_POLICY: RetryPolicy = RetryPolicy.parse({});

/** What a delivery may be given besides the notification: the clock, randomness and sleeping. */
export interface DeliveryOptions {
  policy?: RetryPolicyInput;
  /** The clock for attempt times, webhook timestamps and the like; the real one by default. */
  now?: () => Date;
  /** Source of jitter in [0, 1); `Math.random` by default. */
  random?: () => number;
  /** How to wait between tries; a real timer by default. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The wait before try `attempt + 1` after try `attempt` failed: full jitter over an exponential
 * step (AWS Architecture Blog, "Exponential Backoff and Jitter"), capped.
 *
 * @example
 * backoffDelay(3, DEFAULT_RETRY_POLICY, () => 0.5); // 0.5 * min(10000, 500 * 2^2) = 1000
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * step);
}

/** Whether an HTTP status is worth another try: 408, 429 and 5xx are; other 4xx are final. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Reads a Retry-After header (seconds, or an HTTP date) as milliseconds from `now`; undefined
 * when absent or unreadable.
 */
export function parseRetryAfter(header: string | null | undefined, now: Date): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it succeeds, fails for good, or the policy's tries run out, and reports
 * every try. Never throws: an exception from `attempt` counts as a retryable failure, since a
 * bug that threw once may not throw on a network hiccup's retry, and the worker must go on.
 *
 * @example
 * const result = await deliverWithRetry('webhook', (signal) => postOnce(signal), { policy: { maxAttempts: 3 } });
 */
export async function deliverWithRetry(
  channel: ChannelKind,
  attempt: (signal: AbortSignal) => Promise<AttemptOutcome>,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const policy = RetryPolicy.parse(options.policy ?? {});
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? realSleep;
  const attempts: AttemptRecord[] = [];
  for (let n = 1; ; n++) {
    const record: AttemptRecord = { attempt: n, at: now().toISOString() };
    attempts.push(record);
    const outcome = await tryOnce(attempt, policy.timeoutMs);
    record.status = outcome.status;
    if (outcome.ok) {
      return {
        channel,
        delivered: true,
        status: outcome.status,
        attempts,
        retryable: false,
        receiverMessageId: outcome.receiverMessageId,
      };
    }
    record.error = outcome.error;
    const failed = { channel, delivered: false, status: outcome.status, attempts, error: outcome.error };
    if (!outcome.retryable) return { ...failed, retryable: false };
    if (outcome.retryAfterMs !== undefined && outcome.retryAfterMs > policy.maxDelayMs) {
      // The receiver wants longer than we wait inline: hand it back for the outbox to schedule.
      return { ...failed, retryable: true, retryAfterMs: outcome.retryAfterMs };
    }
    if (n >= policy.maxAttempts) return { ...failed, retryable: true };
    const wait = Math.max(outcome.retryAfterMs ?? 0, backoffDelay(n, policy, random));
    record.waitedMs = wait;
    await sleep(wait);
  }
}

/** One try under a timeout; a throw or an abort becomes a failed outcome. */
async function tryOnce(
  attempt: (signal: AbortSignal) => Promise<AttemptOutcome>,
  timeoutMs: number,
): Promise<AttemptOutcome> {
  const signal = AbortSignal.timeout(timeoutMs);
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The race guards against an attempt that ignores its signal: the worker moves on regardless.
  const deadline = new Promise<AttemptOutcome>((resolve) => {
    timer = setTimeout(() => resolve(timedOut(timeoutMs)), timeoutMs + 50);
  });
  try {
    return await Promise.race([attempt(signal), deadline]);
  } catch (error) {
    if (signal.aborted) return timedOut(timeoutMs);
    return { ok: false, error: describeError(error), retryable: true };
  } finally {
    clearTimeout(timer);
  }
}

function timedOut(timeoutMs: number): AttemptOutcome {
  return { ok: false, error: `timed out after ${timeoutMs} ms`, retryable: true };
}

/** A short, single-line description of whatever was thrown, for the timeline. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${typeof code === 'string' ? `${code} ` : ''}${error.message}${cause}`.slice(0, 500);
  }
  return String(error).slice(0, 500);
}

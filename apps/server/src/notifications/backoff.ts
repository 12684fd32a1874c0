/** How long to wait between attempts at one notification. */
export interface RetryPolicy {
  /** The wait after the first failed attempt, before jitter. */
  baseMs: number;
  /** The longest wait, before jitter: doubling stops here. */
  capMs: number;
  /** Attempts in all, the first included; after the last failure the notification is failed. */
  maxAttempts: number;
}

/**
 * Ten attempts, with waits of up to 1, 2, 4, 8, 16, 32 s and then 60 s three times (two to
 * four minutes in all, with jitter): a receiver restarting for a deploy gets the message, and
 * one that is gone shows as failed while the incident is still young.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 1_000, capMs: 60_000, maxAttempts: 10 };

/**
 * The wait before the next attempt after `attempt` failed ones (1 after the first), doubling
 * from `baseMs` up to `capMs`, then jittered to between half and all of it. Half is kept fixed
 * so a retry never comes at once; the random half spreads the retries of many notifications
 * that failed together (a receiver that was down), so they do not return as one burst.
 *
 * @example
 * retryDelayMs(3, DEFAULT_RETRY_POLICY, () => 1) // 4000
 */
export function retryDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** When to try again after `attempt` failed ones, or null when that was the last attempt. */
export function nextAttemptAt(attempt: number, at: Date, policy: RetryPolicy, random: () => number): Date | null {
  if (attempt >= policy.maxAttempts) return null;
  return new Date(at.getTime() + retryDelayMs(attempt, policy, random));
}

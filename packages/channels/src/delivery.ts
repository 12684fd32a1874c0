/** The channels a notification can go out on. */
export const CHANNEL_KINDS = ['email', 'slack', 'teams', 'pagerduty', 'webhook'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** What one try at a receiver came to. `status` is the HTTP status or the SMTP reply code. */
export type AttemptOutcome =
  | { ok: true; status?: number; receiverMessageId?: string }
  | { ok: false; status?: number; error: string; retryable: boolean; retryAfterMs?: number };

/** One try, as recorded on the result (and later on the incident's timeline). */
export interface AttemptRecord {
  /** 1 for the first try. */
  attempt: number;
  /** When the try started, UTC ISO-8601. */
  at: string;
  status?: number;
  /** Why the try failed; absent when it succeeded. */
  error?: string;
  /** How long the layer waited before the next try; absent on the last one. */
  waitedMs?: number;
}

/**
 * The outcome of delivering one notification on one channel. Delivery never throws: every
 * failure, including a bug in rendering, comes back here.
 */
export interface DeliveryResult {
  channel: ChannelKind;
  delivered: boolean;
  /** The last HTTP status or SMTP reply code seen, if any. */
  status?: number;
  attempts: AttemptRecord[];
  /** Why the last try failed; absent when delivered. */
  error?: string;
  /**
   * Whether trying again later may succeed (a 5xx, a timeout, a 429 longer than the policy waits
   * inline). False when delivered or when the receiver refused the message for good (a 4xx).
   */
  retryable: boolean;
  /** When `retryable`, the earliest the receiver asked to be tried again (Retry-After), in ms. */
  retryAfterMs?: number;
  /** The receiver's id for the message: SMTP queue reply, Slack `ts`, PagerDuty `dedup_key`. */
  receiverMessageId?: string;
}

/** A result for a notification that cannot be sent at all on this channel (no address, say). */
export function refused(channel: ChannelKind, error: string): DeliveryResult {
  return { channel, delivered: false, attempts: [], error, retryable: false };
}

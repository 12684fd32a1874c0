import type { Logger } from 'pino';
import type { Db } from '../db/connect';
import type { Metrics } from '../observability/metrics';
import { DEFAULT_RETRY_POLICY, nextAttemptAt, type RetryPolicy } from './backoff';
import type { Deliver, DeliveryResult } from './deliver';
import { claimDue, markAttemptFailed, markDelivered, type NotificationRow } from './store';

export interface NotificationWorkerOptions {
  db: Db;
  deliver: Deliver;
  log: Logger;
  now: () => Date;
  /** Deliveries in flight at once (8 unless set). */
  concurrency?: number;
  /**
   * How long a claimed row is held before another worker may take it back (60 s unless set).
   * Longer than any one delivery may take, or a slow receiver gets the message twice.
   */
  leaseMs?: number;
  /** How often to look for due rows when nothing woke the worker (1 s unless set). */
  pollMs?: number;
  retry?: RetryPolicy;
  /** The jitter's source; seeded in tests. */
  random?: () => number;
  /**
   * Told of every delivery and every failure that will not be retried, once recorded: what puts
   * delivery on the incident's timeline. Its errors are logged, never retried.
   */
  onSettled?: (row: NotificationRow, outcome: SettledOutcome) => Promise<void>;
  /** Where each attempt's outcome is counted by channel (`GET /metrics`). */
  metrics?: Pick<Metrics, 'notificationDeliveries'>;
}

/** A delivery's final outcome: delivered, or failed with no attempt left. */
export interface SettledOutcome {
  delivered: boolean;
  /** Outbox attempts, each of which may hold several tries by the channel. */
  attempts: number;
  error?: string;
  receiverMessageId?: string;
  at: Date;
}

/**
 * Delivers the outbox. Claims due rows (leasing them), sends each through `deliver` with at
 * most `concurrency` in flight, and records the outcome: delivered, pending again after a
 * back-off, or failed once the attempts are spent. A worker killed mid-delivery leaves its rows
 * leased; when the lease runs out they are due again, so every committed notification is
 * delivered at least once. Deliveries run beside request handling on the event loop and hold no
 * transaction while they wait on a receiver, so a slow receiver never holds up an incident's
 * own writes.
 */
export class NotificationWorker {
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly retry: RetryPolicy;
  private readonly random: () => number;
  private inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private pumping: Promise<void> | undefined;

  constructor(private readonly options: NotificationWorkerOptions) {
    this.concurrency = options.concurrency ?? 8;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.pollMs = options.pollMs ?? 1_000;
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.random = options.random ?? Math.random;
  }

  /** Starts polling; rows already due (left by a previous process) go out at once. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.wake();
  }

  /** Looks for due rows now, instead of at the next poll (after an enqueue commits). */
  wake(): void {
    if (!this.running) return;
    this.pumping ??= this.pump().finally(() => {
      this.pumping = undefined;
      this.schedule();
    });
  }

  /** Stops claiming and waits for the deliveries in flight to be recorded. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.pumping;
    await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Claims once and delivers what it claimed, waiting for the outcomes: what tests step with on
   * a simulated clock. Returns how many rows were claimed.
   */
  async runOnce(): Promise<number> {
    const rows = await this.claim(this.concurrency);
    await Promise.all(rows.map((row) => this.attempt(row)));
    return rows.length;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (!this.running) return;
    this.timer = setTimeout(() => this.wake(), this.pollMs);
    this.timer.unref();
  }

  // Fills the free delivery slots until nothing more is due.
  private async pump(): Promise<void> {
    while (this.running) {
      const free = this.concurrency - this.inFlight.size;
      if (free <= 0) return;
      let rows: NotificationRow[];
      try {
        rows = await this.claim(free);
      } catch (error) {
        this.options.log.error({ err: error }, 'notification claim failed; retrying at the next poll');
        return;
      }
      if (rows.length === 0) return;
      for (const row of rows) {
        const delivery = this.attempt(row).finally(() => {
          this.inFlight.delete(delivery);
          this.wake();
        });
        this.inFlight.add(delivery);
      }
    }
  }

  private claim(limit: number): Promise<NotificationRow[]> {
    const at = this.options.now();
    return claimDue(this.options.db, at, new Date(at.getTime() + this.leaseMs), limit);
  }

  private async attempt(row: NotificationRow): Promise<void> {
    let result: DeliveryResult;
    try {
      result = await this.options.deliver(row);
    } catch (error) {
      result = { delivered: false, retryable: true, error: `deliverer threw: ${String(error)}` };
    }
    try {
      await this.record(row, result);
    } catch (error) {
      // The lease runs out and the row is tried again: at least once, never lost.
      this.options.log.error({ err: error, notification: row.id }, 'notification outcome not recorded');
    }
  }

  private async record(row: NotificationRow, result: DeliveryResult): Promise<void> {
    const at = this.options.now();
    const { db, log } = this.options;
    if (result.delivered) {
      // A second delivery of one row (its lease ran out mid-send) is recorded once.
      if (!(await markDelivered(db, row.id, at))) return;
      this.count(row, 'delivered');
      const receiverMessageId = result.receiverMessageId;
      return this.settled(row, {
        delivered: true,
        attempts: row.attempts,
        at,
        ...(receiverMessageId ? { receiverMessageId } : {}),
      });
    }
    const error = result.error ?? 'not delivered';
    let retryAt = result.retryable ? nextAttemptAt(row.attempts, at, this.retry, this.random) : null;
    // A receiver that asked for longer (Retry-After) gets longer.
    if (retryAt && result.retryAfterMs !== undefined)
      retryAt = new Date(Math.max(retryAt.getTime(), at.getTime() + result.retryAfterMs));
    await markAttemptFailed(db, row, error, at, retryAt);
    this.count(row, retryAt ? 'retry' : 'failed');
    const fields = { notification: row.id, channel: row.channel, attempts: row.attempts, error };
    if (retryAt) log.info({ ...fields, retryAt }, 'notification attempt failed; will retry');
    else {
      log.warn(fields, 'notification failed');
      await this.settled(row, { delivered: false, attempts: row.attempts, error, at });
    }
  }

  private count(row: NotificationRow, outcome: 'delivered' | 'retry' | 'failed'): void {
    this.options.metrics?.notificationDeliveries.inc({ channel: row.channel, outcome });
  }

  private async settled(row: NotificationRow, outcome: SettledOutcome): Promise<void> {
    if (!this.options.onSettled) return;
    try {
      await this.options.onSettled(row, outcome);
    } catch (error) {
      this.options.log.error({ err: error, notification: row.id }, 'notification outcome not put on the timeline');
    }
  }
}

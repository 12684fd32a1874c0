import type { TelemetryEventInput } from '@firebreak/contract';

export interface ReporterOptions {
  baseUrl: string;
  token?: string;
  fetch?: typeof fetch;
  /** Events per request (default 500). */
  maxBatch?: number;
  /** How long an event may wait for its batch to fill (default 1 s). */
  flushIntervalMs?: number;
  /** Events held while the server is slow or away; past this, new events are dropped and counted (default 10,000). */
  maxBuffer?: number;
  /**
   * Retry waits, doubling from the first to the longest, with jitter (default 500 ms to 30 s). A
   * 429 or 503 with `Retry-After` waits at least that long, capped at the longest.
   */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Told about failures; the reporter itself never throws into the app. */
  onError?: (error: unknown) => void;
}

export interface ReporterStats {
  /** Waiting to be sent. */
  buffered: number;
  /** Accepted by the server. */
  sent: number;
  /** Refused by the server as invalid (see the server's answer for why). */
  rejected: number;
  /** Dropped here because the buffer was full or the reporter closed. */
  dropped: number;
  /** Send attempts that failed and will be retried. */
  retries: number;
}

/**
 * Sends telemetry from an AI app to Firebreak: batches events, holds a bounded buffer while the
 * server is unreachable, retries with backoff, and never throws into the host app.
 *
 * @example
 * const reporter = new TelemetryReporter({ baseUrl: 'https://firebreak.internal', token });
 * reporter.report({ system: 'fraud-model', ts: new Date().toISOString(), prediction: 'decline', confidence: 0.91 });
 */
export class TelemetryReporter {
  private readonly options: Required<Omit<ReporterOptions, 'token' | 'onError' | 'fetch'>> &
    Pick<ReporterOptions, 'token' | 'onError'>;
  private readonly fetchImpl: typeof fetch;
  private buffer: TelemetryEventInput[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | undefined;
  private attempt = 0;
  /** What the server's last `Retry-After` asked for, in ms; 0 when it asked nothing. */
  private retryAfterMs = 0;
  private closed = false;
  private readonly counts = { sent: 0, rejected: 0, dropped: 0, retries: 0 };

  constructor(options: ReporterOptions) {
    this.options = {
      maxBatch: 500,
      flushIntervalMs: 1000,
      maxBuffer: 10_000,
      minBackoffMs: 500,
      maxBackoffMs: 30_000,
      ...options,
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
    };
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** Queues an event; false when it was dropped (buffer full, or the reporter closed). */
  report(event: TelemetryEventInput): boolean {
    if (this.closed || this.buffer.length >= this.options.maxBuffer) {
      this.counts.dropped += 1;
      return false;
    }
    this.buffer.push(event);
    if (this.buffer.length >= this.options.maxBatch) this.schedule(0);
    else this.schedule(this.options.flushIntervalMs);
    return true;
  }

  /**
   * Queues what a route's shadow version produced for a copy of a request (see
   * `FirebreakControls.route`), marked `shadow: true`: it feeds the shadow comparison and never
   * the monitors, alerts or budget. The app must never show the shadow's output to anyone.
   */
  reportShadow(event: Omit<TelemetryEventInput, 'shadow'>): boolean {
    return this.report({ ...event, shadow: true });
  }

  get stats(): ReporterStats {
    return { buffered: this.buffer.length, ...this.counts };
  }

  /** Sends what is buffered now (one attempt per batch; failures stay buffered for retry). */
  async flush(): Promise<void> {
    this.clearTimer();
    while (this.inFlight) await this.inFlight;
    while (this.buffer.length > 0) {
      const ok = await this.sendOne();
      if (!ok) break;
    }
  }

  /** Flushes, then stops; events reported afterwards are dropped and counted. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    this.clearTimer();
    this.counts.dropped += this.buffer.length;
    this.buffer = [];
  }

  private notify(error: unknown): void {
    try {
      this.options.onError?.(error);
    } catch {
      // the app's handler failing is not ours to raise
    }
  }

  private schedule(delayMs: number): void {
    if (this.closed || this.inFlight) return;
    if (this.timer !== undefined && delayMs > 0) return;
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drain();
    }, delayMs);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async drain(): Promise<void> {
    while (this.buffer.length > 0 && !this.closed) {
      if (!(await this.sendOne())) {
        const backoff =
          Math.min(this.options.maxBackoffMs, this.options.minBackoffMs * 2 ** (this.attempt - 1)) *
          (0.5 + Math.random() / 2);
        const wait = Math.max(backoff, Math.min(this.retryAfterMs, this.options.maxBackoffMs));
        this.schedule(Math.max(1, Math.round(wait)));
        return;
      }
    }
  }

  /** One request with the oldest batch; true when the batch is settled (sent or refused for good). */
  private async sendOne(): Promise<boolean> {
    const batch = this.buffer.slice(0, this.options.maxBatch);
    let settled = false;
    this.retryAfterMs = 0;
    this.inFlight = (async () => {
      try {
        const response = await this.fetchImpl(`${this.options.baseUrl}/api/v1/telemetry`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
          },
          body: JSON.stringify(batch),
        });
        const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
        if (retryable) {
          this.retryAfterMs = retryAfterMs(response.headers.get('retry-after'), Date.now());
          throw new Error(`telemetry: HTTP ${response.status}`);
        }
        const body = (await response.json().catch(() => undefined)) as
          | { accepted?: number; rejectedTotal?: number }
          | undefined;
        if (response.ok) {
          this.counts.sent += body?.accepted ?? batch.length;
          this.counts.rejected += body?.rejectedTotal ?? 0;
        } else {
          // The server refused the batch itself (bad token, all invalid): retrying cannot help.
          this.counts.rejected += batch.length;
          this.notify(new Error(`telemetry refused: HTTP ${response.status}`));
        }
        this.buffer.splice(0, batch.length);
        this.attempt = 0;
        settled = true;
      } catch (error) {
        this.attempt += 1;
        this.counts.retries += 1;
        this.notify(error);
      }
    })();
    await this.inFlight;
    this.inFlight = undefined;
    return settled;
  }
}

/**
 * A `Retry-After` value (RFC 9110: delay seconds or an HTTP date) as milliseconds from `now`;
 * 0 when absent or unreadable.
 *
 * @example
 * retryAfterMs('7', Date.now()); // 7000
 */
export function retryAfterMs(value: string | null, now: number): number {
  if (value === null) return 0;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? 0 : Math.max(0, at - now);
}

import type { LiveEvent } from '@firebreak/contract';
import pg from 'pg';
import type { Logger } from 'pino';
import { type Fanout, type FanoutReceiver, fanoutMessage, parseFanoutMessage, receive } from './fanout';

/** NOTIFY's payload must stay under 8000 bytes; an event bigger than this goes as a `dropped` marker. */
export const NOTIFY_LIMIT = 7_900;

export interface PostgresFanoutOptions {
  databaseUrl: string;
  /** The LISTEN/NOTIFY channel (firebreak_events unless set; tests use their own). */
  channel?: string;
  log: Logger;
  /** How often the listening connection is checked with a query (10 s unless set). */
  heartbeatMs?: number;
  /** First wait before reconnecting, doubled up to 5 s (500 ms unless set). */
  retryMs?: number;
}

/**
 * PostgreSQL LISTEN/NOTIFY on one dedicated connection (not the pool: LISTEN belongs to a
 * session). An event is sent with `pg_notify` after the transaction that made it committed, in a
 * transaction of its own, so a writer's commit never waits on the notification queue's lock. At
 * most once: a connection that drops and comes back tells the bus `lost`, and the control feed
 * re-reads from the store.
 */
export class PostgresFanout implements Fanout {
  readonly kind = 'postgres' as const;
  private readonly channel: string;
  private client: pg.Client | undefined;
  private receiver: FanoutReceiver | undefined;
  private closing = false;
  private heartbeat: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retries = 0;
  /** NOTIFYs go one after another on the connection, in the order the events were committed. */
  private sending: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: PostgresFanoutOptions) {
    this.channel = options.channel ?? 'firebreak_events';
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(this.channel))
      throw new Error(`fanout channel "${this.channel}": expected a plain lower-case identifier`);
  }

  async start(receiver: FanoutReceiver): Promise<void> {
    this.receiver = receiver;
    await this.connect();
    this.heartbeat = setInterval(() => {
      this.client?.query('select 1').catch((error: Error) => this.dropped(error));
    }, this.options.heartbeatMs ?? 10_000);
    this.heartbeat.unref();
  }

  send(event: LiveEvent): void {
    const client = this.client;
    if (!client || !this.receiver) {
      this.options.log.warn(
        { type: event.type },
        'fanout: not connected to PostgreSQL; other replicas miss this event',
      );
      return;
    }
    const payload = fanoutMessage(this.receiver.origin, event, NOTIFY_LIMIT);
    this.sending = this.sending
      .then(() => client.query('select pg_notify($1, $2)', [this.channel, payload]))
      .catch((error: Error) => this.options.log.warn({ err: error }, 'fanout: NOTIFY failed'));
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  /** Dropped after a reconnect? The bus hears `lost`, as events may have been sent meanwhile. */
  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.databaseUrl,
      keepAlive: true,
      application_name: 'firebreak-fanout',
    });
    client.on('notification', (message) => {
      if (message.channel !== this.channel || !this.receiver) return;
      const parsed = parseFanoutMessage(message.payload ?? '');
      if (!parsed) this.options.log.warn({ channel: message.channel }, 'fanout: a notification that is not ours');
      receive(parsed, this.receiver);
    });
    client.on('error', (error) => this.dropped(error, client));
    client.on('end', () => this.dropped(new Error('connection ended'), client));
    try {
      await client.connect();
      await client.query(`listen ${this.channel}`);
    } catch (error) {
      // A connection that came up but could not LISTEN is closed, not left open and unused.
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
  }

  private dropped(error: Error, which?: pg.Client): void {
    if (this.closing || (which && which !== this.client) || this.retryTimer) return;
    this.options.log.warn({ err: error }, 'fanout: LISTEN connection lost; reconnecting');
    const old = this.client;
    this.client = undefined;
    old?.end().catch(() => undefined);
    const retry = () => {
      const wait = Math.min(5_000, (this.options.retryMs ?? 500) * 2 ** this.retries++);
      this.retryTimer = setTimeout(async () => {
        try {
          await this.connect();
          this.retryTimer = undefined;
          this.retries = 0;
          this.options.log.info('fanout: LISTEN connection back');
          this.receiver?.lost('the LISTEN connection to PostgreSQL dropped and came back');
        } catch (reconnectError) {
          this.options.log.warn({ err: reconnectError }, 'fanout: reconnecting to PostgreSQL failed');
          retry();
        }
      }, wait);
      this.retryTimer.unref();
    };
    retry();
  }
}

import type { LiveEvent } from '@firebreak/contract';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { type NatsAuth, natsAuthFromEnv, natsConnectError, natsConnectionOptions } from '../telemetry/nats-connection';
import { type Fanout, type FanoutReceiver, fanoutMessage, parseFanoutMessage, receive } from './fanout';

/** Well under NATS's default 1 MB max_payload; a bigger event goes as a `dropped` marker. */
const NATS_LIMIT = 512 * 1024;

export interface NatsFanoutOptions {
  /** FIREBREAK_NATS_URL: one URL or several, comma-separated. */
  url: string;
  /** The subject events go on (firebreak.events unless set; tests use their own). */
  subject?: string;
  log: Logger;
  /** Credentials and TLS (from the environment unless given). */
  auth?: NatsAuth;
}

/**
 * NATS core publish/subscribe: each event is published once and every replica subscribed hears
 * it. Core, not JetStream: the live feed is a hint that must arrive fast, and what must not be
 * lost is in the store already, re-read on a reconnect (docs/adr/0043). The client reconnects
 * by itself, without end; each reconnect tells the bus `lost`.
 */
export class NatsFanout implements Fanout {
  readonly kind = 'nats' as const;
  private connection: NatsConnection | undefined;
  private origin = '';
  private readonly subject: string;

  constructor(private readonly options: NatsFanoutOptions) {
    this.subject = options.subject ?? 'firebreak.events';
  }

  async start(receiver: FanoutReceiver): Promise<void> {
    this.origin = receiver.origin;
    const settings = natsConnectionOptions(
      this.options.url,
      `firebreak-${receiver.origin}`,
      this.options.auth ?? natsAuthFromEnv(process.env),
    );
    try {
      this.connection = await connect({
        ...settings,
        noEcho: true,
        maxReconnectAttempts: -1,
        reconnectTimeWait: 500,
      });
    } catch (error) {
      throw new Error(`fanout: ${natsConnectError(this.options.url, error)}`, { cause: error });
    }
    const connection = this.connection;
    connection.subscribe(this.subject, {
      callback: (error, message) => {
        if (error) {
          this.options.log.warn({ err: error }, 'fanout: NATS subscription error');
          return;
        }
        const parsed = parseFanoutMessage(message.string());
        if (!parsed) this.options.log.warn({ subject: message.subject }, 'fanout: a NATS message that is not ours');
        receive(parsed, receiver);
      },
    });
    void (async () => {
      for await (const status of connection.status()) {
        if (status.type === 'disconnect') this.options.log.warn('fanout: NATS disconnected; reconnecting');
        if (status.type === 'reconnect') {
          this.options.log.info('fanout: NATS connection back');
          receiver.lost('the connection to NATS dropped and came back');
        }
      }
    })();
    await connection.flush();
  }

  send(event: LiveEvent): void {
    try {
      this.connection?.publish(this.subject, fanoutMessage(this.origin, event, NATS_LIMIT));
    } catch (error) {
      this.options.log.warn({ err: error, type: event.type }, 'fanout: NATS publish failed');
    }
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    if (connection && !connection.isClosed()) await connection.drain().catch(() => connection.close());
  }
}

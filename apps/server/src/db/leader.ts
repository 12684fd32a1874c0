import pg from 'pg';
import type { Logger } from 'pino';
import { LOCKS } from './locks';

/** The leader's advisory-lock key (LOCKS.leader): the replica holding it runs the singletons. */
export const LEADER_LOCK = LOCKS.leader;

export interface Leadership {
  /** True while this replica holds the lock and runs the work. */
  readonly leading: boolean;
  /** Stops the work (if leading) and lets the lock go, so another replica takes over at once. */
  close(): Promise<void>;
}

export interface LeaderOptions {
  /** PostgreSQL URL; without one (PGlite, one process) this replica leads from the start. */
  databaseUrl?: string | undefined;
  log: Logger;
  /** Starts the work only one replica may do; returns how to stop it. */
  lead: () => () => Promise<void> | void;
  /** How often a follower tries the lock and a leader checks its session (2 s unless set). */
  everyMs?: number;
  /** The advisory lock's key (LEADER_LOCK unless set). */
  key?: number;
  /**
   * How long a leader's check may go unanswered before it steps down (5 s unless set). It must be
   * shorter than the time PostgreSQL takes to drop a session it cannot reach (about 11 s, from
   * the keepalives set on the session), so the old leader has stopped before another can lead.
   */
  checkTimeoutMs?: number;
}

/**
 * Elects one replica, through a session-level advisory lock on a connection of its own, to run
 * the work that must run once however many replicas serve the API (docs/adr/0043). Followers try
 * the lock every `everyMs`; when the leader dies its session ends, PostgreSQL lets the lock go,
 * and the next follower to try takes over. A leader whose session fails a check stops the work
 * before anything else can happen, then tries again on a new connection.
 */
export async function electLeader(options: LeaderOptions): Promise<Leadership> {
  if (!options.databaseUrl) {
    const stop = options.lead();
    return { leading: true, close: async () => void (await stop()) };
  }
  const state = new Election(options.databaseUrl, options);
  await state.tick();
  return state;
}

class Election implements Leadership {
  private client: pg.Client | undefined;
  private stop: (() => Promise<void> | void) | undefined;
  private readonly timer: NodeJS.Timeout;
  private closed = false;
  private ticking: Promise<void> | undefined;

  constructor(
    private readonly databaseUrl: string,
    private readonly options: LeaderOptions,
  ) {
    this.timer = setInterval(() => void this.tick(), options.everyMs ?? 2_000);
    this.timer.unref();
  }

  get leading(): boolean {
    return this.stop !== undefined;
  }

  tick(): Promise<void> {
    this.ticking ??= this.attempt().finally(() => {
      this.ticking = undefined;
    });
    return this.ticking;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.ticking;
    await this.stepDown();
    const client = this.client;
    this.client = undefined;
    // Ending the session lets the lock go.
    await client?.end().catch(() => undefined);
  }

  private async attempt(): Promise<void> {
    if (this.closed) return;
    try {
      if (!this.client) {
        const timeout = this.options.checkTimeoutMs ?? 5_000;
        const client = new pg.Client({
          connectionString: this.databaseUrl,
          keepAlive: true,
          application_name: 'firebreak-leader',
          connectionTimeoutMillis: timeout,
          query_timeout: timeout,
        });
        client.on('error', (error) => {
          this.options.log.warn({ err: error }, 'leader election: connection lost');
          void this.lose(client);
        });
        await client.connect();
        // A leader whose host or network dies never closes its socket: PostgreSQL would keep the
        // session, and the lock, until the OS gave up on it (two hours by default). Probe it every
        // few seconds instead (ignored on a Unix socket, where a dead peer is seen at once).
        await client.query(
          'set tcp_keepalives_idle = 5; set tcp_keepalives_interval = 2; set tcp_keepalives_count = 3; set tcp_user_timeout = 10000',
        );
        this.client = client;
      }
      const key = this.options.key ?? LEADER_LOCK;
      if (this.leading) {
        // Still ours? The lock lives as long as this session, so a working session is enough.
        await this.client.query('select 1');
        return;
      }
      const { rows } = await this.client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [key]);
      if (rows[0]?.locked && !this.closed) {
        this.options.log.info('leader election: this replica now runs the scheduled work');
        this.stop = this.options.lead();
      }
    } catch (error) {
      this.options.log.warn({ err: error }, 'leader election: check failed; stepping down');
      if (this.client) await this.lose(this.client);
    }
  }

  /** The session is gone (or failing): stop the work first, then drop the connection. */
  private async lose(client: pg.Client): Promise<void> {
    if (client !== this.client) return;
    this.client = undefined;
    await this.stepDown();
    await client.end().catch(() => undefined);
  }

  private async stepDown(): Promise<void> {
    const stop = this.stop;
    this.stop = undefined;
    if (!stop) return;
    try {
      await stop();
    } catch (error) {
      this.options.log.error({ err: error }, 'leader election: stopping the scheduled work failed');
    }
  }
}

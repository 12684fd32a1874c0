import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RetryPolicyInput } from '@firebreak/channels';
import { serve } from '@hono/node-server';
import pino, { type Logger } from 'pino';
import { scheduleExpiry } from './controls/expire';
import { type Db, openStore } from './db/connect';
import { electLeader } from './db/leader';
import { seedDemo } from './demo/seed';
import { startDetectionRole } from './detection/role';
import { EventBus } from './events/bus';
import type { FanoutKind } from './events/fanout';
import { openFanout, type ScaleOutOptions } from './events/open-fanout';
import { type AppOptions, createApp } from './http/app';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './http/rate-limit';
import { openCheckpointKey } from './integrity/key';
import {
  type ChannelSettings,
  ChannelsFile,
  type ChannelsFileInput,
  channelSettings,
  channelsFilePath,
  configuredChannels,
  openAckSecret,
  readChannelsFile,
} from './notifications/channel-settings';
import { deliverOnChannels } from './notifications/deliver-channels';
import type { NotifyConfig } from './notifications/plan';
import { NotificationWorker, type NotificationWorkerOptions } from './notifications/worker';
import { createMetrics } from './observability/metrics';
import { recordDeliveries } from './paging/delivery-record';
import { rulePack } from './regulatory/pack';
import { type Singletons, startSingletons } from './singletons';
import type { JetStreamOptions } from './telemetry/jetstream';
import { pruneTelemetry } from './telemetry/store';
import { bootstrapAdminToken } from './tokens/service';
import { VERSION } from './version';

const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface StartServerOptions {
  port: number;
  host: string;
  /** PGlite's data folder, used when there is no database URL. */
  dataDir?: string;
  /** PostgreSQL URL; wins over dataDir. */
  databaseUrl?: string;
  /** Seed the demo catalog and incident into an empty store. */
  demo?: boolean;
  /** With `demo`, also seed the quarter of history readiness reads (default true; ADR 38). */
  demoHistory?: boolean;
  /** The admin token to create on first start (FIREBREAK_ADMIN_TOKEN); random when absent. */
  adminToken?: string;
  /** Where structured logs go; a silent logger in tests. */
  logger?: Logger;
  /** Human-readable start-up lines (the CLI prints them). */
  log?: (line: string) => void;
  now?: () => Date;
  /** The built web UI; defaults to apps/web/dist when it exists. */
  webRoot?: string;
  /** Days raw telemetry is kept (FIREBREAK_TELEMETRY_RETENTION_DAYS, default 30). */
  telemetryRetentionDays?: number;
  /** The checkpoint signing key (FIREBREAK_CHECKPOINT_KEY; default checkpoint-key.pem in dataDir). */
  checkpointKeyPath?: string;
  /** How long a client may take to send a request (see `ServerTimeouts`; env overrides in ADR 0016). */
  timeouts?: Partial<ServerTimeouts>;
  /** Per-token quotas; `false` turns them off (FIREBREAK_RATE_LIMIT_* when not given). */
  rateLimits?: Partial<RateLimits> | false;
  /** The outbox worker's settings (ADR 22); by default the configured channels, 8 in flight, 60 s leases. */
  notifications?: Partial<Pick<NotificationWorkerOptions, 'deliver' | 'concurrency' | 'leaseMs' | 'pollMs' | 'retry'>>;
  /**
   * How each channel is reached (SMTP, Slack, Teams, PagerDuty, webhook), with secrets: the
   * channels file's contents. When not given, FIREBREAK_CHANNELS_FILE or `channels.yaml` in the
   * data folder is read; with none, nothing is sent and previews say which channels are missing.
   */
  channels?: ChannelsFileInput;
  /** Where people reach this server, for links in notifications (FIREBREAK_PUBLIC_URL; default the listen URL). */
  publicUrl?: string;
  /** Signs acknowledge links (FIREBREAK_ACK_SECRET; default `ack-secret` in the data folder). */
  ackSecret?: string;
  /** How often escalation and update reminders are looked at, at most (5 s unless set). */
  escalationEveryMs?: number;
  /** How often the canary runner judges running canaries (default 30 s; tests shorten it). */
  canaryEveryMs?: number;
  /**
   * How hard one delivery tries a receiver before handing back to the outbox's back-off (two
   * tries of at most 10 s unless set): short, so a hung receiver holds a worker slot well within
   * the worker's lease.
   */
  deliveryPolicy?: RetryPolicyInput;
  /** The public report intake's limits and suggested system names (AppOptions.intake). */
  intake?: AppOptions['intake'];
  /** The bearer token `GET /metrics` wants (FIREBREAK_METRICS_TOKEN); open when unset (docs/adr/0039). */
  metricsToken?: string;
  /**
   * Run as an API replica of the scaled-out layout (ADR 42): telemetry goes to this JetStream
   * stream (FIREBREAK_NATS_URL) and detection workers run the engines; this process runs none.
   */
  nats?: JetStreamOptions;
  /** How replicas share live events and elect the one that runs scheduled work (docs/adr/0043). */
  scaleOut?: ScaleOutOptions;
}

/**
 * Node's defaults let a client hold a connection for 300 s sending a body byte by byte. These
 * close such a request with 408. They bound receiving the request only: a live stream
 * (`/events/stream`, `/controls/stream`) stays open as long as its client reads.
 */
export interface ServerTimeouts {
  /** To receive the whole request, headers and body (60 s unless set). */
  requestMs: number;
  /** To receive the headers (15 s unless set). */
  headersMs: number;
  /** An idle keep-alive connection is closed after this (5 s unless set). */
  keepAliveMs: number;
}

export const DEFAULT_TIMEOUTS: ServerTimeouts = { requestMs: 60_000, headersMs: 15_000, keepAliveMs: 5_000 };

export interface RunningServer {
  url: string;
  port: number;
  store: 'pglite' | 'postgres';
  storeLocation: string;
  /** The admin token, only when it was generated on this start: show it once. */
  adminToken?: string;
  /** True when an admin token was created on this start (generated or from FIREBREAK_ADMIN_TOKEN). */
  adminTokenCreated: boolean;
  demoSeeded: boolean;
  /** How live events reach the other replicas (FIREBREAK_FANOUT). */
  fanout: FanoutKind;
  /** True while this replica runs the scheduled work only one replica may run. */
  leading(): boolean;
  close(): Promise<void>;
}

/**
 * Opens the store (migrating it), creates the first admin token, seeds the demo if asked, and
 * serves the API. The composition root of the server.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? pino({ level: process.env.FIREBREAK_LOG_LEVEL ?? 'info' });
  const now = options.now ?? (() => new Date());
  const store = await openStore({
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir,
    onIdleError: (error) => logger.warn({ err: error }, 'database connection dropped; it will be reopened'),
  });
  const cleanups: Array<() => unknown> = [];
  try {
    const bootstrap = await bootstrapAdminToken(store.db, now(), options.adminToken);
    if (!bootstrap.created && options.adminToken) {
      options.log?.('FIREBREAK_ADMIN_TOKEN ignored: this store already has tokens (it only applies on first start)');
    }
    // The rule pack (and an organisation's own, FIREBREAK_RULE_PACKS) is checked now: a broken
    // file stops the start with its line and field, not the first fact set during an incident.
    await rulePack();
    const demoSeeded = options.demo ? await seedDemo(store.db, now(), { history: options.demoHistory ?? true }) : false;
    const webRoot =
      options.webRoot ?? (existsSync(join(DEFAULT_WEB_ROOT, 'index.html')) ? DEFAULT_WEB_ROOT : undefined);
    // Only when the UI's sources are here but not built: a server without apps/web says nothing.
    if (!webRoot && existsSync(join(DEFAULT_WEB_ROOT, '..', 'package.json')))
      options.log?.('web UI not built (npm run build -w @firebreak/web); serving the API only');
    const retentionDays = options.telemetryRetentionDays ?? retentionFromEnv();
    const events = new EventBus({
      fanout: openFanout(store.kind, options.databaseUrl, options.scaleOut ?? {}, logger),
      ...(options.scaleOut?.checkEveryMs !== undefined ? { checkEveryMs: options.scaleOut.checkEveryMs } : {}),
    });
    await events.start();
    cleanups.push(() => events.close());
    const checkpointKey = await openCheckpointKey({
      path: options.checkpointKeyPath ?? process.env.FIREBREAK_CHECKPOINT_KEY,
      // On PostgreSQL too: the key must outlive the process and stay out of the database (ADR 13).
      dataDir: options.dataDir,
      ...(options.log ? { log: options.log } : {}),
    });
    const settings = await loadChannelSettings(options);
    const channels = configuredChannels(settings);
    if (channels.length === 0)
      options.log?.('no notification channels configured (FIREBREAK_CHANNELS_FILE): incidents notify nobody yet');
    else options.log?.(`notifications go out on: ${channels.join(', ')}`);
    // Filled in with the listen URL below when no public URL was given.
    const notify: NotifyConfig = {
      publicUrl: settings.publicUrl,
      channels,
      slackPostsToChannel: Boolean(
        settings.channels.slack?.kind === 'slack' &&
          (settings.channels.slack.webhookUrl || settings.channels.slack.channel),
      ),
    };
    const metrics = createMetrics();
    const role = await startDetectionRole({
      nats: options.nats,
      db: store.db,
      log: logger,
      events,
      now,
      notify,
      metrics,
    });
    const detection = role.detection;
    cleanups.push(() => role.stop());
    const notifier = new NotificationWorker({
      db: store.db,
      log: logger,
      now,
      deliver: deliverOnChannels(settings, { now, policy: options.deliveryPolicy ?? DELIVERY_POLICY }),
      onSettled: recordDeliveries({ db: store.db, log: logger, events, now }),
      metrics,
      ...options.notifications,
    });
    notifier.start();
    cleanups.push(() => notifier.stop());
    let singletons: Singletons | undefined;
    const app = createApp({
      db: store.db,
      log: logger,
      now,
      store: store.kind,
      version: VERSION,
      events,
      ...(detection ? { onTelemetry: () => detection.wake(), detection } : {}),
      ...(role.telemetryLog ? { telemetryLog: role.telemetryLog } : {}),
      checkpointKey,
      paging: {
        notify,
        settings,
        wakeDelivery: () => notifier.wake(),
        wakeEscalation: () => singletons?.wakeEscalation(),
      },
      rateLimits: options.rateLimits ?? rateLimitsFromEnv(),
      intake: options.intake ?? intakeFromEnv(),
      metrics,
      ...metricsTokenOption(options.metricsToken ?? process.env.FIREBREAK_METRICS_TOKEN),
      ...(webRoot ? { webRoot } : {}),
    });
    const stopPruning = schedulePruning(store.db, now, retentionDays, logger);
    cleanups.push(stopPruning);
    const stopExpiry = scheduleExpiry({ db: store.db, log: logger, events, now });
    cleanups.push(stopExpiry);
    // Scheduled work that must run once, whatever the number of replicas: on the elected leader.
    const leader = await electLeader({
      databaseUrl: options.databaseUrl,
      log: logger,
      ...(options.scaleOut?.leaderEveryMs ? { everyMs: options.scaleOut.leaderEveryMs } : {}),
      lead: () => {
        const started = startSingletons({
          db: store.db,
          log: logger,
          events,
          now,
          notify,
          checkpointKey,
          escalationEveryMs: options.escalationEveryMs,
          canaryEveryMs: options.canaryEveryMs,
          telemetryLog: role.telemetryLog,
        });
        singletons = started;
        return () => {
          singletons = undefined;
          return started.stop();
        };
      },
    });
    cleanups.push(() => leader.close());
    const timeouts = { ...timeoutsFromEnv(), ...options.timeouts };
    const server = await listen(app.fetch, options.port, options.host, timeouts);
    const port = (server.address() as AddressInfo).port;
    const host = options.host.includes(':') ? `[${options.host}]` : options.host;
    if (!settings.publicUrl) {
      settings.publicUrl = `http://${host}:${port}`;
      notify.publicUrl = settings.publicUrl;
    }
    return {
      url: `http://${host}:${port}`,
      port,
      store: store.kind,
      storeLocation: store.location,
      ...(bootstrap.secret ? { adminToken: bootstrap.secret } : {}),
      adminTokenCreated: bootstrap.created,
      demoSeeded,
      fanout: events.fanoutKind,
      leading: () => leader.leading,
      close: async () => {
        stopPruning();
        stopExpiry();
        await leader.close();
        await role.stop();
        await notifier.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections?.();
        });
        await events.close();
        await store.close();
      },
    };
  } catch (error) {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await store.close();
    throw error;
  }
}

/** The channels' settings: given, or from the channels file, with the public URL and the ack-link secret. */
async function loadChannelSettings(options: StartServerOptions): Promise<ChannelSettings> {
  const path = options.channels ? undefined : channelsFilePath(process.env.FIREBREAK_CHANNELS_FILE, options.dataDir);
  const file = options.channels
    ? ChannelsFile.parse(options.channels)
    : path
      ? await readChannelsFile(path)
      : ChannelsFile.parse({});
  if (path) options.log?.(`channels from ${path}`);
  const ackSecret = openAckSecret({
    secret: options.ackSecret ?? process.env.FIREBREAK_ACK_SECRET,
    dataDir: options.dataDir,
    ...(options.log ? { log: options.log } : {}),
  });
  // An empty public URL means "the listen URL", filled in once the port is known.
  return channelSettings(file, { publicUrl: options.publicUrl ?? process.env.FIREBREAK_PUBLIC_URL ?? '', ackSecret });
}

/** Inline tries per delivery; the outbox retries after that, with its own back-off (ADR 22). */
const DELIVERY_POLICY: RetryPolicyInput = { maxAttempts: 2, baseDelayMs: 500, maxDelayMs: 2_000, timeoutMs: 10_000 };

const PRUNE_EVERY_MS = 60 * 60_000;

/** Deletes raw telemetry past its retention now and every hour; returns how to stop. */
function schedulePruning(db: Db, now: () => Date, days: number, logger: Logger): () => void {
  const prune = async () => {
    try {
      const removed = await pruneTelemetry(db, new Date(now().getTime() - days * 86_400_000));
      if (removed > 0) logger.info({ removed, retentionDays: days }, 'raw telemetry pruned');
    } catch (error) {
      logger.error({ err: error }, 'telemetry pruning failed');
    }
  };
  void prune();
  const timer = setInterval(prune, PRUNE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

function retentionFromEnv(): number {
  return numberFromEnv('FIREBREAK_TELEMETRY_RETENTION_DAYS', 'a positive number of days') ?? 30;
}

function rateLimitsFromEnv(): RateLimits {
  return {
    requestsPerMinute:
      numberFromEnv('FIREBREAK_RATE_LIMIT_REQUESTS_PER_MINUTE', 'a number of requests (0 turns it off)', true) ??
      DEFAULT_RATE_LIMITS.requestsPerMinute,
    telemetryEventsPerSecond:
      numberFromEnv('FIREBREAK_RATE_LIMIT_TELEMETRY_EVENTS_PER_SECOND', 'a number of events (0 turns it off)', true) ??
      DEFAULT_RATE_LIMITS.telemetryEventsPerSecond,
    statusPageRequestsPerMinute:
      numberFromEnv('FIREBREAK_RATE_LIMIT_STATUS_PAGE_PER_MINUTE', 'a number of requests (0 turns it off)', true) ??
      DEFAULT_RATE_LIMITS.statusPageRequestsPerMinute,
    inboundRequestsPerMinute:
      numberFromEnv('FIREBREAK_RATE_LIMIT_INBOUND_PER_MINUTE', 'a number of requests (0 turns it off)', true) ??
      DEFAULT_RATE_LIMITS.inboundRequestsPerMinute,
    inboundAuthFailuresPerMinute:
      numberFromEnv(
        'FIREBREAK_RATE_LIMIT_INBOUND_AUTH_FAILURES_PER_MINUTE',
        'a number of failures (0 turns it off)',
        true,
      ) ?? DEFAULT_RATE_LIMITS.inboundAuthFailuresPerMinute,
  };
}

/** The metrics token, when one is set; an empty one is as good as none. */
function metricsTokenOption(token: string | undefined): { metricsToken?: string } {
  return token ? { metricsToken: token } : {};
}

/** The report intake's settings from the environment (docs/external-reports.md). */
function intakeFromEnv(): NonNullable<AppOptions['intake']> {
  const perAddress = numberFromEnv('FIREBREAK_INTAKE_PER_ADDRESS', 'a positive number of reports per 10 minutes');
  const globalPerHour = numberFromEnv('FIREBREAK_INTAKE_PER_HOUR', 'a positive number of reports an hour');
  const trust = trustProxyFromEnv(process.env);
  const systems = (process.env.FIREBREAK_INTAKE_SYSTEMS ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return {
    limits: {
      ...(perAddress ? { perAddress } : {}),
      ...(globalPerHour ? { globalPerHour } : {}),
      ...(trust > 0 ? { trustProxy: trust } : {}),
    },
    systems,
  };
}

/**
 * FIREBREAK_TRUST_PROXY=N: the server is behind N reverse proxies, each appending the address it
 * saw to `X-Forwarded-For` (1: one proxy; 2: a CDN, then a load balancer), and every per-address
 * limit (report intake, inbound wrong secrets, the public status page) counts the N-th address
 * from the right. 0 (the default): the socket's. FIREBREAK_INTAKE_TRUST_PROXY is its older name.
 */
export function trustProxyFromEnv(env: Record<string, string | undefined>): number {
  const read = (name: string) => {
    const value = env[name]?.trim();
    if (value === undefined || value === '') return undefined;
    if (!/^\d{1,2}$/.test(value) || Number(value) > 10)
      throw new Error(`${name} is "${value}": expected how many proxies you run in front (1, 2…, at most 10) or 0`);
    return Number(value);
  };
  const general = read('FIREBREAK_TRUST_PROXY');
  const older = read('FIREBREAK_INTAKE_TRUST_PROXY');
  if (general !== undefined && older !== undefined && general !== older)
    throw new Error(
      'FIREBREAK_TRUST_PROXY and FIREBREAK_INTAKE_TRUST_PROXY disagree: set FIREBREAK_TRUST_PROXY only (the other is its older name)',
    );
  return general ?? older ?? 0;
}

function timeoutsFromEnv(): ServerTimeouts {
  const seconds = (name: string) => numberFromEnv(name, 'a positive number of seconds');
  const request = seconds('FIREBREAK_REQUEST_TIMEOUT_SECONDS');
  const headers = seconds('FIREBREAK_HEADERS_TIMEOUT_SECONDS');
  return {
    ...DEFAULT_TIMEOUTS,
    ...(request ? { requestMs: request * 1000 } : {}),
    ...(headers ? { headersMs: headers * 1000 } : {}),
  };
}

/** A number from the environment, or undefined when unset; a bad one stops the start, naming it. */
function numberFromEnv(name: string, expected: string, zeroAllowed = false): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (value === 0 && !zeroAllowed)) {
    throw new Error(`${name} is "${raw}": expected ${expected}`);
  }
  return value;
}

type NodeServer = ReturnType<typeof serve> & { closeAllConnections?: () => void };

function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
  hostname: string,
  timeouts: ServerTimeouts,
): Promise<NodeServer> {
  return new Promise((resolve, reject) => {
    const headersMs = Math.min(timeouts.headersMs, timeouts.requestMs);
    const serverOptions = {
      requestTimeout: timeouts.requestMs,
      headersTimeout: headersMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      // How often Node looks for requests past their timeout (30 s by default, too coarse).
      connectionsCheckingInterval: Math.max(100, Math.min(5_000, Math.floor(headersMs / 2))),
    };
    const server = serve({ fetch, port, hostname, serverOptions }) as NodeServer;
    server.once('listening', () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EADDRINUSE' ? `port ${port} on ${hostname} is already in use` : error.message;
      reject(new Error(`cannot listen: ${reason}`, { cause: error }));
    });
  });
}

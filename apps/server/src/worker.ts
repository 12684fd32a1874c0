import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import pino, { type Logger } from 'pino';
import { openStore } from './db/connect';
import {
  claimPartitions,
  ensurePartitions,
  heartbeat,
  type PartitionLease,
  releasePartition,
  renewLeases,
  savePartitionCheckpoint,
} from './detection/partition-store';
import { DetectionRuntime } from './detection/runtime';
import { EventBus } from './events/bus';
import { openFanout, type ScaleOutOptions } from './events/open-fanout';
import type { NotifyConfig } from './notifications/plan';
import { serveWorkerEndpoint, type WorkerEndpoint } from './observability/worker-endpoint';
import { createWorkerMetrics, type WorkerStats } from './observability/worker-metrics';
import {
  type JetStreamOptions,
  JetStreamTelemetry,
  type PartitionReader,
  partitionOf,
  ReaderFailed,
} from './telemetry/jetstream';
import { archiveTelemetry } from './telemetry/store';

export interface WorkerOptions {
  /** PostgreSQL URL (DATABASE_URL): the system of record the group shares. */
  databaseUrl: string;
  /** The telemetry stream (FIREBREAK_NATS_URL and friends). */
  nats: JetStreamOptions;
  /** This worker's name in leases; unique per process (host, pid and a random suffix unless given). */
  id?: string;
  /** How long a lease lasts without renewal (FIREBREAK_LEASE_MS, default 6 s); renewed every third of it. */
  leaseMs?: number;
  /** How often an engine checkpoints when nothing alerts (default 2 s: the replay a takeover faces). */
  snapshotEveryMs?: number;
  /** Poll interval of each partition's engine (default 100 ms). */
  pollMs?: number;
  logger?: Logger;
  now?: () => Date;
  notify?: NotifyConfig;
  /**
   * How the alerts this worker raises reach the API replicas' live streams (docs/adr/0043):
   * PostgreSQL LISTEN/NOTIFY unless FIREBREAK_FANOUT says otherwise.
   */
  scaleOut?: ScaleOutOptions;
  /**
   * Serve `/metrics` (partitions held, events read and processed, lag per partition, lease
   * renewals and losses), `/healthz` and `/readyz` on this port (0: any free one) and host
   * (127.0.0.1 unless given). `/metrics` wants `token` (FIREBREAK_METRICS_TOKEN) when set.
   * No port is opened without it.
   */
  metrics?: { port: number; host?: string; token?: string };
}

export interface RunningWorker {
  id: string;
  /** Where `/metrics` and `/healthz` answer, when the worker was given a metrics port. */
  metricsUrl?: string;
  /** The partitions this worker runs now. */
  owned(): number[];
  /** Events this worker's engines have read (replays after a takeover count again). */
  processed(): number;
  /** Events queued or still in the stream for this worker's partitions (an estimate, see ADR 42). */
  lag(): number;
  /** Final checkpoint of each partition, leases released, connections closed. */
  stop(): Promise<void>;
  /** Stops at once without a checkpoint or a release, as `kill -9` would (tests). */
  kill(): Promise<void>;
  /** Stops renewing leases but keeps the engines running: a paused "zombie" (tests of fencing). */
  pauseLeases(): void;
}

interface Held {
  lease: PartitionLease;
  reader: PartitionReader;
  runtime: DetectionRuntime;
}

/**
 * A detection worker of a group: holds leases on some partitions of the telemetry stream (at
 * most its fair share of them while others are alive), runs one engine per partition from its
 * last checkpoint, and checkpoints alerts, engine state, stream offset and the batches it read
 * in one transaction that is refused once another worker has taken the partition over.
 */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const logger = options.logger ?? pino({ level: process.env.FIREBREAK_LOG_LEVEL ?? 'info' });
  const now = options.now ?? (() => new Date());
  const id = options.id ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const leaseMs = options.leaseMs ?? 6_000;
  const store = await openStore({
    databaseUrl: options.databaseUrl,
    onIdleError: (error) => logger.warn({ err: error }, 'database connection dropped; it will be reopened'),
  });
  const held = new Map<number, Held>();
  /** Events read by engines, and pulled by readers, this worker no longer runs. */
  let processedBefore = 0;
  let readBefore = 0;
  const retire = (entry: Held) => {
    processedBefore += entry.runtime.eventsRead;
    readBefore += entry.reader.received;
  };
  const processed = () => [...held.values()].reduce((sum, entry) => sum + entry.runtime.eventsRead, processedBefore);
  const stats = async (): Promise<WorkerStats> => ({
    partitions: await Promise.all(
      [...held]
        .sort(([a], [b]) => a - b)
        .map(async ([partition, entry]) => ({ partition, lag: await entry.runtime.lag() })),
    ),
    read: [...held.values()].reduce((sum, entry) => sum + entry.reader.received, readBefore),
    processed: processed(),
  });
  const metrics = createWorkerMetrics({ stats, defaults: options.metrics !== undefined });
  let log: JetStreamTelemetry | undefined;
  let endpoint: WorkerEndpoint | undefined;
  let events: EventBus | undefined;
  try {
    events = new EventBus({ fanout: openFanout('postgres', options.databaseUrl, options.scaleOut ?? {}, logger) });
    log = await JetStreamTelemetry.open({ logger, ...options.nats });
    await ensurePartitions(store.db, log.partitions);
    if (options.metrics)
      endpoint = await serveWorkerEndpoint({
        db: store.db,
        registry: metrics.registry,
        port: options.metrics.port,
        host: options.metrics.host ?? '127.0.0.1',
        metricsToken: options.metrics.token ?? (process.env.FIREBREAK_METRICS_TOKEN || undefined),
      });
    // The fanout last: a start that fails anywhere closes what it had opened, the fanout's
    // connection included, instead of leaving a half-started worker holding connections.
    await events.start();
    // Announce first, claim one round later: workers starting together then share from the start.
    await heartbeat(store.db, id, now(), leaseMs);
  } catch (error) {
    const quietly = (closing: Promise<unknown> | undefined) => closing?.catch(() => undefined);
    await quietly(events?.close());
    await quietly(endpoint?.close());
    await quietly(log?.close());
    await quietly(store.close());
    throw error;
  }
  const stream = log;
  const bus = events;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let ticking: Promise<void> | undefined;

  const drop = async (partition: number, reason: string) => {
    const entry = held.get(partition);
    if (!entry) return;
    held.delete(partition);
    await entry.runtime.halt();
    await entry.reader.close();
    retire(entry);
    logger.info({ worker: id, partition, epoch: entry.lease.epoch }, `partition dropped: ${reason}`);
  };

  const take = async (lease: PartitionLease) => {
    const reader = await stream.reader(lease.partition, lease.offset);
    const runtime = new DetectionRuntime({
      db: store.db,
      log: logger,
      events: bus,
      now,
      notify: options.notify,
      metrics,
      snapshotEveryMs: options.snapshotEveryMs ?? 2_000,
      pollMs: options.pollMs ?? 100,
      owns: (system) => partitionOf(system, stream.partitions) === lease.partition,
      source: {
        read: async (_offset, limit, maxEvents) => reader.read(limit, maxEvents),
        behind: async () => ({ events: reader.behind(), oldest: reader.oldest() }),
      },
      checkpoint: {
        keepsBatches: true,
        load: async () => (lease.state ? { state: lease.state, offset: lease.offset } : undefined),
        save: async (tx, state, offset, at, consumed) => {
          await savePartitionCheckpoint(tx, lease.partition, lease.epoch, state, offset, at);
          await archiveTelemetry(tx, consumed);
        },
      },
      onFenced: () => {
        metrics.leasesLost.inc({ reason: 'fenced' });
        void drop(lease.partition, 'fenced: another worker holds it now');
      },
      // The stream reader cannot go back: give the partition up at once, so it is taken again
      // (here or elsewhere) from its last checkpoint and what this engine had read is read again.
      onFailed: (error) => {
        // A reader whose consumer failed is replaced the same way: a new one at the checkpoint.
        metrics.leasesLost.inc({ reason: error instanceof ReaderFailed ? 'reader' : 'failed' });
        void drop(lease.partition, 'a step failed; retaking it from its last checkpoint').then(() =>
          releasePartition(store.db, id, lease.partition, lease.epoch).catch((error: unknown) =>
            logger.warn(
              { err: error, partition: lease.partition },
              'could not release the partition; its lease expires',
            ),
          ),
        );
      },
    });
    held.set(lease.partition, { lease, reader, runtime });
    await runtime.start();
    logger.info(
      { worker: id, partition: lease.partition, epoch: lease.epoch, offset: lease.offset },
      'partition taken',
    );
  };

  const tick = async () => {
    const at = now();
    const until = new Date(at.getTime() + leaseMs);
    const alive = await heartbeat(store.db, id, at, leaseMs);
    const epochs = new Map([...held].map(([partition, entry]) => [partition, entry.lease.epoch]));
    const renewed = new Set(await renewLeases(store.db, id, epochs, until));
    metrics.leaseRenewals.inc(renewed.size);
    for (const partition of epochs.keys()) {
      if (renewed.has(partition) || !held.has(partition)) continue;
      metrics.leasesLost.inc({ reason: 'expired' });
      await drop(partition, 'lease lost');
    }
    const share = Math.ceil(stream.partitions / alive);
    if (held.size < share) {
      for (const lease of await claimPartitions(store.db, id, share - held.size, at, until)) await take(lease);
    } else if (held.size > share) {
      // Others joined: hand the surplus back after a final checkpoint, so they can take it at once.
      for (const partition of [...held.keys()].sort((a, b) => b - a).slice(0, held.size - share)) {
        const entry = held.get(partition)!;
        held.delete(partition);
        await entry.runtime.stop().catch(() => undefined);
        await entry.reader.close();
        retire(entry);
        await releasePartition(store.db, id, partition, entry.lease.epoch);
        logger.info({ worker: id, partition }, 'partition handed back (fair share)');
      }
    }
  };

  const schedule = (delay: number) => {
    timer = setTimeout(() => {
      ticking = tick()
        .catch((error: unknown) => logger.error({ err: error, worker: id }, 'lease round failed; will retry'))
        .finally(() => {
          ticking = undefined;
          if (!stopped) schedule(Math.max(100, Math.floor(leaseMs / 3)));
        });
    }, delay);
  };
  schedule(Math.min(1_000, Math.floor(leaseMs / 3)));

  const halt = async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await ticking;
  };
  const close = async () => {
    await endpoint?.close();
    await bus.close();
    await stream.close();
    await store.close();
  };
  return {
    id,
    ...(endpoint ? { metricsUrl: endpoint.url } : {}),
    owned: () => [...held.keys()].sort((a, b) => a - b),
    processed,
    lag: () => [...held.values()].reduce((sum, entry) => sum + entry.reader.behind(), 0),
    pauseLeases: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
    stop: async () => {
      await halt();
      for (const [partition, entry] of [...held]) {
        held.delete(partition);
        await entry.runtime
          .stop()
          .catch((error: unknown) => logger.warn({ err: error, partition }, 'final checkpoint refused'));
        await entry.reader.close();
        retire(entry);
        await releasePartition(store.db, id, partition, entry.lease.epoch);
      }
      await close();
    },
    kill: async () => {
      await halt();
      for (const entry of held.values()) {
        await entry.runtime.halt();
        await entry.reader.close();
        retire(entry);
      }
      held.clear();
      await close();
    },
  };
}

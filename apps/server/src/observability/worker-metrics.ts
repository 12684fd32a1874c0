import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { alertsOpenedCounter, type DetectionLag } from './metrics';

/** What a detection worker reports at each scrape (read from it, not counted twice). */
export interface WorkerStats {
  /** The partitions it holds now, each with how far its engine is behind the stream. */
  partitions: ReadonlyArray<{ partition: number; lag: DetectionLag }>;
  /** Events its partition readers have pulled from the stream since it started (never goes down). */
  read: number;
  /** Events its engines have processed since it started (replays after a takeover count again). */
  processed: number;
}

/**
 * The metrics of a detection worker (`firebreak worker --metrics-port`, docs/scale-out.md), on a
 * registry of its own. The lag gauges keep the server's names with a `partition` label: a worker
 * shows only the partitions it holds, so `sum(firebreak_detection_lag_events)` over the workers
 * is the group's lag. Lease counters are incremented by the worker as leases are renewed or lost.
 *
 * @example
 * const metrics = createWorkerMetrics({ stats: async () => ({ partitions: [], read: 0, processed: 0 }) });
 * metrics.leaseRenewals.inc(4);
 * const text = await metrics.registry.metrics();
 */
export function createWorkerMetrics(options: { stats: () => Promise<WorkerStats>; defaults?: boolean }) {
  const registry = new Registry();
  if (options.defaults ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  // One read of the worker serves every metric of a scrape.
  let pending: Promise<WorkerStats> | undefined;
  const stats = () => {
    pending ??= options.stats().finally(() => {
      pending = undefined;
    });
    return pending;
  };
  /** Counters follow a total the worker keeps: each scrape adds what it grew by. */
  const following = (total: (value: WorkerStats) => number) => {
    let seen = 0;
    return async function (this: Counter) {
      const now = total(await stats());
      if (now > seen) this.inc(now - seen);
      seen = Math.max(seen, now);
    };
  };
  new Gauge({
    name: 'firebreak_worker_partitions_held',
    help: 'Partitions of the telemetry stream this worker holds a lease on and runs an engine for',
    registers,
    async collect() {
      this.set((await stats()).partitions.length);
    },
  });
  new Counter({
    name: 'firebreak_worker_events_read_total',
    help: 'Telemetry events this worker pulled from the stream (replays after a takeover count again)',
    registers,
    collect: following((value) => value.read),
  });
  new Counter({
    name: 'firebreak_worker_events_processed_total',
    help: 'Telemetry events this worker’s engines processed (replays after a takeover count again)',
    registers,
    collect: following((value) => value.processed),
  });
  const lagGauge = (name: string, help: string, pick: (lag: DetectionLag) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['partition'] as const,
      registers,
      async collect() {
        const held = (await stats()).partitions;
        // Partitions given up since the last scrape disappear rather than keep their last value.
        this.reset();
        for (const { partition, lag } of held) this.set({ partition: String(partition) }, pick(lag));
      },
    });
  lagGauge(
    'firebreak_detection_lag_events',
    'Telemetry events in the stream this partition’s engine has not processed yet (an estimate, ADR 42)',
    (lag) => lag.events,
  );
  lagGauge(
    'firebreak_detection_lag_seconds',
    'How long the oldest batch this partition’s engine has pulled but not processed has waited (0 when caught up)',
    (lag) => lag.seconds,
  );
  const leasesLost = new Counter({
    name: 'firebreak_worker_leases_lost_total',
    help: 'Partition leases this worker lost: expired (not renewed in time, another took it), fenced (a checkpoint refused) failed (a step failed) or reader (its stream consumer failed); the last two are given up to be taken again from the last checkpoint',
    labelNames: ['reason'] as const,
    registers,
  });
  for (const reason of ['expired', 'fenced', 'failed', 'reader']) leasesLost.inc({ reason }, 0);
  return {
    registry,
    alertsOpened: alertsOpenedCounter(registry),
    leaseRenewals: new Counter({
      name: 'firebreak_worker_lease_renewals_total',
      help: 'Partition leases this worker renewed (one per partition held, every third of the lease time)',
      registers,
    }),
    leasesLost,
  };
}

export type WorkerMetrics = ReturnType<typeof createWorkerMetrics>;

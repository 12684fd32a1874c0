import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** How far detection is behind the durable telemetry log, as the detection runtime reads it. */
export interface DetectionLag {
  /** Events accepted into the log that detection has not read yet. */
  events: number;
  /** Age of the oldest unread batch (0 when detection has read everything). */
  seconds: number;
}

/** A count of open connections: one `inc` when a client connects, one `dec` when it goes. */
export interface ConnectionCount {
  inc(): void;
  dec(): void;
}

/**
 * Every metric Firebreak exposes at `GET /metrics` (docs/adr/0039), registered on a registry of
 * its own so several apps in one process (the tests) count apart. Labels stay low-cardinality:
 * route patterns, never paths; channel kinds, never recipients; alert levels, never systems.
 *
 * @example
 * const metrics = createMetrics();
 * metrics.telemetryAccepted.inc(120);
 * const text = await metrics.registry.metrics();
 */
export function createMetrics(options: { defaults?: boolean } = {}) {
  const registry = new Registry();
  if (options.defaults ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const metrics = {
    registry,
    telemetryAccepted: new Counter({
      name: 'firebreak_telemetry_events_accepted_total',
      help: 'Telemetry events accepted into the durable log (POST /api/v1/telemetry)',
      registers,
    }),
    telemetryRejected: new Counter({
      name: 'firebreak_telemetry_events_rejected_total',
      help: 'Telemetry events refused one by one for what is wrong with them (the batch went on)',
      registers,
    }),
    alertsOpened: alertsOpenedCounter(registry),
    inboundAlerts: new Counter({
      name: 'firebreak_inbound_alerts_total',
      help: 'Alerts received from inbound integrations, by kind and what they changed (opened, resolved, acknowledged, unchanged)',
      labelNames: ['kind', 'change'] as const,
      registers,
    }),
    inboundTruncated: new Counter({
      name: 'firebreak_inbound_truncated_alerts_total',
      help: 'Alerts a source said it left out of a request (Alertmanager truncatedAlerts), by kind',
      labelNames: ['kind'] as const,
      registers,
    }),
    notificationDeliveries: new Counter({
      name: 'firebreak_notification_deliveries_total',
      help: 'Notification delivery attempts by channel kind and outcome (delivered, retry, failed: no attempt left)',
      labelNames: ['channel', 'outcome'] as const,
      registers,
    }),
    sseClients: new Gauge({
      name: 'firebreak_sse_clients',
      help: 'Server-Sent Events clients connected, by stream (events, controls)',
      labelNames: ['stream'] as const,
      registers,
    }),
    httpRequests: new Counter({
      name: 'firebreak_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers,
    }),
    httpErrors: new Counter({
      name: 'firebreak_http_errors_total',
      help: 'HTTP requests that failed on the server (status 500 and above), by method and route pattern',
      labelNames: ['method', 'route'] as const,
      registers,
    }),
    httpDuration: new Histogram({
      name: 'firebreak_http_request_duration_seconds',
      help: 'Time to answer an HTTP request (to the first byte of a stream), by method and route pattern',
      labelNames: ['method', 'route'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    /**
     * Registers the lag gauges, read from `source` at each scrape: only a process that runs
     * detection has them, rather than a 0 that would look caught up.
     */
    watchDetection(source: () => Promise<DetectionLag>): void {
      if (registry.getSingleMetric('firebreak_detection_lag_events')) return;
      // One read of the log serves both gauges of a scrape; a failed read leaves the last values.
      let pending: Promise<DetectionLag | undefined> | undefined;
      const lag = () => {
        pending ??= source()
          .catch(() => undefined)
          .finally(() => {
            pending = undefined;
          });
        return pending;
      };
      new Gauge({
        name: 'firebreak_detection_lag_events',
        help: 'Telemetry events in the durable log that detection has not read yet',
        registers,
        async collect() {
          const value = await lag();
          if (value) this.set(value.events);
        },
      });
      new Gauge({
        name: 'firebreak_detection_lag_seconds',
        help: 'How long the oldest telemetry batch detection has not read has waited (0 when caught up)',
        registers,
        async collect() {
          const value = await lag();
          if (value) this.set(value.seconds);
        },
      });
    },
  };
  // Series that exist from the start read 0 rather than missing, so a rate or an alert on them works at once.
  for (const stream of ['events', 'controls']) metrics.sseClients.set({ stream }, 0);
  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Alerts opened by level: counted by whatever runs detection, a server or a worker. */
export function alertsOpenedCounter(registry: Registry): Counter<'level'> {
  const counter = new Counter({
    name: 'firebreak_alerts_opened_total',
    help: 'Alerts detection opened, by level (warn or page)',
    labelNames: ['level'] as const,
    registers: [registry],
  });
  for (const level of ['warn', 'page']) counter.inc({ level }, 0);
  return counter;
}

/**
 * Counts a client in, and returns how to count it out: once, however often it is called (a stream
 * both aborts and finishes).
 */
export function connectionCounted(count: ConnectionCount | undefined): () => void {
  count?.inc();
  let gone = false;
  return () => {
    if (gone) return;
    gone = true;
    count?.dec();
  };
}

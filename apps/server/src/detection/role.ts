import type { Logger } from 'pino';
import type { Db } from '../db/connect';
import type { EventBus } from '../events/bus';
import type { NotifyConfig } from '../notifications/plan';
import type { Metrics } from '../observability/metrics';
import { type JetStreamOptions, JetStreamTelemetry } from '../telemetry/jetstream';
import type { TelemetryLog } from '../telemetry/log';
import { DetectionRuntime } from './runtime';

/** What a server process does about telemetry and detection: its role in the layout (ADR 42). */
export interface DetectionRole {
  /** The engine this process runs (embedded mode); absent on an API replica. */
  detection?: DetectionRuntime;
  /** Where ingest puts accepted telemetry (the JetStream stream on an API replica; the table otherwise). */
  telemetryLog?: TelemetryLog;
  stop(): Promise<void>;
}

/**
 * Embedded (no `nats`): one runtime over `telemetry_batches`, the default of `npm start`. With
 * `nats`: an API replica, which publishes telemetry to the stream and runs no engine; detection
 * workers (`firebreak worker`) own the partitions.
 */
export async function startDetectionRole(options: {
  nats?: JetStreamOptions | undefined;
  db: Db;
  log: Logger;
  events: EventBus;
  now: () => Date;
  notify: NotifyConfig;
  metrics: Metrics;
}): Promise<DetectionRole> {
  if (options.nats) {
    const stream = await JetStreamTelemetry.open({ logger: options.log, ...options.nats });
    return { telemetryLog: stream, stop: () => stream.close() };
  }
  const { db, log, events, now, notify, metrics } = options;
  const detection = new DetectionRuntime({ db, log, events, now, notify, metrics });
  metrics.watchDetection(() => detection.lag());
  await detection.start();
  return { detection, stop: () => detection.stop() };
}

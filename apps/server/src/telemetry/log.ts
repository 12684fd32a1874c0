import type { TelemetryEvent } from '@firebreak/contract';
import type { Tx } from '../db/connect';
import { appendTelemetry } from './store';

/**
 * Where accepted telemetry goes before the 202 (ADR 42): the `telemetry_batches` table of the
 * embedded, single-process mode, or a NATS JetStream stream partitioned by system when API
 * replicas and detection workers run apart. Either way the events are durable when `append`
 * returns.
 */
export interface TelemetryLog {
  /**
   * `key`, when given, names the batch: the same key appended again (a retry after the caller's
   * transaction failed) is stored once, within the stream's duplicate window. The table log needs
   * none, as its append commits or rolls back with the caller's transaction.
   */
  append(
    events: readonly TelemetryEvent[],
    texts: readonly string[],
    receivedAt: Date,
    db: Tx,
    key?: string,
  ): Promise<void>;
}

/** One batch of the log as a reader gets it: the events as stored JSON text, and where it sits. */
export interface LogBatch {
  seq: number;
  events: string;
  count: number;
  systems: string[];
  receivedAt: Date;
}

/** The embedded log: the `telemetry_batches` table, one transaction per accepted batch. */
export const tableTelemetryLog: TelemetryLog = {
  append: (events, texts, receivedAt, db) => db.transaction((tx) => appendTelemetry(tx, events, receivedAt, texts)),
};

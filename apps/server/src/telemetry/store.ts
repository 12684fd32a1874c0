import type { TelemetryEvent } from '@firebreak/contract';
import { asc, gt, lt } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { telemetryBatches } from '../db/schema';

/**
 * Appends a batch of accepted events to the durable telemetry log: one row, one statement.
 * `texts` are the events as JSON when the caller has them already (ingest measured them).
 */
export async function appendTelemetry(
  tx: Tx,
  events: readonly TelemetryEvent[],
  receivedAt: Date,
  texts?: readonly string[],
): Promise<void> {
  const systems = [...new Set(events.map((event) => event.system))];
  const json = texts ? `[${texts.join(',')}]` : JSON.stringify(events);
  await tx.insert(telemetryBatches).values({ receivedAt, count: events.length, systems, events: json });
}

/** The batches after `offset`, oldest first, at most `limit` of them. */
export async function readTelemetry(
  tx: Tx,
  offset: number,
  limit: number,
): Promise<Array<{ seq: number; events: TelemetryEvent[] }>> {
  const rows = await tx
    .select({ seq: telemetryBatches.seq, events: telemetryBatches.events })
    .from(telemetryBatches)
    .where(gt(telemetryBatches.seq, offset))
    .orderBy(asc(telemetryBatches.seq))
    .limit(limit);
  return rows.map((row) => ({ seq: row.seq, events: JSON.parse(row.events) as TelemetryEvent[] }));
}

/** Deletes raw events received before `before`; returns how many events went. */
export async function pruneTelemetry(tx: Tx, before: Date): Promise<number> {
  const deleted = await tx
    .delete(telemetryBatches)
    .where(lt(telemetryBatches.receivedAt, before))
    .returning({ count: telemetryBatches.count });
  return deleted.reduce((sum, row) => sum + row.count, 0);
}

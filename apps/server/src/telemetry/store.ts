import type { TelemetryEvent } from '@firebreak/contract';
import { and, asc, gt, lt, lte } from 'drizzle-orm';
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

/**
 * The batches after `offset`, oldest first, at most `limit` of them and, when `maxEvents` is
 * given, no more events than that in all (but always the first batch): a reader's memory is
 * bounded by events, not by how the senders happened to batch them.
 */
export async function readTelemetry(
  tx: Tx,
  offset: number,
  limit: number,
  maxEvents?: number,
): Promise<Array<{ seq: number; events: TelemetryEvent[] }>> {
  let last: number | undefined;
  if (maxEvents !== undefined) {
    const counts = await tx
      .select({ seq: telemetryBatches.seq, count: telemetryBatches.count })
      .from(telemetryBatches)
      .where(gt(telemetryBatches.seq, offset))
      .orderBy(asc(telemetryBatches.seq))
      .limit(limit);
    if (counts.length === 0) return [];
    let total = 0;
    for (const row of counts) {
      if (last !== undefined && total + row.count > maxEvents) break;
      total += row.count;
      last = row.seq;
    }
  }
  const rows = await tx
    .select({ seq: telemetryBatches.seq, events: telemetryBatches.events })
    .from(telemetryBatches)
    .where(
      last === undefined
        ? gt(telemetryBatches.seq, offset)
        : and(gt(telemetryBatches.seq, offset), lte(telemetryBatches.seq, last)),
    )
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
